import * as z from 'zod/mini';
import { withMeta } from '../../functions/kernel/meta.js';
import { PROBLEM_CODES, PROBLEMS, type ProblemCode } from '../../functions/http/problems.js';
import { OPERATION_EXAMPLES, PARAMETER_DOCS } from './openapi-examples.js';
import type { RouteDefinition } from './routes.js';

/**
 * What every operation of the document shares, added to each operation the builder makes from the route table:
 * the problem-details answers, the headers every answer carries, `Accept-Language`, parameter descriptions and the
 * examples of lib/api/openapi-examples.ts. Kept apart so the builder stays a plain reading of the route table.
 */

/** RFC 9457 problem details, as functions/http/problems.ts builds them. */
export const ProblemSchema = withMeta(
  z.object({
    type: withMeta(z.string(), {
      format: 'uri-reference',
      description: 'The kind of problem, relative to the API address: `/problems/` and the code with dashes',
      examples: ['/problems/invalid-input'],
    }),
    title: withMeta(z.string(), { description: 'What kind of problem it is, in the language of the answer' }),
    status: withMeta(z.number().check(z.int(), z.gte(400), z.lte(599)), {
      description: 'The HTTP status of the answer',
    }),
    detail: withMeta(z.string(), { description: 'What went wrong this time, in the language of the answer' }),
    instance: withMeta(z.optional(z.string()), {
      description: 'The path of the request that had the problem',
    }),
    code: withMeta(z.enum(PROBLEM_CODES), {
      description: 'A stable code for the kind of problem: clients decide on it, never on the texts',
    }),
    errors: withMeta(
      z.optional(
        z.array(
          z.union([
            z.strictObject({
              pointer: withMeta(z.string(), {
                description:
                  'A JSON pointer (RFC 6901) to the member of the body at fault; "" for the body as a whole',
                examples: ['/citizen/nationalId'],
              }),
              detail: z.string(),
            }),
            z.strictObject({
              parameter: withMeta(z.string(), {
                description: 'The path, query or header parameter at fault',
                examples: ['limit'],
              }),
              detail: z.string(),
            }),
          ]),
        ),
      ),
      { description: 'Each field or parameter at fault, with what is wrong with it' },
    ),
  }),
  { id: 'Problem' },
);

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const header = (description: string, schema: Record<string, unknown> = { type: 'string' }) => ({
  description,
  schema,
});

/** Response headers shared by every operation, as components. */
export const SHARED_HEADERS = {
  'X-Request-Id': header('The id of this request in the logs: quote it when reporting a problem'),
  'Content-Language': header('The language of the texts of the answer: es or en, from Accept-Language', {
    type: 'string',
    enum: ['es', 'en'],
  }),
};

const sharedHeaders = {
  'X-Request-Id': { $ref: '#/components/headers/X-Request-Id' },
  'Content-Language': { $ref: '#/components/headers/Content-Language' },
};

export const SHARED_PARAMETERS = {
  AcceptLanguage: {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description:
      'The language of titles, details and labels: es (the default) or en. Weights are honoured (RFC 9110): `en;q=0.9, es;q=0.8` answers in English; a language neither supported nor weighted answers in Spanish',
    schema: { type: 'string', maxLength: 200 },
    example: 'en',
  },
};

/** The code a problem example of each status shows. */
const EXAMPLE_CODE: Record<string, ProblemCode> = {
  '400': 'invalid_input',
  '401': 'unauthorized',
  '403': 'forbidden',
  '404': 'not_found',
  '409': 'conflict',
  '412': 'precondition_failed',
  '413': 'payload_too_large',
  '415': 'unsupported_media_type',
  '422': 'idempotency_key_reused',
  '429': 'too_many_requests',
  '500': 'internal_error',
  '503': 'service_unavailable',
};

function problemExample(status: string, route: RouteDefinition) {
  const code = EXAMPLE_CODE[status] ?? 'internal_error';
  const instance = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    String(PARAMETER_DOCS[name]?.example ?? name),
  );
  return {
    type: `/problems/${code.replaceAll('_', '-')}`,
    title: PROBLEMS[code].title.en,
    status: Number(status),
    detail: PROBLEMS[code].title.en,
    instance,
    code,
    ...(code === 'invalid_input'
      ? {
          errors: [
            route.body
              ? { pointer: '/description', detail: 'Too small: expected string to have >=1 characters' }
              : { parameter: 'limit', detail: 'Too big: expected number to be <=100' },
          ],
        }
      : {}),
  };
}

