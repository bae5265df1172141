import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { conflict } from '../commons/errors.js';
import type { Localized } from '../domain/messages.js';
import { type AuditRecord, auditItem } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The one way a record with a history is written: the record (guarded by the version it was read at, or by not
 * existing yet), its numbered event, and the audit record, in one transaction. Requests, organizations, services
 * and protocols all change like this, so history and audit can never disagree with the record.
 */
export interface VersionedWrite {
  /** The full item to store, keys included; its `version` is the new version. */
  readonly item: Record<string, unknown> & { version: number };
  /** The event item, keys included (its key encodes the version, so it can be written only once). */
  readonly event: Record<string, unknown>;
  readonly audit: AuditRecord;
  /**
   * A further condition on the stored record, beyond its version: for example that a service's available spots
   * are still what was read, since referrals change them without a new version.
   */
  readonly guard?: {
    readonly expression: string;
    readonly names: Record<string, string>;
    readonly values: Record<string, unknown>;
  };
  /** Further writes that must happen with this one (e.g. releasing a spot). */
  readonly alsoWrite?: readonly TransactItem[];
  /** What the caller is told when someone else changed the record first. */
  readonly conflictText: Localized;
  /** Hand the cancellation to the caller, whose further writes may need telling apart. */
  readonly rethrow?: boolean;
}

export async function writeVersioned(write: VersionedWrite): Promise<void> {
  const isNew = write.item.version === 1;
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLE_NAME,
              Item: write.item,
              ...(isNew
                ? { ConditionExpression: 'attribute_not_exists(PK)' }
                : {
                    ConditionExpression: ['#version = :previous', write.guard?.expression]
                      .filter(Boolean)
                      .join(' AND '),
                    ExpressionAttributeNames: { '#version': 'version', ...write.guard?.names },
                    ExpressionAttributeValues: {
                      ':previous': write.item.version - 1,
                      ...write.guard?.values,
                    },
                  }),
            },
          },
          {
            Put: {
              TableName: TABLE_NAME,
              Item: write.event,
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          { Put: { TableName: TABLE_NAME, Item: auditItem(write.audit) } },
          ...(write.alsoWrite ?? []),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof TransactionCanceledException && !write.rethrow) throw conflict(write.conflictText);
    throw error;
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
