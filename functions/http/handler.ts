import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type * as z from 'zod';
import type { ZodType } from 'zod';
import en from 'zod/v4/locales/en.js';
import es from 'zod/v4/locales/es.js';
import type { RouteDefinition } from './route.js';
import { languageFrom } from '#kernel/messages.js';
import type { Language } from '#domain/taxonomy.js';
import type { Caller } from '#model/caller.js';
import { callerFrom } from './caller.js';
import { conditionalAnswer, type Preconditions, readPreconditions } from './conditional.js';
import { corsHeaders, SECURITY_HEADERS } from './headers.js';
import type { HttpOutput } from './output.js';
import { idempotent } from './idempotency.js';
import { AppError, type FieldProblem, forbidden, invalidInput, unauthorized } from '#kernel/errors.js';
import { cleanBody, repeatedKey, repeatedKeyProblem } from './input.js';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problems.js';
import { logger } from '#kernel/logger.js';

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

export type { HttpOutput };

// Only the two languages the product speaks are bundled, not all of zod's locales.
const locales = { es: es().localeError, en: en().localeError };

/**
 * Turns zod issues into field problems in the caller's language. Custom checks carry their own text in
 * `params.es` / `params.en`; zod's own issues use its Spanish or English locale.
 */
export function fieldProblems(error: z.ZodError, language: Language, prefix = ''): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = (path: readonly PropertyKey[]) =>
      [prefix, ...path.map(String)].filter(Boolean).join('.') || prefix || 'body';
    // An unknown key is named itself, so that a client sees which key, not just the object holding it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: at([...issue.path, key]),
        problem: language === 'es' ? 'campo desconocido' : 'unknown field',
      }));
    }
    const params = (issue as { params?: Record<string, string> }).params;
    const localized = params?.[language];
    return [{ field: at(issue.path), problem: localized ?? issue.message }];
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidInput([{ field: 'body', problem: `JSON: ${(error as Error).message}` }]);
  }
  const repeated = repeatedKey(text);
  if (repeated) throw invalidInput([repeatedKeyProblem(repeated)]);
  const { value, problems } = cleanBody(parsed);
  if (problems.length > 0) throw invalidInput(problems);
  return value;
}

/**
 * Query parameters a route does not declare are refused rather than ignored: a misspelt filter (`?stauts=open`)
 * would otherwise answer a list that silently ignores it. Names come from the route's query schema.
 */
function checkQueryNames(query: Record<string, unknown>, schema: ZodType | undefined, language: Language) {
  const names = Object.keys(query);
  if (names.length === 0) return;
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  const known = new Set(shape ? Object.keys(shape) : []);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw invalidInput(
      unknown.map((name) => ({
        field: `query.${name}`,
        problem:
          language === 'es'
            ? `parámetro desconocido${known.size > 0 ? ` (se admiten: ${[...known].join(', ')})` : ''}`
            : `unknown parameter${known.size > 0 ? ` (accepted: ${[...known].join(', ')})` : ''}`,
      })),
    );
  }
}

const json = (
  statusCode: number,
  body: unknown,
  language: Language,
  headers: Readonly<Record<string, string>> = {},
  contentType = 'application/json; charset=utf-8',
): APIGatewayProxyResult => ({
  statusCode,
  headers: {
    ...headers,
    ...SECURITY_HEADERS,
    'content-type': contentType,
    'content-language': language,
  },
  body: JSON.stringify(body),
});

/**
 * The one place where errors become HTTP answers, as RFC 9457 problem details; anything unexpected is a logged
 * 500 with a generic text. `instance` is the request's path (ids only: no personal data is ever in a path).
 */
export function errorResponse(
  error: unknown,
  language: Language,
  instance?: string,
  headers: Readonly<Record<string, string>> = {},
): APIGatewayProxyResult {
  if (error instanceof AppError) {
    const problem = problemOf(error.code, error.text, language, {
      status: error.statusCode,
      ...(instance ? { instance } : {}),
      errors: error.details,
    });
    return json(
      error.statusCode,
      problem,
      language,
      { ...headers, ...error.headers },
      `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
    );
  }
  logger.error('Unhandled error', { error: error as Error });
  const problem = problemOf(
    'internal_error',
    {
      es: 'Error interno; el incidente quedó registrado',
      en: 'Internal error; the incident has been logged',
    },
    language,
    instance ? { instance } : {},
  );
  return json(500, problem, language, headers, `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
}

/**
 * Wraps a route's logic: the caller from verified claims and its role checked against the route table, then path,
 * query and body validated with the route's own schemas (the ones the OpenAPI document shows), then the logic,
 * then a JSON answer. Bad input never reaches the logic, so it changes nothing.
 */
export function httpHandler<P = unknown, Q = unknown, B = unknown>(
  route: RouteDefinition,
  logic: (input: HttpInput<P, Q, B>) => Promise<HttpOutput>,
) {
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
        const rawQuery = event.queryStringParameters ?? {};
        checkQueryNames(rawQuery, route.query, language);
        const query = parseWith(route.query as ZodType<Q>, rawQuery, language, 'query');
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
        const answer = json(output.statusCode ?? route.successStatus, output.body, language, {
          ...corsHeaders(event),
          ...output.headers,
        });
        return conditionalAnswer(route, preconditions, answer, output.body);
      } catch (error) {
        return errorResponse(error, language, event.path, corsHeaders(event));
      }
    });
}
