import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { RouteDefinition } from './route.js';
import { AppError } from '#kernel/errors.js';

/**
 * Conditional requests (RFC 9110 §13) over the records' versions. Every record with a history has a `version` that
 * grows with every change; its entity tag is made from it, so a client that read version 5 can say "only if it is
 * still version 5" (`If-Match`) and a client polling a record can ask "only if it changed" (`If-None-Match` → 304).
 *
 * Tags are **weak** (`W/"5"`): the same version is shown in Spanish or English and with or without its history, so
 * two answers with one tag are equivalent, not byte-identical, which is what a strong tag would promise. `If-Match`
 * therefore uses the weak comparison (the opaque tags are equal, `W/` aside): what a client asks is whether the
 * record is still at the version it read. The strict rule (strong comparison for If-Match) protects byte-range
 * requests, which this API does not serve.
 */

/** What the client's conditional headers ask; `undefined` fields were not sent. */
export interface Preconditions {
  /** `If-Match`: `'*'` (any current record) or the opaque tags accepted. */
  readonly ifMatch?: '*' | readonly string[];
  /** `If-None-Match`: `'*'` (no current record) or the opaque tags refused. */
  readonly ifNoneMatch?: '*' | readonly string[];
}

/** The weak entity tag of a record: its version, and anything that changes the record without a new version. */
export function entityTag(version: number, ...alsoChanging: readonly (string | number)[]): string {
  return `W/"${[version, ...alsoChanging].join('.')}"`;
}

// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text. A comma may sit
// inside a tag, so a list is matched whole rather than split on commas.
const OPAQUE = '"([\\x21\\x23-\\x7e\\x80-\\xff]*)"';
const TAG = `(?:W/)?${OPAQUE}`;
const TAG_LIST = new RegExp(`^${TAG}(?:[ \\t]*,[ \\t]*${TAG})*$`);

/** The opaque part of a tag (`W/"5"` → `5`). */
const opaqueOf = (tag: string) => new RegExp(`^${TAG}$`).exec(tag)?.[1];

function headerOf(event: APIGatewayProxyEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : (headers[key] ?? undefined);
}

function malformed(name: string, reason: { es: string; en: string }): AppError {
  return new AppError(
    400,
    'invalid_input',
    { es: `Encabezado no válido: ${name}`, en: `Invalid header: ${name}` },
    [{ field: `header.${name}`, problem: reason }],
  );
}

/** `"*"` or a comma-separated list of entity tags. */
function parseTagList(name: string, value: string): '*' | string[] {
  const text = value.trim();
  if (text === '*') return '*';
  if (!TAG_LIST.test(text)) {
    throw malformed(name, {
      es: 'debe ser * o una lista de etiquetas entre comillas, como W/"3" (la ETag de una respuesta)',
      en: 'must be * or a list of quoted entity tags, such as W/"3" (the ETag of an answer)',
    });
  }
  return [...text.matchAll(new RegExp(TAG, 'g'))].map((match) => match[1] as string);
}

/**
 * Reads `If-Match` and `If-None-Match`, refusing a malformed one with a 400 that names the header, and `If-Match`
 * on a write that does not evaluate it: a client that believes a write is guarded must not be told 200 for an
 * unguarded one. (On a read it is ignored: reading changes nothing.)
 */
export function readPreconditions(event: APIGatewayProxyEvent, route: RouteDefinition): Preconditions {
  const ifMatch = headerOf(event, 'if-match');
  const ifNoneMatch = headerOf(event, 'if-none-match');
  if (ifMatch !== undefined && !route.ifMatch && route.method !== 'GET') {
    throw malformed('If-Match', {
      es: 'esta operación no admite If-Match: no cambia un registro con versión',
      en: 'this operation does not take If-Match: it does not change a versioned record',
    });
  }
  return {
    ...(ifMatch !== undefined ? { ifMatch: parseTagList('If-Match', ifMatch) } : {}),
    ...(ifNoneMatch !== undefined ? { ifNoneMatch: parseTagList('If-None-Match', ifNoneMatch) } : {}),
  };
}

const listed = (tags: '*' | readonly string[], current: string) =>
  tags === '*' || tags.includes(opaqueOf(current) ?? current);

/**
 * Do a write's preconditions hold for the record as it is now (`currentTag`; undefined when it does not exist)?
 * The caller then writes guarded by the version it compared, so a concurrent writer that read the same version
 * cannot also succeed: the store's versioned write refuses it.
 */
export function preconditionsHold(preconditions: Preconditions, currentTag: string | undefined): boolean {
  const { ifMatch, ifNoneMatch } = preconditions;
  if (ifMatch !== undefined && (currentTag === undefined || !listed(ifMatch, currentTag))) return false;
  if (ifNoneMatch !== undefined && currentTag !== undefined && listed(ifNoneMatch, currentTag)) return false;
  return true;
}

export const preconditionFailed = (currentTag: string | undefined) =>
  new AppError(
    412,
    'precondition_failed',
    currentTag === undefined
      ? {
          es: 'El registro no existe, y la condición (If-Match) pedía que existiera; no se cambió nada',
          en: 'The record does not exist, and the condition (If-Match) required it; nothing was changed',
        }
      : {
          es: `El registro cambió desde que lo leyó (su ETag actual es ${currentTag}); vuelva a cargarlo, nada se cambió`,
          en: `The record changed since you read it (its current ETag is ${currentTag}); reload it, nothing was changed`,
        },
  );

/**
 * Throws 412 unless the preconditions hold. `decided` says whether the change would alter anything: when the record
 * already is as asked (an identical PUT retried after a timeout), a stale If-Match changes nothing either, and RFC
 * 9110 §13.1.1 lets the answer be the success the client is waiting for.
 */
export function requirePreconditions(
  preconditions: Preconditions,
  currentTag: string | undefined,
  decided: 'changes' | 'unchanged' = 'changes',
): void {
  if (decided === 'unchanged') return;
  if (!preconditionsHold(preconditions, currentTag)) throw preconditionFailed(currentTag);
}

/**
 * The conditional side of an answer: the ETag of the record it shows (set by the handler, else from the body's
 * `version`) on routes that show one; and for a GET whose `If-None-Match` lists it, 304 with no body.
 */
export function conditionalAnswer(
  route: RouteDefinition,
  preconditions: Preconditions,
  answer: APIGatewayProxyResult,
  body: unknown,
): APIGatewayProxyResult {
  if (!route.etag || answer.statusCode < 200 || answer.statusCode > 299) return answer;
  const headers = { ...answer.headers };
  const given = Object.keys(headers).find((name) => name.toLowerCase() === 'etag');
  let tag = given === undefined ? undefined : String(headers[given]);
  if (tag === undefined) {
    const version = (body as { version?: unknown } | null)?.version;
    if (typeof version !== 'number' || !Number.isInteger(version)) return answer;
    tag = entityTag(version);
  }
  if (given !== undefined) delete headers[given];
  headers.etag = tag;
  const ifNoneMatch = preconditions.ifNoneMatch;
  if (route.method === 'GET' && ifNoneMatch !== undefined && listed(ifNoneMatch, tag)) {
    const { 'content-type': _type, 'content-language': _language, ...kept } = headers;
    return { statusCode: 304, headers: kept, body: '' };
  }
  return { ...answer, headers };
}
