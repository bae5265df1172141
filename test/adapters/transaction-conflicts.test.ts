import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TRANSACTION_ATTEMPTS, tableClient } from '../../functions/adapters/dynamodb/table-client.js';

/**
 * DynamoDB cancels a transaction with `TransactionConflict` when another one changes the same item at that moment
 * (two referrals taking a spot of one service). The embedded server never does, so this endpoint answers as
 * DynamoDB would, on the wire, and the table client's own middleware is what the test exercises.
 */
let server: Server;
let endpoint: string;
let answers: string[][] = [];
let received = 0;

const cancelled = (codes: string[]) => ({
  __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
  message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
  CancellationReasons: codes.map((Code) => ({ Code })),
});

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      const codes = answers.shift();
      response.setHeader('content-type', 'application/x-amz-json-1.0');
      if (!codes) {
        response.end('{}');
        return;
      }
      response.statusCode = 400;
      response.end(JSON.stringify(cancelled(codes)));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));
beforeEach(() => {
  answers = [];
  received = 0;
});

const client = () =>
  tableClient(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    }),
  );

const takeSpot = new TransactWriteCommand({
  TransactItems: [
    {
      Update: {
        TableName: 'swcs',
        Key: { PK: 'C#quito#SERVICE#albergue', SK: 'SERVICE' },
        UpdateExpression: 'SET available = available - :one',
        ConditionExpression: 'available > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
    },
    { Put: { TableName: 'swcs', Item: { PK: 'C#quito#REFERRAL#1', SK: 'REFERRAL' } } },
  ],
});

describe('a transaction cancelled only for a conflict with another one', () => {
  it('is sent again and succeeds once the other transaction is done', async () => {
    answers = [
      ['TransactionConflict', 'None'],
      ['None', 'TransactionConflict'],
    ];
    await expect(client().send(takeSpot)).resolves.toBeDefined();
    expect(received).toBe(3);
  });

  it('reaches the caller after the last attempt, when the conflict lasts', async () => {
    answers = Array.from({ length: TRANSACTION_ATTEMPTS + 1 }, () => ['TransactionConflict', 'None']);
    await expect(client().send(takeSpot)).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(received).toBe(TRANSACTION_ATTEMPTS);
  });

  it('is not sent again when a condition failed: the caller must hear it (a full service)', async () => {
    answers = [['ConditionalCheckFailed', 'TransactionConflict']];
    await expect(client().send(takeSpot)).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }],
    });
    expect(received).toBe(1);
  });
});
