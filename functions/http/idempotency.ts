import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { acceptsIdempotencyKey, type RouteDefinition } from './route.js';
import {
  claimKey,
  completeKey,
  findKey,
  type KeyScope,
  releaseKey,
} from '#adapters/dynamodb/idempotency-store.js';
import type { Caller } from '#model/caller.js';
import { clock } from '#kernel/clock.js';
import { AppError } from '#kernel/errors.js';
import type { HttpOutput } from './output.js';
import { logger } from '#kernel/logger.js';

/**
 * Safe retries of POSTs, with Stripe's semantics. A client sends `Idempotency-Key: <unique string>`; the first
 * request with it runs, and its answer is kept for 24 hours. The same key with the same request (operation, path
 * and body), by the same caller, answers that first answer again with `Idempotent-Replayed: true`, and nothing is
 * written or sent again; with another request it is a 422; while the first is still running, a 409. Keys belong to
 * the caller's canton and to the caller: another caller's identical key is another key.
 *
 * Only successful answers are kept. An attempt that fails (a 4xx from the logic, a 500) frees its key, so a retry
 * runs again: a refusal caused by the state of things (no spot left, a change meanwhile) may not hold next time.
 *
 * Powertools' idempotency utility was weighed and not used: it reads the wall clock (the product runs on its own
 * clock, which tests and demos move), takes one fixed partition key per persistence layer (keys here start with
 * the caller's canton), and stores the answer in the clear; see README "Idempotency".
 */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** How long a key is remembered. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;
/**
 * How long an attempt in progress holds its key: above every API function's timeout (10 s) and API Gateway's
 * 29 s, so a live attempt is never overtaken; after it, the attempt is taken for dead and a retry may run.
 */
export const IN_FLIGHT_LEASE_MS = 60 * 1000;

/** The answer headers a replay repeats; others (request id, CORS) belong to each answer. */
const REPLAYED_HEADERS = new Set(['location', 'content-location', 'etag', 'last-modified']);

const keyProblem = (problem: { es: string; en: string }) =>
  new AppError(
    400,
    'invalid_input',
    { es: `Cabecera no válida: ${IDEMPOTENCY_KEY_HEADER}`, en: `Invalid header: ${IDEMPOTENCY_KEY_HEADER}` },
    [{ field: `header.${IDEMPOTENCY_KEY_HEADER}`, problem }],
  );

/**
 * The client's key, if it sent one: 1 to 255 visible ASCII characters (a UUID is the usual choice). Control
 * characters, spaces and other characters are refused rather than normalized, so two keys never collide silently.
 */
export function idempotencyKeyOf(event: Pick<APIGatewayProxyEvent, 'headers'>): string | undefined {
  const name = IDEMPOTENCY_KEY_HEADER.toLowerCase();
  const found = Object.entries(event.headers ?? {}).find(([header]) => header.toLowerCase() === name);
  if (!found || found[1] === undefined) return undefined;
  const key = found[1];
  if (key.length === 0) throw keyProblem({ es: 'está vacía', en: 'is empty' });
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH)
    throw keyProblem({
      es: `tiene ${key.length} caracteres; el máximo es ${MAX_IDEMPOTENCY_KEY_LENGTH}`,
      en: `has ${key.length} characters; the most is ${MAX_IDEMPOTENCY_KEY_LENGTH}`,
    });
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key))
    throw keyProblem({ es: 'contiene caracteres de control', en: 'contains control characters' });
  if (!/^[\u0021-\u007e]+$/.test(key))
    throw keyProblem({
      es: 'solo admite caracteres ASCII visibles, sin espacios',
      en: 'accepts visible ASCII characters only, no spaces',
    });
  return key;
}

/** JSON with object keys sorted, so that the same body written in another key order is the same request. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** What identifies the request a key was first used for: operation, path parameters and body, hashed. */
export const fingerprintOf = (operationId: string, pathParameters: unknown, body: unknown) =>
  sha256(canonicalJson([operationId, pathParameters ?? {}, body ?? null]));

const scopeOf = (caller: Caller, key: string): KeyScope => ({
  cantonId: caller.cantonId,
  digest: sha256(canonicalJson(['idempotency-key', caller.userId, key])),
});

/**
 * The kept answer may hold a citizen's data, so it is sealed (AES-256-GCM) with a key derived from the client's
 * idempotency key, which is stored only as a hash: the item alone reveals nothing, and only a retry that presents
 * the key can open it.
 */
function sealingKey(key: string, scope: KeyScope): Buffer {
  return Buffer.from(hkdfSync('sha256', key, scope.digest, 'swcs idempotent answer', 32));
}

function seal(answer: HttpOutput, key: string, scope: KeyScope): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(key, scope), iv);
  const text = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), text]).toString('base64');
}

function unseal(sealed: string, key: string, scope: KeyScope): HttpOutput {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(key, scope), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as HttpOutput;
}

