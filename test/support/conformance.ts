import { appendFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { buildOpenApiDocument } from '../../lib/api/openapi.js';
import { PROBLEM_CONTENT_TYPE } from '../../lib/api/openapi-conventions.js';

/**
 * The API's document held to what the API does: every answer a test sees is checked against the operation of
 * `/openapi.json` that its method and path match — a status the operation does not declare, a content type it
 * does not list, a body its schema refuses or a required header missing fails the test that made the call. The
 * document is the one `GET /openapi.json` serves (the handler returns `buildOpenApiDocument()`); it is built and
 * compiled once per test process.
 */

// ajv-formats is CommonJS with a default export; under NodeNext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

type Json = Record<string, unknown>;
type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

interface ResponseSpec {
  readonly content?: Record<string, { schema?: Json }>;
  readonly headers?: Record<string, { required?: boolean; $ref?: string }>;
}

interface OperationSpec {
  readonly operationId: string;
  readonly responses: Record<string, ResponseSpec>;
}

interface PathMatcher {
  readonly template: string;
  readonly pattern: RegExp;
  /** Literal segments win over parameters: `/services/eligibility` before `/services/{serviceId}`. */
  readonly literals: number;
}

const COMPONENTS_ID = 'swcs:components';

export interface Conformance {
  readonly document: OpenApiDocument;
  /** The operation (method + path template) a call lands on, if the document has one. */
  operationFor(method: string, path: string): { template: string; operationId: string } | undefined;
  /** Problems of `value` with a schema of the document (one that may `$ref` its components); empty when none. */
  schemaProblems(schema: Json, value: unknown): string[];
  /** Problems of one answer with the document; empty when it conforms. */
  problems(method: string, path: string, answer: CheckedAnswer): string[];
}

export interface CheckedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

let built: Conformance | undefined;

/** The document and its compiled validators, built on first use. */
export function conformance(): Conformance {
  built ??= build(buildOpenApiDocument());
  return built;
}

function build(document: OpenApiDocument): Conformance {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    validateFormats: true,
  });
  addFormats(ajv);
  // OpenAPI's own schema keywords, which JSON Schema does not know.
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({ keyword: 'discriminator' });
  const retarget = (schema: unknown): Json =>
    JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${COMPONENTS_ID}#/$defs/`),
    ) as Json;
  ajv.addSchema(retarget({ $id: COMPONENTS_ID, $defs: document.components.schemas }));

  const validators = new Map<Json, ValidateFunction>();
  const validatorOf = (schema: Json) => {
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile(retarget(schema));
      validators.set(schema, validate);
    }
    return validate;
  };

  const paths = document.paths as Record<string, Record<string, OperationSpec>>;
  const matchers: PathMatcher[] = Object.keys(paths)
    .map((template) => {
      const segments = template.split('/').slice(1);
      const source = segments.map((s) => (/^\{.+\}$/.test(s) ? '[^/]+' : escapeRegExp(s))).join('/');
      return {
        template,
        pattern: new RegExp(`^/${source}$`),
        literals: segments.filter((s) => !s.startsWith('{')).length,
      };
    })
    .sort((a, b) => b.literals - a.literals);

  const templateFor = (path: string) => matchers.find((m) => m.pattern.test(path))?.template;

  const operationFor = (method: string, path: string) => {
    const template = templateFor(pathOnly(path));
    const operation = template ? paths[template]?.[method.toLowerCase()] : undefined;
    return template && operation ? { template, operationId: operation.operationId } : undefined;
  };

  const problems = (method: string, path: string, answer: CheckedAnswer): string[] => {
    const template = templateFor(pathOnly(path));
    const operation = template ? paths[template]?.[method.toLowerCase()] : undefined;
    let spec: ResponseSpec | undefined;
    if (!operation) {
      // No operation of the document: only the gateway's own answers (unknown route, method not allowed) may come
      // back, and they are problem documents like every other error.
      const expected = template ? 405 : 404;
      if (answer.status !== expected) {
        return [`no operation for ${method} ${template ?? path}, yet the answer is ${answer.status}`];
      }
      spec = { content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } } };
    } else {
      spec =
        operation.responses[String(answer.status)] ??
        operation.responses[`${String(answer.status)[0]}XX`] ??
        operation.responses.default;
      if (!spec) {
        return [
          `${operation.operationId}: status ${answer.status} is not declared (declared: ${Object.keys(operation.responses).join(', ')})`,
        ];
      }
    }
    const where = operation?.operationId ?? `${method} ${path}`;
    const found: string[] = [];
    for (const [name, header] of Object.entries(spec.headers ?? {})) {
      if (header.required && !answer.headers.has(name)) {
        found.push(`${where} ${answer.status}: header ${name} is missing`);
      }
    }
    const content = spec.content ?? {};
    if (Object.keys(content).length === 0) {
      if (answer.text.length > 0) found.push(`${where} ${answer.status}: a body where none is declared`);
      return found;
    }
    const mediaType = (answer.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const media = content[mediaType];
    if (!media) {
      found.push(
        `${where} ${answer.status}: content type "${mediaType}" is not declared (declared: ${Object.keys(content).join(', ')})`,
      );
      return found;
    }
    if (!media.schema) return found;
    // A PDF is held to being one (its signature); what it says, the tests that fetch it read back.
    if (mediaType === 'application/pdf') {
      if (!answer.text.startsWith('%PDF-')) found.push(`${where} ${answer.status}: not a PDF document`);
      return found;
    }
    // A page (text/html) is held to being a whole HTML document; JSON bodies to their schema.
    if (mediaType === 'text/html') {
      if (!/^<!doctype html>/i.test(answer.text))
        found.push(`${where} ${answer.status}: not an HTML document`);
      return found;
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      found.push(`${where} ${answer.status}: the body is not JSON`);
      return found;
    }
    const validate = validatorOf(media.schema);
    if (!validate(body)) {
      found.push(`${where} ${answer.status}: ${describe(validate.errors ?? [])}`);
    }
    return found;
  };

  const schemaProblems = (schema: Json, value: unknown) => {
    const validate = validatorOf(schema);
    return validate(value) ? [] : [describe(validate.errors ?? [])];
  };

  return { document, operationFor, schemaProblems, problems };
}

