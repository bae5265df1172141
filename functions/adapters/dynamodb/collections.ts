import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client.js';
import { withoutStorageAttributes } from './versioned.js';

/**
 * Reads a record's item collection (the record plus its numbered events) in one consistent Query, following
 * pages: a record's history is never cut short. The collection's other items come along by sort key (`rest`), for
 * a caller that needs one of them too (a referral's workflow token).
 */
export async function readCollection<R, E>(
  partitionKey: string,
  recordSortKey: string,
): Promise<{ record: R; history: E[]; rest: ReadonlyMap<string, Record<string, unknown>> } | undefined> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': partitionKey },
    ConsistentRead: true,
  });
  const record = items.find((i) => i.SK === recordSortKey);
  if (!record) return undefined;
  return {
    record: withoutStorageAttributes<R>(record),
    history: items
      .filter((i) => String(i.SK).startsWith('EVENT#'))
      .map((i) => {
        const { version, at, by, action, details } = i as Record<string, unknown>;
        return { version, at, by, action, details } as E;
      }),
    rest: new Map(
      items
        .filter((i) => i !== record && !String(i.SK).startsWith('EVENT#'))
        .map((i) => [String(i.SK), i] as const),
    ),
  };
}

/** Every item of one index partition (catalogues are small: hundreds of items, one or two pages). */
export async function queryAll(input: {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
  ConsistentRead?: boolean;
}): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({ TableName: TABLE_NAME, ...input, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** One page of a query: a list's page is one DynamoDB page, so its cost is bounded by `Limit`. */
export interface QueryPage {
  readonly items: Record<string, unknown>[];
  readonly lastKey?: Record<string, unknown>;
}

export async function queryPage(input: {
  IndexName?: string;
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
  ScanIndexForward?: boolean;
  Limit: number;
  ExclusiveStartKey?: Record<string, unknown> | undefined;
}): Promise<QueryPage> {
  const page = await dynamo.send(new QueryCommand({ TableName: TABLE_NAME, ...input }));
  return { items: page.Items ?? [], ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}) };
}

/** BatchWriteItem takes 25 requests; what DynamoDB leaves unprocessed is sent again, with a growing pause. */
export async function batchWrite(requests: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB left batch writes unprocessed after 8 attempts');
      if (attempt > 0) await new Promise((done) => setTimeout(done, 50 * 2 ** attempt));
      const answer = await dynamo.send(
        new BatchWriteCommand({ RequestItems: { [TABLE_NAME]: pending as never } }),
      );
      pending = (answer.UnprocessedItems?.[TABLE_NAME] ?? []) as Record<string, unknown>[];
    }
  }
}
