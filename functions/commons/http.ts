import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod';
import type { ZodType } from 'zod';
import en from 'zod/v4/locales/en.js';
import es from 'zod/v4/locales/es.js';
import { routeById } from '../../lib/api/routes.js';
import { languageFrom } from '../domain/messages.js';
import type { Language } from '../domain/taxonomy.js';
import { type Caller, callerFrom } from './caller.js';
import { conditionalAnswer, type Preconditions, readPreconditions } from './conditional.js';
import { AppError, type FieldProblem, forbidden, invalidInput, unauthorized } from './errors.js';
import { idempotent } from './idempotency.js';
import { logger } from './logger.js';

/** Bodies above this are refused before parsing: intake texts are short, and a big body is a mistake or abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

export interface HttpInput<P, Q, B> {
  readonly event: APIGatewayProxyEvent;
  readonly caller: Caller;
  readonly language: Language;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** If-Match / If-None-Match, for handlers that change a versioned record (route.ifMatch). */
  readonly preconditions: Preconditions;
}

export interface HttpOutput {
  readonly statusCode?: number;
  /** Further response headers (e.g. Location of an accepted job). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

// Only the two languages the product speaks are bundled, not all of zod's locales.
const locales = { es: es().localeError, en: en().localeError };

/**
 * Turns zod issues into field problems in the caller's language. Custom checks carry their own text in
 * `params.es` / `params.en`; zod's own issues use its Spanish or English locale.
 */
export function fieldProblems(error: z.ZodError, language: Language, prefix = ''): FieldProblem[] {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '(body)';
    const params = (issue as { params?: Record<string, string> }).params;
    const localized = params?.[language];
    return { field, problem: localized ?? issue.message };
  });
}

function parseWith<T>(schema: ZodType<T> | undefined, value: unknown, language: Language, prefix: string): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value, {
    error: (issue) => locales[language](issue as never) as string | undefined,
  });
  if (!result.success) throw invalidInput(fieldProblems(result.error, language, prefix));
  return result.data;
}

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? (headers[key] ?? undefined) : undefined;
}

function readJsonBody(event: APIGatewayProxyEvent, language: Language, limit: number): unknown {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text, 'utf8') > limit) {
    throw new AppError(
      413,
      'payload_too_large',
      {
        es: `El cuerpo supera el límite de ${limit / 1024} KB`,
        en: `The body exceeds the ${limit / 1024} KB limit`,
      },
      [{ field: 'body', problem: language === 'es' ? 'demasiado grande' : 'too large' }],
    );
  }
  const contentType = header(event, 'content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new AppError(
      415,
      'unsupported_media_type',
      {
        es: 'El cuerpo debe enviarse como application/json',
        en: 'The body must be sent as application/json',
      },
      [
        {
          field: 'content-type',
          problem: contentType ? `"${contentType}"` : language === 'es' ? 'falta' : 'missing',
        },
      ],
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidInput([{ field: 'body', problem: `JSON: ${(error as Error).message}` }]);
  }
}

const json = (
  statusCode: number,
  body: unknown,
  language: Language,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult => ({
  statusCode,
  headers: {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-language': language,
  },
  body: JSON.stringify(body),
});

/** The one place where errors become HTTP answers; anything unexpected is a logged 500 with a generic text. */
export function errorResponse(error: unknown, language: Language): APIGatewayProxyResult {
  if (error instanceof AppError) {
    return json(
      error.statusCode,
      {
        error: {
          code: error.code,
          message: error.text[language],
          ...(error.details.length > 0
            ? {
                details: error.details.map(({ field, problem }) => ({
                  field,
                  problem: typeof problem === 'string' ? problem : problem[language],
                })),
              }
            : {}),
        },
      },
      language,
    );
  }
  logger.error('Unhandled error', { error: error as Error });
  return json(
    500,
    {
      error: {
        code: 'internal_error',
        message:
          language === 'es'
            ? 'Error interno; el incidente quedó registrado'
            : 'Internal error; the incident has been logged',
      },
    },
    language,
  );
}

/**
 * Wraps a route's logic: the caller from verified claims and its role checked against the route table, then path,
 * query and body validated with the route's own schemas (the ones the OpenAPI document shows), then the logic,
 * then a JSON answer. Bad input never reaches the logic, so it changes nothing.
 */
export function httpHandler<P = unknown, Q = unknown, B = unknown>(
  operationId: string,
  logic: (input: HttpInput<P, Q, B>) => Promise<HttpOutput>,
) {
  const route = routeById(operationId);
  // The logger middleware stamps every log line with the Lambda request id and function (and no event data).
  return middy<APIGatewayProxyEvent, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const language = languageFrom(header(event, 'accept-language'));
      try {
        let caller: Caller = { userId: 'anonymous', cantonId: '', roles: [] };
        if (route.auth === 'token') {
          caller = callerFrom(event);
          if (!caller.roles.some((role) => route.roles.includes(role))) throw forbidden(route.roles);
        } else if (route.auth !== 'public') {
          throw unauthorized();
        }
        const params = parseWith(
          route.pathParams as ZodType<P>,
          event.pathParameters ?? {},
          language,
          'path',
        );
        const query = parseWith(
          route.query as ZodType<Q>,
          event.queryStringParameters ?? {},
          language,
          'query',
        );
        let body = undefined as B;
        if (route.body) {
          const json = readJsonBody(event, language, route.maxBodyBytes ?? MAX_BODY_BYTES);
          body = route.bodyCheckedByHandler
            ? (json as B)
            : parseWith(route.body as ZodType<B>, json, language, '');
        }
        const preconditions = readPreconditions(event, route);
        // A retried POST with the same Idempotency-Key answers the first answer again instead of running twice.
        const output = await idempotent({ route, event, caller, body }, () =>
          logic({ event, caller, language, params, query, body, preconditions }),
        );
        const answer = json(output.statusCode ?? route.successStatus, output.body, language, output.headers);
        return conditionalAnswer(route, preconditions, answer, output.body);
      } catch (error) {
        return errorResponse(error, language);
      }
    });
}
