import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { AppError, conflict } from '#kernel/errors.js';
import type { Localized } from '#kernel/messages.js';
import { type AuditRecord, auditItem } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A write that goes with a change, named so that when its condition fails the caller hears which one by name
 * (a full service, a request changed meanwhile, a duplicate claim) rather than by its position in the transaction.
 */
export interface NamedWrite {
  readonly name: string;
  readonly write: TransactItem;
}

export type AccompanyingWrite = TransactItem | NamedWrite;

const isNamed = (w: AccompanyingWrite): w is NamedWrite => 'write' in w && 'name' in w;

/** A further condition on a stored record, beyond its version (see VersionedWrite.guard). */
export interface Guard {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/**
 * The two writes of a change to a record with a history: the record — guarded by not existing yet (version 1) or
 * by still being at the version before this one — and its numbered event, which can be written only once. For
 * callers that put them in a larger transaction (a referral changes its request too).
 */
export function versionedPuts(
  item: Record<string, unknown> & { version: number },
  event: Record<string, unknown>,
  guard?: Guard,
): TransactItem[] {
  const condition =
    item.version === 1
      ? { ConditionExpression: 'attribute_not_exists(PK)' }
      : {
          ConditionExpression: ['#version = :previous', guard?.expression].filter(Boolean).join(' AND '),
          ExpressionAttributeNames: { '#version': 'version', ...guard?.names },
          ExpressionAttributeValues: { ':previous': item.version - 1, ...guard?.values },
        };
  return [
    { Put: { TableName: TABLE_NAME, Item: item, ...condition } },
    { Put: { TableName: TABLE_NAME, Item: event, ConditionExpression: 'attribute_not_exists(PK)' } },
  ];
}

/**
 * The one way a record with a history is written: the record and its event (versionedPuts), the audit record of
 * whoever acted, and any writes that must go with them, in one transaction. Requests, organizations, services,
 * referrals all change like this, so history and audit can never disagree with the record.
 */
export interface VersionedWrite {
  /** The full item to store, keys included; its `version` is the new version. */
  readonly item: Record<string, unknown> & { version: number };
  /** The event item, keys included (its key encodes the version, so it can be written only once). */
  readonly event: Record<string, unknown>;
  /** Absent only when no person acted (the workflow firing a timer). */
  readonly audit?: AuditRecord;
  /**
   * A further condition on the stored record, beyond its version: for example that a service's available spots
   * are still what was read, since referrals change them without a new version.
   */
  readonly guard?: Guard;
  /** Further writes that must happen with this one (e.g. releasing a spot); name those whose failure matters. */
  readonly alsoWrite?: readonly AccompanyingWrite[];
  /** What the caller is told when someone else changed the record first. */
  readonly conflictText: Localized;
}

/** When not ok, `failed` holds the names of the accompanying writes whose condition failed (`other` if unnamed). */
export type VersionedResult = { ok: true } | { ok: false; failed: ReadonlySet<string> };

/**
 * The name of a check that a value a container keeps (the protocols in force) is still what is stored: the write
 * that relied on it carries the check, so a stale copy can never be written from (protocols-store.ts).
 */
export const CACHED_READ = 'cached-read';

/**
 * A write that relied on a container's copy found it stale (its CACHED_READ check failed), so nothing was written:
 * the copy is forgotten, and the operation may run once more on what is stored. Still a conflict if it escapes.
 */
export class StaleCachedRead extends AppError {
  constructor() {
    super(409, 'conflict', {
      es: 'Un protocolo cambió mientras se procesaba este cambio; vuelva a intentarlo',
      en: 'A protocol changed while this change was being made; try again',
    });
  }
}

/** Writes the change; a record changed meanwhile is a 409 with `conflictText`. */
export async function writeVersioned(write: VersionedWrite): Promise<void> {
  const result = await tryWriteVersioned(write);
  if (result.ok) return;
  if (result.failed.has(CACHED_READ)) throw new StaleCachedRead();
  throw conflict(write.conflictText);
}

/**
 * Like writeVersioned, but when only some of `alsoWrite` failed their conditions, says which (by name), so the
 * caller can tell, say, a full service from a request that changed. A record changed meanwhile is still a 409.
 */
export async function tryWriteVersioned(write: VersionedWrite): Promise<VersionedResult> {
  const own = [
    ...versionedPuts(write.item, write.event, write.guard),
    ...(write.audit ? [{ Put: { TableName: TABLE_NAME, Item: auditItem(write.audit) } }] : []),
  ];
  const others = write.alsoWrite ?? [];
  // DynamoDB reports cancellation reasons by position; this is the one place that turns them into names.
  const names = [
    'record',
    'event',
    ...own.slice(2).map(() => 'audit'),
    ...others.map((w) => (isNamed(w) ? w.name : 'other')),
  ];
  const items = [...own, ...others.map((w) => (isNamed(w) ? w.write : w))];
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const failed = new Set(
      (error.CancellationReasons ?? []).flatMap((r, i) =>
        r.Code === 'ConditionalCheckFailed' ? [names[i] ?? 'other'] : [],
      ),
    );
    if (failed.has('record') || failed.has('event')) throw conflict(write.conflictText);
    return { ok: false, failed };
  }
}

/** Attributes that exist only for the table (keys, index keys, entity tag), never shown to callers. */
export const STORAGE_ATTRIBUTES = [
  'PK',
  'SK',
  'entity',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'GSI4PK',
  'GSI4SK',
] as const;

export function withoutStorageAttributes<T>(item: Record<string, unknown>): T {
  const copy = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete copy[attribute];
  return copy as T;
}
