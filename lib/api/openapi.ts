import { toJSONSchema } from 'zod/mini';
import type { $ZodType as ZodType } from 'zod/v4/core';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  SHARED_HEADERS,
  SHARED_PARAMETERS,
  INFO_EXTRAS,
  TAGS,
  withConventions,
} from './openapi-conventions.js';
import { HsdsDocument } from '../../functions/domain/hsds/schema.js';
import { acceptsIdempotencyKey, ROUTES, type RouteDefinition } from './routes.js';

/**
 * Builds the OpenAPI 3.1 document from the route table and the very zod schemas that validate requests. JSON
 * Schema 2020-12 is OpenAPI 3.1's own dialect, so zod's converter output is used as is; schemas that carry an `id`
 * become shared components.
 */
type JsonSchema = Record<string, unknown> & {
  $defs?: Record<string, JsonSchema>;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

const components: Record<string, JsonSchema> = {};

function toSchema(schema: ZodType, io: 'input' | 'output'): JsonSchema {
  const converted = toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  const { $schema: _dialect, $defs, ...rest } = converted;
  const rewrite = (value: JsonSchema) =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  for (const [name, def] of Object.entries($defs ?? {})) components[name] ??= rewrite(def);
  return rewrite(rest);
}

function parameters(schema: ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const converted = toSchema(schema, 'input');
  // Object-level refinements may wrap the object in allOf; the properties are what parameters need.
  const properties = converted.properties ?? {};
  const required = new Set(converted.required ?? []);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** Every POST that creates or acts takes a key for safe retries (functions/http/idempotency.ts). */
const idempotencyKeyParameter = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'A unique key for this request (a UUID, say): a retry with the same key and the same body within 24 hours answers the first answer again, with Idempotent-Replayed: true, and does nothing twice. The same key with another body is a 422; while the first is still running, a 409. Keys belong to the caller.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[!-~]+$' },
};

const replayedHeader = {
  'Idempotent-Replayed': {
    description: 'Present, and true, when this is the first answer to the same Idempotency-Key replayed',
    schema: { type: 'string', enum: ['true'] },
  },
};

/** Conditional requests on versioned records (functions/http/conditional.ts). */
const etagHeader = {
  ETag: {
    description:
      'The weak entity tag of the record shown, from its version (W/"3"): send it back in If-Match to change the record only if nobody changed it since, or in If-None-Match to read it only if it changed',
    schema: { type: 'string', pattern: '^W/"[!#-~]*"$' },
  },
};
const entityTagList = { type: 'string', pattern: '^(\\*|(W/)?"[!#-~]*"(\\s*,\\s*(W/)?"[!#-~]*")*)$' };
const ifMatchParameter = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'Change the record only if its ETag is one of these (weak comparison: W/ aside, the tags are equal), or with * only if it exists; otherwise 412 and nothing changes. Without it, the last writer wins',
  schema: entityTagList,
};
const ifNoneMatchParameter = (read: boolean) => ({
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: read
    ? 'Answer 304 with no body if the record still has one of these ETags'
    : 'With *, only create the record: 412 if it already exists (412 also when its ETag is one of the tags listed)',
  schema: entityTagList,
});

/**
 * Answers are described as the handlers build them (`output`: no member beyond those listed), except HSDS
 * documents: they carry a publisher's fields that SWCS keeps without modelling them, so their objects stay open.
 */
const responseIo = (schema: ZodType) => (schema === HsdsDocument ? 'input' : 'output');

/** A small page, as the examples of text/html answers show it. */
const PAGE_EXAMPLE =
  '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Derivación F9MZ-NGF8</title></head><body><main><h1>Derivación F9MZ-NGF8</h1></main></body></html>';

/**
 * A page for people (route.page): public, HTML answers for every status it lists — errors too, since a person
 * reads them, not a client — a form for a body, and a Location on its 303.
 */
