import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureTable,
  type LocalDynamo,
  startLocalDynamo,
  type StreamRecord,
} from '../../lib/local/dynamodb.js';
import { LOCAL_TABLE_NAME, TABLE_INDEXES } from '../../lib/table.js';

const TABLE = LOCAL_TABLE_NAME;

function clientsFor(endpoint: string): { client: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { client, doc: DynamoDBDocumentClient.from(client) };
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Runs a transaction that must be cancelled and returns the SDK's exception. */
async function cancelled(
  doc: DynamoDBDocumentClient,
  items: TransactItem[],
): Promise<TransactionCanceledException> {
  const error = await doc.send(new TransactWriteCommand({ TransactItems: items })).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TransactionCanceledException);
  return error as TransactionCanceledException;
}

describe('embedded DynamoDB (in memory)', () => {
  let local: LocalDynamo;
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;

  const get = async (PK: string, SK = 'A') =>
    (await doc.send(new GetCommand({ TableName: TABLE, Key: { PK, SK }, ConsistentRead: true }))).Item;

  beforeAll(async () => {
    local = await startLocalDynamo({});
    ({ client, doc } = clientsFor(local.endpoint));
    await ensureTable(client, TABLE);
  });

  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  it('listens on 127.0.0.1', () => {
    expect(local.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('creates the table from lib/table.ts with every GSI, idempotently', async () => {
    await ensureTable(client, TABLE);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    const indexes = Table?.GlobalSecondaryIndexes ?? [];
    expect(indexes.map((index) => index.IndexName).sort()).toEqual(
      TABLE_INDEXES.map((index) => index.indexName),
    );
    for (const index of indexes) {
      expect(index.Projection?.ProjectionType).toBe('ALL');
      expect(index.IndexStatus).toBe('ACTIVE');
    }
  });

  it('queries a GSI', async () => {
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { PK: 'gsi#1', SK: 'A', GSI2PK: 'C1#OFFICER#o1', GSI2SK: '2026-01-02', name: 'second' },
      }),
    );
    await doc.send(
      new PutCommand({
        TableName: TABLE,
        Item: { PK: 'gsi#2', SK: 'A', GSI2PK: 'C1#OFFICER#o1', GSI2SK: '2026-01-01', name: 'first' },
      }),
    );
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': 'C1#OFFICER#o1' },
      }),
    );
    expect(Items?.map((item) => item.name)).toEqual(['first', 'second']);
  });

  describe('TransactWriteItems', () => {
    it('writes every item of a successful transaction', async () => {
      await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: 'ok#3', SK: 'A', n: 1 } }));
      await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: 'ok#4', SK: 'A' } }));
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: TABLE,
                Item: { PK: 'ok#1', SK: 'A', v: 'one' },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            { Put: { TableName: TABLE, Item: { PK: 'ok#2', SK: 'A', v: 'two' } } },
            {
              Update: {
                TableName: TABLE,
                Key: { PK: 'ok#3', SK: 'A' },
                UpdateExpression: 'SET n = n + :one',
                ConditionExpression: 'n = :expected',
                ExpressionAttributeValues: { ':one': 1, ':expected': 1 },
              },
            },
            {
              Delete: {
                TableName: TABLE,
                Key: { PK: 'ok#4', SK: 'A' },
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
          ],
        }),
      );
      expect(await get('ok#1')).toEqual({ PK: 'ok#1', SK: 'A', v: 'one' });
      expect(await get('ok#2')).toEqual({ PK: 'ok#2', SK: 'A', v: 'two' });
      expect(await get('ok#3')).toEqual({ PK: 'ok#3', SK: 'A', n: 2 });
      expect(await get('ok#4')).toBeUndefined();
    });

    it('writes nothing when the 3rd of 3 conditions fails, restoring items and their index entries', async () => {
      const overwritten = { PK: 'fail#1', SK: 'A', v: 'before', GSI1PK: 'C1#FAIL', GSI1SK: 'before' };
      const updated = { PK: 'fail#2', SK: 'A', count: 5 };
      await doc.send(new PutCommand({ TableName: TABLE, Item: overwritten }));
      await doc.send(new PutCommand({ TableName: TABLE, Item: updated }));

      const error = await cancelled(doc, [
        {
          Put: {
            TableName: TABLE,
            Item: { PK: 'fail#1', SK: 'A', v: 'after', GSI1PK: 'C1#FAIL', GSI1SK: 'after' },
          },
        },
        {
          Update: {
            TableName: TABLE,
            Key: { PK: 'fail#2', SK: 'A' },
            UpdateExpression: 'SET #count = #count + :one, touched = :yes',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': 1, ':yes': true },
          },
        },
        {
          Put: {
            TableName: TABLE,
            Item: { PK: 'fail#3', SK: 'A' },
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
      ]);

      expect(error.name).toBe('TransactionCanceledException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe(
        'Transaction cancelled, please refer cancellation reasons for specific reasons ' +
          '[None, None, ConditionalCheckFailed]',
      );
      expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual([
        'None',
        'None',
        'ConditionalCheckFailed',
      ]);
      expect(error.CancellationReasons?.[2]?.Message).toBe('The conditional request failed');

      expect(await get('fail#1')).toEqual(overwritten);
      expect(await get('fail#2')).toEqual(updated);
      expect(await get('fail#3')).toBeUndefined();
      // The index must be restored too, not only the base item.
      const { Items } = await doc.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': 'C1#FAIL' },
        }),
      );
      expect(Items?.map((item) => item.GSI1SK)).toEqual(['before']);
    });

    it('undoes a new item and a delete, and reports every failed condition with ALL_OLD items', async () => {
      const guarded = { PK: 'multi#2', SK: 'A', status: 'CLOSED' };
      const deleted = { PK: 'multi#3', SK: 'A', keep: true };
      await doc.send(new PutCommand({ TableName: TABLE, Item: guarded }));
      await doc.send(new PutCommand({ TableName: TABLE, Item: deleted }));

      const error = await cancelled(doc, [
        { Put: { TableName: TABLE, Item: { PK: 'multi#1', SK: 'A', created: true } } },
        {
          Update: {
            TableName: TABLE,
            Key: { PK: 'multi#2', SK: 'A' },
            UpdateExpression: 'SET #status = :next',
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':next': 'ASSIGNED', ':open': 'OPEN' },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Delete: { TableName: TABLE, Key: { PK: 'multi#3', SK: 'A' } } },
        {
          ConditionCheck: {
            TableName: TABLE,
            Key: { PK: 'multi#missing', SK: 'A' },
            ConditionExpression: 'attribute_exists(PK)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
      ]);

      expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual([
        'None',
        'ConditionalCheckFailed',
        'None',
        'ConditionalCheckFailed',
      ]);
      // The low-level client returns the old image in wire format.
      expect(error.CancellationReasons?.[1]?.Item).toEqual({
        PK: { S: 'multi#2' },
        SK: { S: 'A' },
        status: { S: 'CLOSED' },
      });
      // No item existed, so there is nothing to return.
      expect(error.CancellationReasons?.[3]?.Item).toBeUndefined();
      expect(await get('multi#1')).toBeUndefined();
      expect(await get('multi#2')).toEqual(guarded);
      expect(await get('multi#3')).toEqual(deleted);
      expect(await get('multi#missing')).toBeUndefined();
    });

    it('leaves no trace of a ConditionCheck that passes', async () => {
      const service = { PK: 'check#service', SK: 'A', active: true, spots: 3 };
      await doc.send(new PutCommand({ TableName: TABLE, Item: service }));
      await doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: TABLE,
                Key: { PK: 'check#service', SK: 'A' },
                ConditionExpression: 'active = :yes AND spots > :zero',
                ExpressionAttributeValues: { ':yes': true, ':zero': 0 },
              },
            },
            {
              ConditionCheck: {
                TableName: TABLE,
                Key: { PK: 'check#absent', SK: 'A' },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            { Put: { TableName: TABLE, Item: { PK: 'check#referral', SK: 'A' } } },
          ],
        }),
      );
      expect(await get('check#service')).toEqual(service);
      expect(await get('check#absent')).toBeUndefined();
      expect(await get('check#referral')).toEqual({ PK: 'check#referral', SK: 'A' });
    });

    it('cancels on a failing ConditionCheck', async () => {
      await doc.send(
        new PutCommand({ TableName: TABLE, Item: { PK: 'check#inactive', SK: 'A', active: false } }),
      );
      const error = await cancelled(doc, [
        { Put: { TableName: TABLE, Item: { PK: 'check#never', SK: 'A' } } },
        {
          ConditionCheck: {
            TableName: TABLE,
            Key: { PK: 'check#inactive', SK: 'A' },
            ConditionExpression: 'active = :yes',
            ExpressionAttributeValues: { ':yes': true },
          },
        },
      ]);
      expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual([
        'None',
        'ConditionalCheckFailed',
      ]);
      expect(await get('check#never')).toBeUndefined();
      expect(await get('check#inactive')).toEqual({ PK: 'check#inactive', SK: 'A', active: false });
    });

    it('rejects two operations on the same item without writing anything', async () => {
      const error = await doc
        .send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: TABLE, Item: { SK: 'A', PK: 'dup#1', v: 1 } } },
              { Put: { TableName: TABLE, Item: { PK: 'dup#2', SK: 'A' } } },
              {
                Update: {
                  TableName: TABLE,
                  // Same key as the Put, attributes in another order.
                  Key: { SK: 'A', PK: 'dup#1' },
                  UpdateExpression: 'SET v = :v',
                  ExpressionAttributeValues: { ':v': 2 },
                },
              },
            ],
          }),
        )
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({
        name: 'ValidationException',
        message: 'Transaction request cannot include multiple operations on one item',
        $metadata: { httpStatusCode: 400 },
      });
      expect(await get('dup#1')).toBeUndefined();
      expect(await get('dup#2')).toBeUndefined();
    });

    it('rejects an empty transaction and one of more than 100 items', async () => {
      await expect(doc.send(new TransactWriteCommand({ TransactItems: [] }))).rejects.toMatchObject({
        name: 'ValidationException',
      });
      const tooMany: TransactItem[] = Array.from({ length: 101 }, (_, index) => ({
        Put: { TableName: TABLE, Item: { PK: `many#${index}`, SK: 'A' } },
      }));
      await expect(doc.send(new TransactWriteCommand({ TransactItems: tooMany }))).rejects.toMatchObject({
        name: 'ValidationException',
      });
      expect(await get('many#0')).toBeUndefined();
    });

    it('undoes earlier writes when a later operation is invalid', async () => {
      await expect(
        doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName: TABLE, Item: { PK: 'invalid#1', SK: 'A' } } },
              {
                Update: {
                  TableName: TABLE,
                  Key: { PK: 'invalid#2', SK: 'A' },
                  // Changing a key attribute is a validation error.
                  UpdateExpression: 'SET PK = :other',
                  ExpressionAttributeValues: { ':other': 'x' },
                },
              },
            ],
          }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      expect(await get('invalid#1')).toBeUndefined();
      expect(await get('invalid#2')).toBeUndefined();
    });

    it('reports a missing table like the real service', async () => {
      await expect(
        doc.send(
          new TransactWriteCommand({
            TransactItems: [{ Put: { TableName: 'no-such-table', Item: { PK: 'x', SK: 'A' } } }],
          }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    });

    it('lets exactly as many concurrent transactions through as there are spots', async () => {
      await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: 'race#service', SK: 'A', spots: 10 } }));
      const attempts = Array.from({ length: 30 }, (_, index) =>
        doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: TABLE,
                  Key: { PK: 'race#service', SK: 'A' },
                  UpdateExpression: 'SET spots = spots - :one',
                  ConditionExpression: 'spots > :zero',
                  ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
                },
              },
              {
                Put: {
                  TableName: TABLE,
                  Item: { PK: 'race#service', SK: `REFERRAL#${String(index).padStart(2, '0')}` },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        ),
      );
      const results = await Promise.allSettled(attempts);
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
      expect(failures).toHaveLength(20);
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(TransactionCanceledException);
        expect((failure as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
          'ConditionalCheckFailed',
          'None',
        ]);
      }
      expect(await get('race#service')).toMatchObject({ spots: 0 });
      const { Items } = await doc.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :referral)',
          ExpressionAttributeValues: { ':pk': 'race#service', ':referral': 'REFERRAL#' },
          ConsistentRead: true,
        }),
      );
      expect(Items).toHaveLength(10);
    });

    it('never lets a plain read observe a half-applied transaction', async () => {
      const keys = [
        { PK: 'iso#a', SK: 'A' },
        { PK: 'iso#b', SK: 'A' },
      ];
      await doc.send(new PutCommand({ TableName: TABLE, Item: { ...keys[0], n: 100 } }));
      await doc.send(new PutCommand({ TableName: TABLE, Item: { ...keys[1], n: 0 } }));
      const transfers = Array.from({ length: 20 }, () =>
        doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: TABLE,
                  Key: keys[0],
                  UpdateExpression: 'SET n = n - :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
              {
                Update: {
                  TableName: TABLE,
                  Key: keys[1],
                  UpdateExpression: 'SET n = n + :one',
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ],
          }),
        ),
      );
      const reads = Array.from({ length: 20 }, () =>
        doc.send(new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: keys, ConsistentRead: true } } })),
      );
      await Promise.all(transfers);
      for (const read of await Promise.all(reads)) {
        const total = (read.Responses?.[TABLE] ?? []).reduce((sum, item) => sum + (item.n as number), 0);
        expect(total).toBe(100);
      }
      expect(await get('iso#a')).toMatchObject({ n: 80 });
      expect(await get('iso#b')).toMatchObject({ n: 20 });
    });
  });

  describe('TransactGetItems', () => {
    it('returns the items in request order, with an empty response for a missing item', async () => {
      await doc.send(
        new PutCommand({ TableName: TABLE, Item: { PK: 'tget#1', SK: 'A', v: 1, secret: 's' } }),
      );
      await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: 'tget#2', SK: 'A', v: 2 } }));
      const { Responses } = await doc.send(
        new TransactGetCommand({
          TransactItems: [
            { Get: { TableName: TABLE, Key: { PK: 'tget#2', SK: 'A' } } },
            { Get: { TableName: TABLE, Key: { PK: 'tget#missing', SK: 'A' } } },
            {
              Get: {
                TableName: TABLE,
                Key: { PK: 'tget#1', SK: 'A' },
                ProjectionExpression: '#v',
                ExpressionAttributeNames: { '#v': 'v' },
              },
            },
          ],
        }),
      );
      expect(Responses).toEqual([{ Item: { PK: 'tget#2', SK: 'A', v: 2 } }, {}, { Item: { v: 1 } }]);
    });

    it('rejects two reads of the same item', async () => {
      await expect(
        doc.send(
          new TransactGetCommand({
            TransactItems: [
              { Get: { TableName: TABLE, Key: { PK: 'tget#1', SK: 'A' } } },
              { Get: { TableName: TABLE, Key: { PK: 'tget#1', SK: 'A' } } },
            ],
          }),
        ),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Transaction request cannot include multiple operations on one item',
      });
    });
  });
});

