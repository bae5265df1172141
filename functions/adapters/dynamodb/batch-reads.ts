import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, TABLE_NAME } from './client.js';

/** A table key. */
export interface ItemKey {
  readonly PK: string;
  readonly SK: string;
}

/** A read of one item by its key, with what the stored item means to the caller (a store names both). */
export interface ItemRead<T> {
  readonly key: ItemKey;
  readonly decode: (item: Record<string, unknown>) => T;
}

const BATCH_LIMIT = 100;
const ATTEMPTS = 8;
const keyString = (key: ItemKey) => `${key.PK}\u0000${key.SK}`;

/**
 * The items one operation reads by key, fetched together: every read asked for before the event loop turns
 * (whatever code asks, in any order, including reads started by `prefetch` before they are awaited) goes into one
 * consistent `BatchGetItem` (a single key is a `GetItem`), and a key asked for twice is read once. So an operation
 * that knows several keys at once from its path and body pays one call for them, and the capabilities following a
 * referral's move share one read of its request instead of each reading it.
 *
 * Reads are strongly consistent, like every read that decides a write here. One instance per operation (or per
 * attempt of one): what it read is never reused by another request.
 */
export class BatchReads {
  private readonly items = new Map<string, Promise<Record<string, unknown> | undefined>>();
  private pending: {
    key: ItemKey;
    settle: (item: Record<string, unknown> | undefined) => void;
    fail: (e: unknown) => void;
  }[] = [];

  /** The item read (undefined when there is none), decoded. */
  async get<T>(read: ItemRead<T>): Promise<T | undefined> {
    const item = await this.raw(read.key);
    return item ? read.decode(item) : undefined;
  }

  /** Starts a read that will be awaited later, so that it joins the batch being gathered now. */
  prefetch(...reads: readonly ItemRead<unknown>[]): void {
    for (const read of reads) this.raw(read.key).catch(() => undefined);
  }

  private raw(key: ItemKey): Promise<Record<string, unknown> | undefined> {
    const id = keyString(key);
    const known = this.items.get(id);
    if (known) return known;
    const item = new Promise<Record<string, unknown> | undefined>((settle, fail) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ key, settle, fail });
    });
    this.items.set(id, item);
    return item;
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const found = await readItems(batch.map((b) => b.key));
      for (const b of batch) b.settle(found.get(keyString(b.key)));
    } catch (error) {
      for (const b of batch) b.fail(error);
    }
  }
}

/** Items by key, consistently: one GetItem for one key, else BatchGetItem 100 keys at a time, unprocessed retried. */
export async function readItems(keyList: readonly ItemKey[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  if (keyList.length === 1) {
    const [key] = keyList as [ItemKey];
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }),
    );
    if (Item) found.set(keyString(key), Item);
    return found;
  }
  for (let i = 0; i < keyList.length; i += BATCH_LIMIT) {
    let pending: ItemKey[] = keyList.slice(i, i + BATCH_LIMIT).map((k) => ({ PK: k.PK, SK: k.SK }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= ATTEMPTS) throw new Error(`DynamoDB left reads unprocessed after ${ATTEMPTS} attempts`);
      if (attempt > 0) await new Promise((done) => setTimeout(done, 25 * 2 ** attempt));
      const answer = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [TABLE_NAME]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of answer.Responses?.[TABLE_NAME] ?? [])
        found.set(keyString({ PK: String(item.PK), SK: String(item.SK) }), item);
      pending = (answer.UnprocessedKeys?.[TABLE_NAME]?.Keys ?? []) as ItemKey[];
    }
  }
  return found;
}
