import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretString } from '#adapters/secrets/secrets-manager.js';
import { badRequest } from '#kernel/errors.js';

/**
 * Pagination cursors are DynamoDB's LastEvaluatedKey plus the query they belong to, signed with HMAC-SHA256, so a
 * client can neither forge a position nor move a cursor to another canton, index or filter. The key comes from
 * CURSOR_SECRET locally and from Secrets Manager (CURSOR_SECRET_ARN) on AWS, read once per container.
 */
let keyPromise: Promise<Buffer> | undefined;

function signingKey(): Promise<Buffer> {
  keyPromise ??= (async () => {
    if (process.env.CURSOR_SECRET) return Buffer.from(process.env.CURSOR_SECRET, 'utf8');
    const arn = process.env.CURSOR_SECRET_ARN;
    if (!arn) throw new Error('Missing required environment variable CURSOR_SECRET or CURSOR_SECRET_ARN');
    const SecretString = await secretString(arn);
    if (!SecretString) throw new Error('The cursor secret is empty');
    return Buffer.from(SecretString, 'utf8');
  })();
  return keyPromise;
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** `scope` names the query (canton, index, filters): a cursor only opens the query it was made for. */
export async function encodeCursor(lastKey: Record<string, unknown>, scope: string): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ k: lastKey, s: scope }), 'utf8').toString('base64url');
  return `${payload}.${mac(await signingKey(), payload)}`;
}

// Named as a query parameter, so that the problem document points at `cursor`.
export const invalidCursor = () =>
  badRequest('query.cursor', {
    es: 'el cursor de paginación no es válido o no corresponde a esta consulta',
    en: 'the pagination cursor is invalid or belongs to another query',
  });

export async function decodeCursor(cursor: string, scope: string): Promise<Record<string, unknown>> {
  const [payload, signature, extra] = cursor.split('.');
  if (!payload || !signature || extra !== undefined) throw invalidCursor();
  const expected = Buffer.from(mac(await signingKey(), payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidCursor();
  let decoded: { k?: unknown; s?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (decoded.s !== scope || typeof decoded.k !== 'object' || decoded.k === null) throw invalidCursor();
  return decoded.k as Record<string, unknown>;
}