type Operation = {
  operationId: string;
  parameters?: Array<Record<string, unknown>>;
  requestBody?: { content: Record<string, Record<string, unknown>> };
  responses: Record<
    string,
    {
      description: string;
      headers?: Record<string, unknown>;
      content?: Record<string, Record<string, unknown>>;
    }
  >;
};

/** Adds the shared conventions and the examples to one operation built from `route`. */
export function withConventions<T>(built: T, route: RouteDefinition): T {
  const operation = built as unknown as Operation;
  for (const parameter of operation.parameters ?? []) {
    const name = parameter.name as string;
    const schema = parameter.schema as { description?: string } | undefined;
    const docs = PARAMETER_DOCS[name];
    parameter.description ??= schema?.description ?? docs?.description;
    if (docs?.example !== undefined && parameter.in !== 'header') parameter.example ??= docs.example;
  }
  // Public operations say so, where protected ones list their roles.
  (operation as { description?: string }).description ??= 'Public: no token needed.';
  operation.parameters = [
    ...(operation.parameters ?? []),
    { $ref: '#/components/parameters/AcceptLanguage' },
  ];

  const examples = OPERATION_EXAMPLES[route.operationId];
  const requestMedia = operation.requestBody?.content['application/json'];
  if (requestMedia && examples?.request) {
    requestMedia.examples = {
      [examples.request.name]: { summary: examples.request.summary, value: examples.request.value },
    };
  }

  if (!operation.responses['429']) {
    operation.responses['429'] = {
      description: 'Too many requests from this client: wait and retry (on AWS, the usage plan throttles)',
    };
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    response.headers = { ...sharedHeaders, ...response.headers };
    // A page's errors are pages too: a person reads them.
    if (route.page) continue;
    if (Number(status) >= 400) {
      response.content = {
        [PROBLEM_CONTENT_TYPE]: {
          schema: { $ref: '#/components/schemas/Problem' },
          examples: { [EXAMPLE_CODE[status] ?? 'problem']: { value: problemExample(status, route) } },
        },
      };
      continue;
    }
    if (status === '201') {
      response.headers.Location = {
        description: 'Where the created record is: GET it there',
        required: true,
        schema: { type: 'string', format: 'uri-reference' },
      };
    }
    const media = response.content?.['application/json'];
    if (media && examples?.response && status === String(route.successStatus)) {
      media.examples = {
        [examples.response.name]: { summary: examples.response.summary, value: examples.response.value },
      };
    }
  }
  return built;
}

/** The document's tags, one per capability of the route table. */
export const TAGS = [
  { name: 'intake', description: 'Record, classify, answer, assign and close citizens’ requests' },
  {
    name: 'catalogue',
    description:
      'Provider organizations and their services; search, eligibility, service points; HSDS exchange',
  },
  { name: 'protocols', description: 'The versioned collaboration protocols of each subcategory' },
  {
    name: 'referrals',
    description:
      'Referrals to providers’ contact officers, counter-referrals, escalation to the national level',
  },
  {
    name: 'registry',
    description:
      'The social registry (Registro Social): the ministry’s batch update, screening by national ID, local benefits',
  },
  {
    name: 'complaints',
    description:
      'Complaint cases (PQSSF): activities, response-time clocks, decisions and replies, appeals, follow-up by reference',
  },
  {
    name: 'social-reports',
    description:
      'Social reports on registry households: draft, sign (SHA-256 of the content), approve, correct as a new version, PDF',
  },
  {
    name: 'casework',
    description:
      'Intervention plans: a cart of catalogue items agreed with the citizen becomes the plan; items followed to their end; home visits',
  },
  { name: 'system', description: 'Liveness and this document' },
  {
    name: 'links',
    description:
      'The HTML pages a contact officer’s short link opens: verify with a code, see the citizen, answer the referral',
  },
];

export const INFO_EXTRAS = {
  contact: { name: 'SWCS — the single window of the ministry' },
  license: { name: 'Apache 2.0', identifier: 'Apache-2.0' },
};
