import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AnyLink,
  type ComplaintLink,
  type ConfirmationLink,
  LINK_CODE,
  LINK_CODE_ALPHABET,
  LINK_CODE_LENGTH,
  LINK_VALIDITY_MS,
  SESSION_VALIDITY_MS,
  type ShortLink,
  VERIFICATION_CODE_DIGITS,
  VERIFICATION_VALIDITY_MS,
  type Verification,
} from '#domain/link.js';
import { TIME_TO_LIVE_ATTRIBUTE } from '../../../lib/table.js';
import type { ItemRead } from './batch-reads.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryAll } from './collections.js';
import * as keys from './keys.js';
import type { TransactItem } from './versioned.js';

/**
 * Short links, their verification codes and the sessions of verified devices (domain/link.ts). Every secret is
 * drawn from the operating system's CSPRNG and kept only as a SHA-256: the link code, the 6-digit code (salted,
 * so that equal codes do not look equal) and the session cookie.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * How long after its expiry DynamoDB's time to live may delete a record: a link is kept 30 days more, so that a
 * late tap still says "expired" (410) before it says "does not exist" (404); a code or a session one day.
 */
const LINK_KEPT_AFTER_EXPIRY_MS = 30 * 24 * 3600 * 1000;
const SECRET_KEPT_AFTER_EXPIRY_MS = 24 * 3600 * 1000;

/**
 * The record's expiry as stored: `validUntil` (ISO, what every check reads) and the table's time-to-live attribute
 * (epoch seconds, lib/table.ts), later by `keptMs`. Expiry is still checked on every read — TTL deletes lazily, and
 * not at all locally.
 */
function lifeOf(validUntil: string, keptMs: number) {
  return {
    validUntil,
    [TIME_TO_LIVE_ATTRIBUTE]: Math.ceil((Date.parse(validUntil) + keptMs) / 1000),
  };
}

/** The ISO expiry of a stored record: `validUntil`, or (records written before the time to live) `expiresAt`. */
const validUntilOf = (item: Record<string, unknown>): string =>
  typeof item.validUntil === 'string' ? item.validUntil : String(item.expiresAt);

/** 11 base62 characters, uniform: bytes ≥ 248 are drawn again so that every character is equally likely. */
export function newLinkCode(): string {
  let code = '';
  while (code.length < LINK_CODE_LENGTH) {
    for (const byte of randomBytes(16)) {
      if (byte < 248 && code.length < LINK_CODE_LENGTH) code += LINK_CODE_ALPHABET[byte % 62];
    }
  }
  return code;
}

/** Issues a link for one recipient of one referral: the code to put in the notice (the table keeps its hash). */
export function issueLink(link: Omit<ShortLink, 'createdAt' | 'expiresAt'>, now: Date): Promise<string> {
  return putLink(link, now);
}

/** Issues the complainant's link to their case, with its reply: the code to put in the SMS or e-mail. */
export function issueComplaintLink(cantonId: string, complaintId: string, now: Date): Promise<string> {
  return putLink({ cantonId, complaintId, recipient: { kind: 'complainant' } }, now);
}

/** Issues the citizen's link to confirm they received the service of a completed referral. */
export function issueConfirmationLink(cantonId: string, referralId: string, now: Date): Promise<string> {
  return putLink({ cantonId, referralId, recipient: { kind: 'citizen' } }, now);
}

async function putLink(
  link:
    | Omit<ShortLink, 'createdAt' | 'expiresAt'>
    | Omit<ComplaintLink, 'createdAt' | 'expiresAt'>
    | Omit<ConfirmationLink, 'createdAt' | 'expiresAt'>,
  now: Date,
): Promise<string> {
  const code = newLinkCode();
  const item = {
    ...link,
    createdAt: now.toISOString(),
    ...lifeOf(new Date(now.getTime() + LINK_VALIDITY_MS).toISOString(), LINK_KEPT_AFTER_EXPIRY_MS),
    ...('referralId' in link
      ? { GSI1PK: keys.linksOfReferral(link.cantonId, link.referralId), GSI1SK: now.toISOString() }
      : {}),
  };
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.link(sha256(code)), entity: 'short-link', ...item },
      // 2^65 codes: a clash is not expected, but it must never hand one recipient's link to another.
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return code;
}