function describe(errors: readonly ErrorObject[]): string {
  return errors
    .slice(0, 8)
    .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${paramsText(e)}`)
    .join('; ');
}

function paramsText(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if ('additionalProperty' in params) return ` (${String(params.additionalProperty)})`;
  if ('allowedValues' in params) return ` (${JSON.stringify(params.allowedValues)})`;
  return '';
}

const pathOnly = (path: string) => path.split('?')[0] ?? path;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Routes only the local runtime serves (its outbox of sent messages) are no part of the API's document. */
const isLocalOnly = (path: string) => pathOnly(path).startsWith('/_local/');

/**
 * `fetch` held to the document: the answer is returned as fetch returns it, after its status, headers and body
 * were checked against the operation the method and path match; any mismatch throws, failing the calling test.
 */
export async function checkedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return checked((init.method ?? 'GET').toUpperCase(), url, await fetch(url, init));
}

/** The same check for clients that hand over a `Request` (openapi-fetch's `fetch` option). */
export async function checkedRequest(request: Request): Promise<Response> {
  return checked(request.method.toUpperCase(), request.url, await fetch(request));
}

async function checked(method: string, url: string, response: Response): Promise<Response> {
  const { pathname, search } = new URL(url);
  // A CORS preflight is answered by the gateway for every route; it is not an operation of the API.
  if (isLocalOnly(pathname) || method === 'OPTIONS') return response;
  const text = await response.clone().text();
  const problems = conformance().problems(method, pathname, {
    status: response.status,
    headers: response.headers,
    text,
  });
  if (problems.length > 0 && process.env.SWCS_CONFORMANCE_REPORT) {
    // Survey mode: list every mismatch of a whole run in one file instead of stopping at the first.
    appendFileSync(
      process.env.SWCS_CONFORMANCE_REPORT,
      `${JSON.stringify({ method, path: pathname, status: response.status, problems, body: text.slice(0, 300) })}\n`,
    );
  } else if (problems.length > 0) {
    throw new Error(
      `The answer to ${method} ${pathname}${search} does not match /openapi.json:\n  ${problems.join('\n  ')}\n` +
        `body: ${text.slice(0, 600)}`,
    );
  }
  return response;
}
