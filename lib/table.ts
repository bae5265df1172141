/**
 * The one DynamoDB table, described once so that the CDK stack and the embedded local server create exactly the
 * same thing. Pure data: no CDK or SDK imports, so handlers and the local runtime can read it too.
 *
 * Every key is a string built by functions/adapters/dynamodb/keys.ts and always starts with the canton (see docs/data-model.md).
 * The global secondary indexes are overloaded: each entity type decides what it writes into GSInPK/GSInSK.
 */
export const TABLE_KEY = { partitionKey: 'PK', sortKey: 'SK' } as const;

export interface IndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const TABLE_INDEXES: readonly IndexDefinition[] = [
  { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
];

export type IndexName = 'GSI1' | 'GSI2' | 'GSI3' | 'GSI4';

/**
 * Items that may vanish on their own carry their end in this attribute (epoch seconds), which DynamoDB's time to
 * live deletes some time after it passes (idempotency keys). Deletion is late, and dynalite has none, so readers
 * treat an item past its time as absent.
 */
export const TIME_TO_LIVE_ATTRIBUTE = 'expiresAt';

/** The default table name on the embedded runtime; on AWS the name comes from the stack (env TABLE_NAME). */
export const LOCAL_TABLE_NAME = 'swcs';
