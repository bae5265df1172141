/**
 * The DynamoDB table of the local runtime, created from the definition the CDK stack reads (lib/table.ts).
 */
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TABLE_INDEXES, TABLE_KEY } from '../../table.js';

/**
 * Creates the single table exactly as lib/table.ts describes it (the CDK stack reads the same definition) unless it
 * exists, and waits until it and its indexes are ACTIVE. Safe to call on every start and from concurrent processes.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  let table = await describeTable(client, tableName);
  if (table === undefined) {
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
    } catch (error) {
      // Someone else created it between our DescribeTable and CreateTable: that is the state we want.
      if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
    }
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    table = await describeTable(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (table?.TableStatus === 'ACTIVE' && indexesActive) break;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // dynalite accepts GlobalSecondaryIndexUpdates.Create but silently does nothing, so a data folder created before an
  // index was added to lib/table.ts can never gain it. Fail loudly rather than let queries on that index misbehave.
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = TABLE_INDEXES.filter((index) => !existing.has(index.indexName)).map(
    (index) => index.indexName,
  );
  if (missing.length > 0) {
    throw new Error(
      `Table ${tableName} exists without index(es) ${missing.join(', ')}; the embedded database cannot add indexes ` +
        'to an existing table. Delete the local data folder (or the table) so that it is recreated.',
    );
  }
}

function tableDefinition(tableName: string): CreateTableCommandInput {
  const keyAttributes = [
    TABLE_KEY.partitionKey,
    TABLE_KEY.sortKey,
    ...TABLE_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...new Set(keyAttributes)].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

async function describeTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}
