import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#kernel/errors.js';
import type { PublishedProtocol } from '#domain/protocol.js';
import { type AuditRecord, auditItem } from './audit.js';
import { TABLE_NAME, dynamo } from './client.js';
import { queryAll } from './collections.js';
import { keys } from './keys.js';
import { withoutStorageAttributes } from './versioned.js';
import type { ItemRead } from './batch-reads.js';

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
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.protocol(cantonId, category, subcategory) },
    ConsistentRead: true,
  });
  return items.map((i) => withoutStorageAttributes<PublishedProtocol>(i));
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
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw conflict({
        es: 'Otra versión de este protocolo se publicó al mismo tiempo; vuelva a cargarlo e intente de nuevo',
        en: 'Another version of this protocol was published at the same time; reload it and try again',
      });
    }
    throw error;
  }
}
