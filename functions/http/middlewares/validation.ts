import type { APIGatewayProxyEvent } from 'aws-lambda';
import { safeParse } from 'zod/mini';
import type { $ZodError, $ZodType as ZodType } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';
import es from 'zod/v4/locales/es.js';
import type { Language } from '#domain/taxonomy.js';
import { AppError, type FieldProblem, invalidInput } from '#kernel/errors.js';
import { readPreconditions } from '../conditional.js';
import { cleanBody, repeatedKey, repeatedKeyProblem } from '../input.js';
import type { RouteDefinition } from '../route.js';
import { header, type HouseMiddleware } from './house.js';

/** Bodies above this are refused before parsing: intake texts are short, and a big body is a mistake or abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

// Only the two languages the product speaks are bundled, not all of zod's locales.
const locales = { es: es().localeError, en: en().localeError };

/**
 * Turns zod issues into field problems in the caller's language. Custom checks carry their own text in
 * `params.es` / `params.en`; zod's own issues use its Spanish or English locale.
 */
export function fieldProblems(error: $ZodError, language: Language, prefix = ''): FieldProblem[] {
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
  const result = safeParse(schema, value, {
    error: (issue) => locales[language](issue as never) as string | undefined,
  });
  if (!result.success) throw invalidInput(fieldProblems(result.error, language, prefix));
  return result.data;
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

/**
 * Path, query and body validated with the route's own schemas (the ones the OpenAPI document shows), and the
 * conditional headers read: bad input never reaches the logic, so it changes nothing.
 */
export const validation = (route: RouteDefinition): HouseMiddleware => ({
  before: ({ event, context }) => {
    const { house } = context;
    const { language } = house;
    house.params = parseWith(route.pathParams, event.pathParameters ?? {}, language, 'path');
    const rawQuery = event.queryStringParameters ?? {};
    checkQueryNames(rawQuery, route.query, language);
    house.query = parseWith(route.query, rawQuery, language, 'query');
    if (route.body) {
      const json = readJsonBody(event, language, route.maxBodyBytes ?? MAX_BODY_BYTES);
      house.body = route.bodyCheckedByHandler ? json : parseWith(route.body, json, language, '');
    }
    house.preconditions = readPreconditions(event, route);
  },
});