describe("embedded DynamoDB's stream", () => {
  let local: LocalDynamo;
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;
  const seen: StreamRecord[][] = [];

  beforeAll(async () => {
    local = await startLocalDynamo({ onStream: (records) => seen.push([...records]) });
    ({ client, doc } = clientsFor(local.endpoint));
    await ensureTable(client, TABLE);
  });

  afterAll(async () => {
    client?.destroy();
    await local?.close();
  });

  const settle = () => new Promise((done) => setTimeout(done, 20));

  it('carries the new images of the items a committed transaction put, INSERT or MODIFY, and nothing else', async () => {
    await doc.send(new PutCommand({ TableName: TABLE, Item: { PK: 'stream#old', SK: 'A', v: 1 } }));
    seen.length = 0;
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: TABLE, Item: { PK: 'stream#new', SK: 'A', entity: 'e', n: 7 } } },
          { Put: { TableName: TABLE, Item: { PK: 'stream#old', SK: 'A', v: 2 } } },
          {
            Update: {
              TableName: TABLE,
              Key: { PK: 'stream#u', SK: 'A' },
              UpdateExpression: 'SET v = :v',
              ExpressionAttributeValues: { ':v': 1 },
            },
          },
        ],
      }),
    );
    await settle();
    expect(seen).toEqual([
      [
        {
          eventName: 'INSERT',
          tableName: TABLE,
          newImage: { PK: { S: 'stream#new' }, SK: { S: 'A' }, entity: { S: 'e' }, n: { N: '7' } },
        },
        {
          eventName: 'MODIFY',
          tableName: TABLE,
          newImage: { PK: { S: 'stream#old' }, SK: { S: 'A' }, v: { N: '2' } },
        },
      ],
    ]);
  });

  it('carries nothing of a cancelled transaction', async () => {
    seen.length = 0;
    await cancelled(doc, [
      { Put: { TableName: TABLE, Item: { PK: 'stream#never', SK: 'A' } } },
      {
        Put: {
          TableName: TABLE,
          Item: { PK: 'stream#old', SK: 'A' },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    ]);
    await settle();
    expect(seen).toEqual([]);
    expect(
      await doc.send(new GetCommand({ TableName: TABLE, Key: { PK: 'stream#never', SK: 'A' } })),
    ).not.toHaveProperty('Item');
  });
});