function pageOperation(route: RouteDefinition & { page: NonNullable<RouteDefinition['page']> }) {
  const responses = Object.entries(route.page.answers).map(([status, description]) => [
    status,
    status === '303'
      ? {
          description,
          headers: {
            Location: {
              description: 'The page to see next (relative to this one)',
              required: true,
              schema: { type: 'string', format: 'uri-reference' },
            },
          },
        }
      : {
          description,
          content: {
            'text/html': { schema: { type: 'string' }, examples: { page: { value: PAGE_EXAMPLE } } },
          },
        },
  ]);
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    security: [],
    ...(route.description ? { description: route.description } : {}),
    parameters: parameters(route.pathParams, 'path'),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/x-www-form-urlencoded': { schema: toSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: Object.fromEntries(responses),
  };
}

function operation(route: RouteDefinition) {
  if (route.page) return pageOperation({ ...route, page: route.page });
  const secured = route.auth === 'token';
  const idempotent = acceptsIdempotencyKey(route);
  const etag = route.etag === true;
  const conditionalRead = etag && route.method === 'GET';
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: [route.tag],
    ...(secured
      ? {
          security: [{ bearer: [] }],
          description: [route.description, `Roles: ${route.roles.join(', ')}.`].filter(Boolean).join('\n\n'),
        }
      : { security: [] }),
    parameters: [
      ...parameters(route.pathParams, 'path'),
      ...parameters(route.query, 'query'),
      ...(idempotent ? [idempotencyKeyParameter] : []),
      ...(route.ifMatch ? [ifMatchParameter, ifNoneMatchParameter(false)] : []),
      ...(conditionalRead ? [ifNoneMatchParameter(true)] : []),
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(route.successStatus)]: {
        description: route.summary,
        ...(idempotent || etag
          ? { headers: { ...(idempotent ? replayedHeader : {}), ...(etag ? etagHeader : {}) } }
          : {}),
        content: route.file
          ? {
              [route.file.contentType]: {
                schema: { type: 'string', contentMediaType: route.file.contentType },
              },
            }
          : {
              'application/json': {
                schema: route.response
                  ? toSchema(route.response, responseIo(route.response))
                  : { type: 'object' },
              },
            },
      },
      ...(route.accepted
        ? {
            '202': {
              description: route.accepted.description,
              headers: {
                Location: { description: 'Where to follow the job', schema: { type: 'string' } },
                'Retry-After': {
                  description: 'Seconds to wait before asking again',
                  schema: { type: 'integer' },
                },
                ...(idempotent ? replayedHeader : {}),
              },
              content: { 'application/json': { schema: toSchema(route.accepted.response, 'output') } },
            },
          }
        : {}),
      ...(conditionalRead
        ? {
            '304': {
              description: 'Not modified: the record still has the ETag given in If-None-Match',
              headers: etagHeader,
            },
          }
        : {}),
      ...(route.body || route.query || route.pathParams
        ? { '400': errorResponse('Invalid input: every problem names its field') }
        : {}),
      ...(secured
        ? {
            '401': errorResponse('Missing, invalid or expired token'),
            '403': errorResponse("The caller's roles do not allow this operation"),
            '404': errorResponse('No such canton or record for this caller'),
          }
        : {}),
      ...(route.body || route.method === 'DELETE'
        ? { '409': errorResponse('The change is not allowed in the current state') }
        : {}),
      ...(route.body
        ? {
            '413': errorResponse('Body too large'),
            '415': errorResponse('Body is not application/json'),
          }
        : {}),
      ...(route.ifMatch
        ? {
            '412': errorResponse(
              'The record changed since the ETag in If-Match (or If-None-Match: * and it exists): nothing was changed',
            ),
          }
        : {}),
      ...(idempotent
        ? { '422': errorResponse('The Idempotency-Key was already used with another request') }
        : {}),
      '500': errorResponse('Unexpected error (logged)'),
    },
  };
}

export function buildOpenApiDocument(serverUrl = '/') {
  toSchema(ProblemSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, unknown>)[route.method.toLowerCase()] = withConventions(
      operation(route),
      route,
    );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SWCS — Ventanilla Única de Servicios Ciudadanos',
      version: '0.1.0',
      description:
        'Single Window for Citizen Services: intake, classification, referral and counter-referral. ' +
        'Every operation but health and this document needs a bearer token; the canton comes from the token.',
      ...INFO_EXTRAS,
    },
    servers: [{ url: serverUrl }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      headers: SHARED_HEADERS,
      parameters: SHARED_PARAMETERS,
      schemas: components,
    },
  };
}
