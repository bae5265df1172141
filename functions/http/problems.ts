import type { Localized } from '#kernel/messages.js';
import type { Language } from '#domain/taxonomy.js';
import type { FieldProblem } from '#kernel/errors.js';

/**
 * RFC 9457 problem details: the one shape of every error the API answers, from a handler or from the gateway in
 * front of it (locally and on AWS, where API Gateway's own responses are mapped to it). `code` is stable and
 * enumerated in the OpenAPI document; `title` says what kind of problem it is, `detail` this occurrence, both in
 * the caller's language; `errors` names each field or parameter at fault.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem types are relative URI references, resolved against the API's address: `/problems/<code>`. */
export const PROBLEM_TYPE_BASE = '/problems/';

export const PROBLEMS = {
  invalid_input: {
    status: 400,
    title: { es: 'Datos no válidos', en: 'Invalid input' },
  },
  unauthorized: {
    status: 401,
    title: { es: 'No autenticado', en: 'Not authenticated' },
  },
  forbidden: {
    status: 403,
    title: { es: 'Acción no permitida para su rol', en: 'Action not allowed for your role' },
  },
  not_found: {
    status: 404,
    title: { es: 'No encontrado', en: 'Not found' },
  },
  method_not_allowed: {
    status: 405,
    title: { es: 'Método no permitido', en: 'Method not allowed' },
  },
  conflict: {
    status: 409,
    title: { es: 'Conflicto con el estado actual', en: 'Conflict with the current state' },
  },
  escalation_required: {
    status: 409,
    title: {
      es: 'Se debe escalar a la ventanilla nacional',
      en: 'Must be escalated to the national single window',
    },
  },
  duplicate_referral: {
    status: 409,
    title: { es: 'Derivación ya activa', en: 'Referral already active' },
  },
  activity_limit: {
    status: 409,
    title: {
      es: 'El caso ya tiene el máximo de actividades',
      en: 'The case has the most activities it may have',
    },
  },
  appeal_not_allowed: {
    status: 409,
    title: { es: 'La decisión no admite apelación', en: 'The decision cannot be appealed' },
  },
  merge_too_large: {
    status: 409,
    title: {
      es: 'La fusión supera lo que se puede mover de una vez',
      en: 'The merge is more than can be moved at once',
    },
  },
  idempotency_key_in_use: {
    status: 409,
    title: {
      es: 'Una solicitud con esta clave de idempotencia está en curso',
      en: 'A request with this idempotency key is in progress',
    },
  },
  precondition_failed: {
    status: 412,
    title: { es: 'El recurso cambió', en: 'The resource has changed' },
  },
  payload_too_large: {
    status: 413,
    title: { es: 'Cuerpo demasiado grande', en: 'Body too large' },
  },
  unsupported_media_type: {
    status: 415,
    title: { es: 'Tipo de contenido no admitido', en: 'Unsupported media type' },
  },
  idempotency_key_reused: {
    status: 422,
    title: {
      es: 'Clave de idempotencia usada con otra solicitud',
      en: 'Idempotency key used with another request',
    },
  },
  too_many_requests: {
    status: 429,
    title: { es: 'Demasiadas solicitudes', en: 'Too many requests' },
  },
  internal_error: {
    status: 500,
    title: { es: 'Error interno', en: 'Internal error' },
  },
  bad_gateway: {
    status: 502,
    title: { es: 'Error en la pasarela', en: 'Gateway error' },
  },
  service_unavailable: {
    status: 503,
    title: { es: 'Servicio no disponible', en: 'Service unavailable' },
  },
} as const satisfies Record<string, { status: number; title: Localized }>;

export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** One field or parameter at fault: a JSON pointer into the body, or the name of a path, query or header parameter. */
export type ProblemError =
  | { readonly pointer: string; readonly detail: string }
  | { readonly parameter: string; readonly detail: string };

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly code: string;
  readonly errors?: readonly ProblemError[];
}

/**
 * Where a field problem points. The handlers name fields as dotted paths (`citizen.nationalId`,
 * `organizations.1.name`), parameters as `path.<name>`, `query.<name>` or `header.<name>`; HSDS import problems are
 * JSON pointers already. The answer uses one convention: `pointer` for the body, `parameter` for the rest.
 */
export function problemError(field: string, detail: string): ProblemError {
  const parameter = /^(path|query|header)\.(.+)$/.exec(field);
  if (parameter) return { parameter: parameter[2] as string, detail };
  if (field === 'content-type') return { parameter: 'Content-Type', detail };
  if (field.startsWith('/')) return { pointer: field, detail };
  if (field === '' || field === 'body' || field === '(body)') return { pointer: '', detail };
  const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');
  return { pointer: `/${field.split('.').map(escape).join('/')}`, detail };
}

export function problemOf(
  code: string,
  detail: Localized,
  language: Language,
  options: { status?: number; instance?: string; errors?: readonly FieldProblem[] } = {},
): Problem {
  const known = (PROBLEMS as Record<string, { status: number; title: Localized }>)[code];
  const errors = (options.errors ?? []).map(({ field, problem }) =>
    problemError(field, typeof problem === 'string' ? problem : problem[language]),
  );
  return {
    type: `${PROBLEM_TYPE_BASE}${code.replaceAll('_', '-')}`,
    title: (known?.title ?? PROBLEMS.internal_error.title)[language],
    status: options.status ?? known?.status ?? 500,
    detail: detail[language],
    ...(options.instance ? { instance: options.instance } : {}),
    code,
    ...(errors.length > 0 ? { errors } : {}),
  };
}