describe('embedded DynamoDB (on disk)', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'swcs-dynamodb-'));
  });

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('keeps the data across close() and a restart on the same folder', async () => {
    // A nested folder that does not exist yet, as on a fresh checkout.
    const path = join(folder, 'data', 'dynamodb');

    const first = await startLocalDynamo({ path });
    const one = clientsFor(first.endpoint);
    try {
      await ensureTable(one.client, TABLE);
      await one.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: { PK: 'disk#1', SK: 'A', GSI1PK: 'C1#DISK', GSI1SK: '1' } } },
            { Put: { TableName: TABLE, Item: { PK: 'disk#2', SK: 'A', GSI1PK: 'C1#DISK', GSI1SK: '2' } } },
          ],
        }),
      );
    } finally {
      one.client.destroy();
      await first.close();
    }
    // close() is idempotent.
    await first.close();

    const second = await startLocalDynamo({ path });
    const two = clientsFor(second.endpoint);
    try {
      await ensureTable(two.client, TABLE);
      const { Item } = await two.doc.send(
        new GetCommand({ TableName: TABLE, Key: { PK: 'disk#1', SK: 'A' } }),
      );
      expect(Item).toMatchObject({ PK: 'disk#1', GSI1PK: 'C1#DISK' });
      const { Items } = await two.doc.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': 'C1#DISK' },
        }),
      );
      expect(Items?.map((item) => item.PK)).toEqual(['disk#1', 'disk#2']);
    } finally {
      two.client.destroy();
      await second.close();
    }
  });

  it('refuses a data folder that another server holds open', async () => {
    const path = join(folder, 'locked');
    const holder = await startLocalDynamo({ path });
    try {
      await expect(startLocalDynamo({ path })).rejects.toThrow(/Cannot open the local DynamoDB data folder/);
    } finally {
      await holder.close();
    }
  });
});