/** The link a code opens: a referral's or a complaint's (domain/link.ts `isComplaintLink`). */
export async function findLink(code: string): Promise<AnyLink | undefined> {
  if (!LINK_CODE.test(code)) return undefined;
  const { Item } = await dynamo.send(new GetCommand({ TableName: TABLE_NAME, Key: keys.link(sha256(code)) }));
  if (!Item) return undefined;
  const { cantonId, createdAt, revokedAt } = Item as ShortLink;
  const life = { createdAt, expiresAt: validUntilOf(Item), ...(revokedAt ? { revokedAt } : {}) };
  if (typeof Item.complaintId === 'string') {
    return { cantonId, complaintId: Item.complaintId, recipient: { kind: 'complainant' }, ...life };
  }
  const { referralId, recipient } = Item as ShortLink;
  if ((recipient as { kind: string }).kind === 'citizen') {
    return { cantonId, referralId, recipient: { kind: 'citizen' }, ...life };
  }
  return { cantonId, referralId, recipient, ...life };
}

/** The most writes one transaction holds. */
const TRANSACTION_LIMIT = 100;

const revocation = (item: Record<string, unknown>, at: string): TransactItem => ({
  Update: {
    TableName: TABLE_NAME,
    Key: { PK: item.PK, SK: item.SK },
    UpdateExpression: 'SET revokedAt = :at',
    // A link revoked already keeps its first revocation.
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
    ExpressionAttributeValues: { ':at': at },
  },
});

/**
 * Revokes every link issued for a referral (its contact officers', staff members' and citizen's), found through
 * GSI1, in one transaction with what `along` adds for the number revoked (the audit record, the citizen's call
 * back); a link already revoked keeps its first revocation. Links issued before the index existed are not found
 * (they still close with their referral and expire after 30 days). Answers how many were revoked now.
 *
 * The index may not show a revocation made a moment ago, so each link's condition decides: a write whose
 * condition fails was done meanwhile (a link revoked, a question answered) and the transaction is sent again
 * without it, `along` counting only the links revoked now. More links than a transaction holds (never seen: a
 * referral gets a few per notice) go first, in transactions of their own.
 */
export async function revokeLinksOfReferral(
  cantonId: string,
  referralId: string,
  at: string,
  along: (revoked: number) => readonly TransactItem[],
): Promise<number> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.linksOfReferral(cantonId, referralId) },
  });
  const links = items.filter((item) => item.revokedAt === undefined).map((item) => revocation(item, at));
  const room = TRANSACTION_LIMIT - along(0).length;
  let revoked = 0;
  while (links.length > room) revoked += await writeUnlessDone(links.splice(0, room), () => []);
  return revoked + (await writeUnlessDone(links, (n) => along(revoked + n)));
}

/**
 * Writes `writes` and what `along` adds for their number in one transaction, leaving out each write whose condition
 * was found false (done meanwhile), until the rest goes through; anything else that cancels it is thrown. Answers
 * how many of `writes` were written.
 */
async function writeUnlessDone(
  writes: readonly TransactItem[],
  along: (written: number) => readonly TransactItem[],
): Promise<number> {
  let kept = [...writes];
  const doneAlong = new Set<number>();
  for (;;) {
    const extra = along(kept.length)
      .map((write, position) => ({ write, position }))
      .filter(({ position }) => !doneAlong.has(position));
    const items = [...kept, ...extra.map((e) => e.write)];
    if (items.length === 0) return 0;
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
      return kept.length;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const done = new Set(reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : [])));
      const other = reasons.some((r) => r.Code && r.Code !== 'None' && r.Code !== 'ConditionalCheckFailed');
      if (done.size === 0 || other) throw error;
      for (const i of done)
        if (i >= kept.length) doneAlong.add((extra[i - kept.length] as { position: number }).position);
      kept = kept.filter((_, i) => !done.has(i));
    }
  }
}

// ---- Verification codes ----

export interface StoredVerification extends Verification {
  readonly salt: string;
}

const codeHash = (salt: string, code: string) => sha256(`${salt}:${code}`);

function toVerification(Item: Record<string, unknown>): StoredVerification {
  const { codeHash: hash, salt, sentAt, failures, lockedUntil } = Item as unknown as StoredVerification;
  const expiresAt = validUntilOf(Item);
  return { codeHash: hash, salt, sentAt, expiresAt, failures, ...(lockedUntil ? { lockedUntil } : {}) };
}

