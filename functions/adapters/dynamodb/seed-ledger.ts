import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client.js';
import { queryAll } from './collections.js';
import * as keys from './keys.js';
import type { TransactItem } from './versioned.js';

/**
 * The seed ledger of a canton's catalogue (see functions/domain/seed-merge.ts): the digest of the seed file last
 * applied in full, and for each seeded organization and service the content the seed gave it. One Query reads it
 * whole; it holds no personal data beyond what the seed file itself has (contact officers' work contacts).
 */
export type SeededKind = 'organization' | 'service';

export interface SeedLedger {
  /** Digest of the seed file when it was last applied in full; absent before the first complete application. */
  readonly fileDigest?: string;
  /** The seed's content for each record when it was last applied, by `<kind>#<id>`. */
  readonly applied: ReadonlyMap<string, unknown>;
}

const FILE_SK = 'CATALOGUE';
const recordSk = (kind: SeededKind, id: string) => `CATALOGUE#${kind}#${id}`;
export const ledgerEntry = (kind: SeededKind, id: string) => `${kind}#${id}`;

export async function readSeedLedger(cantonId: string): Promise<SeedLedger> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.seedLedger(cantonId) },
    ConsistentRead: true,
  });
  const applied = new Map<string, unknown>();
  let fileDigest: string | undefined;
  for (const item of items) {
    const sk = String(item.SK);
    if (sk === FILE_SK) fileDigest = String(item.digest);
    else applied.set(sk.slice(`${FILE_SK}#`.length), JSON.parse(String(item.content)));
  }
  return { ...(fileDigest ? { fileDigest } : {}), applied };
}

/**
 * The ledger write for one record, to go in the same transaction as the record's own change; stored as a JSON
 * string so that the seed's content comes back exactly as it was, empty strings and key order aside.
 */
export function seededRecordPut(
  cantonId: string,
  kind: SeededKind,
  id: string,
  content: unknown,
): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        PK: keys.seedLedger(cantonId),
        SK: recordSk(kind, id),
        entity: 'seed-record',
        content: JSON.stringify(content),
      },
    },
  };
}

export async function saveSeededRecord(cantonId: string, kind: SeededKind, id: string, content: unknown) {
  await dynamo.send(new PutCommand(seededRecordPut(cantonId, kind, id, content).Put as never));
}

/** Written last, once every record of the file has been applied: a restart with the same file reads only this. */
export async function saveSeedFileDigest(cantonId: string, digest: string, at: string) {
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { PK: keys.seedLedger(cantonId), SK: FILE_SK, entity: 'seed-file', digest, appliedAt: at },
    }),
  );
}
