import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { StreamRecord } from '../../lib/local/dynamodb.js';
import { localStream } from '../../lib/local/streams.js';

const record = (id: string, entity = 'wanted'): StreamRecord => ({
  eventName: 'INSERT',
  tableName: 'swcs',
  newImage: { PK: { S: id }, SK: { S: 'A' }, entity: { S: entity } },
});
const idsOf = (event: DynamoDBStreamEvent) => event.Records.map((r) => r.dynamodb?.NewImage?.['PK']?.S);

describe('the local event source mapping on the table stream', () => {
  it('hands over the selected records only, and retries a reported failure with the records after it', async () => {
    const batches: (string | undefined)[][] = [];
    let failOnce = true;
    const stream = localStream({
      filter: (r) => (r.newImage['entity'] as { S: string }).S === 'wanted',
      retryPauseMs: 1,
      onGiveUp: () => expect.fail('nothing should be given up'),
      invoke: async (event) => {
        batches.push(idsOf(event));
        const second = event.Records[1];
        if (failOnce && second) {
          failOnce = false;
          return { batchItemFailures: [{ itemIdentifier: second.dynamodb?.SequenceNumber as string }] };
        }
        return { batchItemFailures: [] };
      },
    });
    stream.deliver([record('a'), record('x', 'other'), record('b'), record('c')]);
    await stream.idle();
    expect(batches).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
  });

  it('gives up on a record after its attempts, telling what it gave up on, and a thrown error fails the batch', async () => {
    const given: string[] = [];
    let calls = 0;
    const stream = localStream({
      filter: () => true,
      attempts: 3,
      retryPauseMs: 1,
      onGiveUp: (r) => given.push((r.newImage['PK'] as { S: string }).S),
      invoke: async () => {
        calls++;
        throw new Error('Step Functions is down');
      },
    });
    stream.deliver([record('a'), record('b')]);
    await stream.idle();
    expect(calls).toBe(3);
    expect(given).toEqual(['a', 'b']);
  });
});