/** The code sent to a recipient, as a read that joins an operation's batch (batch-reads.ts). */
export const verificationRead = (cantonId: string, recipientId: string): ItemRead<StoredVerification> => ({
  key: keys.linkVerification(cantonId, recipientId),
  decode: toVerification,
});

/** A new 6-digit code for the recipient, replacing any earlier one; the code itself goes only to the notice. */
export async function newVerification(cantonId: string, recipientId: string, now: Date): Promise<string> {
  const code = String(randomInt(0, 10 ** VERIFICATION_CODE_DIGITS)).padStart(VERIFICATION_CODE_DIGITS, '0');
  const salt = randomBytes(16).toString('hex');
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: {
        ...keys.linkVerification(cantonId, recipientId),
        entity: 'link-verification',
        codeHash: codeHash(salt, code),
        salt,
        sentAt: now.toISOString(),
        ...lifeOf(
          new Date(now.getTime() + VERIFICATION_VALIDITY_MS).toISOString(),
          SECRET_KEPT_AFTER_EXPIRY_MS,
        ),
        failures: 0,
      },
    }),
  );
  return code;
}

/** Whether a typed code is the one sent, compared in constant time. */
export function verificationMatches(verification: StoredVerification, code: string): boolean {
  const typed = Buffer.from(codeHash(verification.salt, code.trim()), 'hex');
  const kept = Buffer.from(verification.codeHash, 'hex');
  return typed.length === kept.length && timingSafeEqual(typed, kept);
}

/** The guard of a change to a verification: it is still the one read (same code, same count of wrong tries). */
const unchanged = (before: StoredVerification) => ({
  ConditionExpression: 'failures = :failures AND sentAt = :sentAt',
  ExpressionAttributeValues: { ':failures': before.failures, ':sentAt': before.sentAt },
});

/** Sends a guarded write; false when its guard failed (someone else's try came first). */
async function ifUnchanged(send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Counts a wrong try, guarded by the count read: two tries at once cannot both be judged on the same count, so
 * the limit holds even against parallel guesses (the loser's try is refused as if wrong).
 */
export function saveFailedTry(
  cantonId: string,
  recipientId: string,
  before: StoredVerification,
  next: Verification,
): Promise<boolean> {
  return ifUnchanged(() =>
    dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...keys.linkVerification(cantonId, recipientId),
          entity: 'link-verification',
          ...next,
          // Kept until the later of its expiry and its lock, so a lock never vanishes with the code.
          ...lifeOf(
            next.lockedUntil && next.lockedUntil > next.expiresAt ? next.lockedUntil : next.expiresAt,
            SECRET_KEPT_AFTER_EXPIRY_MS,
          ),
          validUntil: next.expiresAt,
          salt: before.salt,
        },
        ...unchanged(before),
      }),
    ),
  );
}

/** A code is good once: the right one is removed as it opens the session (guarded, so only one try wins). */
export function consumeVerification(
  cantonId: string,
  recipientId: string,
  before: StoredVerification,
): Promise<boolean> {
  return ifUnchanged(() =>
    dynamo.send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: keys.linkVerification(cantonId, recipientId),
        ...unchanged(before),
      }),
    ),
  );
}

// ---- Sessions ----

export interface LinkSession {
  readonly recipientId: string;
  readonly expiresAt: string;
}

/** A verified device: 256 random bits in the cookie, their hash in the table. */
export async function newSession(
  cantonId: string,
  recipientId: string,
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_VALIDITY_MS).toISOString();
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: {
        ...keys.linkSession(cantonId, sha256(token)),
        entity: 'link-session',
        recipientId,
        createdAt: now.toISOString(),
        ...lifeOf(expiresAt, SECRET_KEPT_AFTER_EXPIRY_MS),
      },
    }),
  );
  return { token, expiresAt };
}

const toSession = (Item: Record<string, unknown>): LinkSession => ({
  recipientId: Item.recipientId as string,
  expiresAt: validUntilOf(Item),
});

/** A device's session as a read that joins an operation's batch; undefined for a token that cannot be one. */
export const sessionRead = (cantonId: string, token: string): ItemRead<LinkSession> | undefined =>
  /^[A-Za-z0-9_-]{43}$/.test(token)
    ? { key: keys.linkSession(cantonId, sha256(token)), decode: toSession }
    : undefined;
