import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#kernel/errors.js';
import type { PublishedProtocol } from '#domain/protocol.js';
import { type AuditRecord, auditItem } from './audit.js';
import { TABLE_NAME, dynamo } from './client.js';
import { queryAll } from './collections.js';
import * as keys from './keys.js';
import { CACHED_READ, type NamedWrite, StaleCachedRead, withoutStorageAttributes } from './versioned.js';
import type { BatchReads, ItemRead } from './batch-reads.js';

/**
 * Published protocol versions are immutable items, one partition per canton and subcategory; GSI1 lists all of a
 * canton's versions. Publishing writes the new version and, when it supersedes one that was open-ended, the
 * earlier version's end date, in one transaction.
 */
const versionItem = (p: PublishedProtocol) => ({
  ...keys.protocolVersion(p.cantonId, p.category, p.subcategory, p.version),
  entity: 'protocol-version',
  ...p,
  GSI1PK: keys.protocolsAll(p.cantonId),
  GSI1SK: `${p.category}#${p.subcategory}#${String(p.version).padStart(6, '0')}`,
});

export async function versionsOf(cantonId: string, category: string, subcategory: string) {
  const partition = keys.protocol(cantonId, category, subcategory);
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': partition },
    ConsistentRead: true,
  });
  const versions = items.map((i) => withoutStorageAttributes<PublishedProtocol>(i));
  kept.set(partition, versions);
  return versions;
}

/**
 * The container's copy of protocol partitions (every version of one canton's protocol for a subcategory), for
 * writes that decide by the protocol in force (classifying a request, recording one classified, referring an
 * escalated request: app/protocols/effective.ts, ProtocolsForWrite) so that they need not read it each time.
 *
 * Why a copy can never be used stale: versions are numbered 1, 2, … and the only change to a partition is a
 * publication, which writes version N + 1 (guarded by its not existing) together with the end date of version N,
 * in one transaction (publishVersion). So "no item VERSION#(highest kept + 1)" holds exactly while the partition is
 * as kept, and every write that decided from a kept copy carries that as a ConditionCheck (versionsUnchanged). A
 * protocol published in any container makes the next such write elsewhere fail its check before anything is
 * written; the copy is then forgotten and the operation runs again on the stored versions. What is decided is
 * therefore always what a fresh read would decide at the moment of the write. An operation that only shows
 * protocols has no write to carry the check, so it asks the same question by key instead, in the batch of its other
 * reads (currentVersions): a publication that finished anywhere before the read is seen by it. Writes that do not
 * carry the check read the stored versions.
 */
const kept = new Map<string, readonly PublishedProtocol[]>();

/** The kept copy of a partition, if this container has one (versionsOf fills it; publishVersion clears it). */
export function keptVersion(
  cantonId: string,
  category: string,
  subcategory: string,
): readonly PublishedProtocol[] | undefined {
  return kept.get(keys.protocol(cantonId, category, subcategory));
}

/** Forgets every kept partition: a write found one stale (StaleCachedRead). */
export function forgetKeptVersions(): void {
  kept.clear();
}

/** The key of the version a publication after `versions` would write: while it is absent, they are current. */
function nextVersionKey(
  cantonId: string,
  category: string,
  subcategory: string,
  versions: readonly PublishedProtocol[],
) {
  const next = versions.reduce((highest, v) => Math.max(highest, v.version), 0) + 1;
  return keys.protocolVersion(cantonId, category, subcategory, next);
}

/** The check a write carries when it decided from kept versions: no version was published after them. */
export function versionsUnchanged(
  cantonId: string,
  category: string,
  subcategory: string,
  versions: readonly PublishedProtocol[],
): NamedWrite {
  return {
    name: CACHED_READ,
    write: {
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: nextVersionKey(cantonId, category, subcategory, versions),
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  };
}

/**
 * Every version of a partition, for an operation that shows them: the kept copy when `reads` (the operation's batch)
 * finds no version published after it, else the stored versions (read, and kept). A strongly consistent read of
 * that one key is as current as reading the partition again.
 */
export async function currentVersions(
  cantonId: string,
  category: string,
  subcategory: string,
  reads: BatchReads,
): Promise<readonly PublishedProtocol[]> {
  const copy = keptVersion(cantonId, category, subcategory);
  if (copy) {
    const later = await reads.get({
      key: nextVersionKey(cantonId, category, subcategory, copy),
      decode: () => true,
    });
    if (!later) return copy;
  }
  return versionsOf(cantonId, category, subcategory);
}

/** One version by its number, as a read that joins an operation's batch (batch-reads.ts). */
export const protocolVersionRead = (
  cantonId: string,
  category: string,
  subcategory: string,
  version: number,
): ItemRead<PublishedProtocol> => ({
  key: keys.protocolVersion(cantonId, category, subcategory, version),
  decode: (item) => withoutStorageAttributes<PublishedProtocol>(item),
});

export async function allVersions(cantonId: string) {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.protocolsAll(cantonId) },
  });
  return items.map((i) => withoutStorageAttributes<PublishedProtocol>(i));
}

export async function publishVersion(
  published: PublishedProtocol,
  previous: { version: number; until: string } | undefined,
  /** The checks of kept versions the publication decided by (the national template an override inherits). */
  checks: readonly NamedWrite[],
  audit: AuditRecord,
) {
  const { cantonId, category, subcategory } = published;
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          // The version number is the guard: two coordinators publishing at once cannot both take it.
          {
            Put: {
              TableName: TABLE_NAME,
              Item: versionItem(published),
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          ...(previous
            ? [
                {
                  Update: {
                    TableName: TABLE_NAME,
                    Key: keys.protocolVersion(cantonId, category, subcategory, previous.version),
                    UpdateExpression: 'SET #definition.#validity.#until = :until',
                    ConditionExpression: 'attribute_exists(PK)',
                    ExpressionAttributeNames: {
                      '#definition': 'definition',
                      '#validity': 'validity',
                      '#until': 'until',
                    },
                    ExpressionAttributeValues: { ':until': previous.until },
                  },
                },
              ]
            : []),
          { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
          ...checks.map((c) => c.write),
        ],
      }),
    );
    // This container sees its own publication at once (others at their next write's check).
    kept.delete(keys.protocol(cantonId, category, subcategory));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const checked = reasons.slice(reasons.length - checks.length);
      if (checks.length > 0 && checked.some((r) => r.Code === 'ConditionalCheckFailed')) {
        throw new StaleCachedRead();
      }
      throw conflict({
        es: 'Otra versión de este protocolo se publicó al mismo tiempo; vuelva a cargarlo e intente de nuevo',
        en: 'Another version of this protocol was published at the same time; reload it and try again',
      });
    }
    throw error;
  }
}