const reused = () =>
  new AppError(
    422,
    'idempotency_key_reused',
    {
      es: `Esta ${IDEMPOTENCY_KEY_HEADER} ya se usó con otra solicitud (otra operación, ruta o cuerpo): use una clave nueva para cada solicitud distinta`,
      en: `This ${IDEMPOTENCY_KEY_HEADER} was already used with another request (another operation, path or body): use a new key for each different request`,
    },
    [
      {
        field: `header.${IDEMPOTENCY_KEY_HEADER}`,
        problem: { es: 'ya usada con otra solicitud', en: 'already used with another request' },
      },
    ],
  );

const inUse = () =>
  new AppError(
    409,
    'idempotency_key_in_use',
    {
      es: `Una solicitud con esta ${IDEMPOTENCY_KEY_HEADER} aún está en curso: espere su respuesta o reintente en unos segundos`,
      en: `A request with this ${IDEMPOTENCY_KEY_HEADER} is still in progress: wait for its answer or retry in a few seconds`,
    },
    [
      {
        field: `header.${IDEMPOTENCY_KEY_HEADER}`,
        problem: { es: 'en uso por una solicitud en curso', en: 'in use by a request in progress' },
      },
    ],
    { 'retry-after': '1' },
  );

/** A key this attempt holds while its request runs. */
export interface HeldKey {
  readonly key: string;
  readonly scope: KeyScope;
  readonly attempt: string;
}

/**
 * The start of an attempt, for the routes that take a key (see above): `replay` when the key already answered
 * this very request, `held` when this attempt now holds the key, undefined when the request runs without one.
 * Called after the input is validated, so a refused input never takes a key.
 */
export async function takeKey(input: {
  readonly route: RouteDefinition;
  readonly event: Pick<APIGatewayProxyEvent, 'headers' | 'pathParameters'>;
  readonly caller: Caller;
  readonly body: unknown;
}): Promise<{ replay: HttpOutput } | { held: HeldKey } | undefined> {
  const { route, event, caller } = input;
  if (!acceptsIdempotencyKey(route) || !caller.cantonId) return undefined;
  const key = idempotencyKeyOf(event);
  if (key === undefined) return undefined;
  const scope = scopeOf(caller, key);
  const fingerprint = fingerprintOf(route.operationId, event.pathParameters, input.body);
  const attempt = randomUUID();

  // A key freed between a failed claim and the read is claimed again; twice is plenty.
  for (let tries = 0; ; tries++) {
    const now = clock.now();
    const claimed = await claimKey(
      scope,
      {
        operationId: route.operationId,
        fingerprint,
        attempt,
        leaseUntil: now.getTime() + IN_FLIGHT_LEASE_MS,
        expiresAt: Math.ceil((now.getTime() + IDEMPOTENCY_WINDOW_MS) / 1000),
      },
      now,
    );
    if (claimed) return { held: { key, scope, attempt } };
    const held = await findKey(scope, now);
    if (!held) {
      if (tries < 2) continue;
      throw inUse();
    }
    if (held.fingerprint !== fingerprint) throw reused();
    if (held.state !== 'completed' || !held.response) throw inUse();
    const first = unseal(held.response, key, scope);
    return { replay: { ...first, headers: { ...first.headers, [REPLAYED_HEADER.toLowerCase()]: 'true' } } };
  }
}

/** An attempt that failed (a 4xx from the logic, a 500) frees its key, so that a retry runs again. */
export async function freeKey(held: HeldKey): Promise<void> {
  await releaseKey(held.scope, held.attempt).catch((cause: unknown) =>
    logger.warn('Could not free an idempotency key after a failed attempt', { error: cause as Error }),
  );
}

/** Keeps a successful answer for the key's retries; any other answer frees the key. */
export async function keepAnswer(route: RouteDefinition, held: HeldKey, answer: HttpOutput): Promise<void> {
  const statusCode = answer.statusCode ?? route.successStatus;
  if (statusCode >= 300) {
    await releaseKey(held.scope, held.attempt);
    return;
  }
  const kept: HttpOutput = {
    statusCode,
    headers: Object.fromEntries(
      Object.entries(answer.headers ?? {}).filter(([name]) => REPLAYED_HEADERS.has(name.toLowerCase())),
    ),
    body: answer.body,
  };
  try {
    // The work is done whatever happens here: a key that cannot be completed stays in progress until its lease
    // ends, and a retry after that runs again.
    if (!(await completeKey(held.scope, held.attempt, seal(kept, held.key, held.scope)))) {
      logger.warn('An idempotency key was taken over before its attempt completed', {
        operationId: route.operationId,
      });
    }
  } catch (error) {
    logger.error('Could not keep the answer of an idempotent request', {
      operationId: route.operationId,
      error: error as Error,
    });
  }
}
