import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TABLE_INDEXES, TABLE_KEY } from '../lib/table.js';
import { type Item, itemSize } from './units.js';

/**
 * Every request that reaches the embedded DynamoDB endpoint, read on the wire (request and answer bodies, through
 * Node's `http.server.request.start` diagnostics channel and a copy of the chunks the server itself reads and
 * writes), turned into what DynamoDB would meter per partition: for the table and each index, the partition key
 * value touched, and the read and write units spent on it, by second of the product clock.
 *
 * Units follow the rules of units.ts (1 RRU per 4 KB strongly consistent, half eventually consistent, a Query
 * summing its items; 1 WRU per KB of the larger of the old and new item, twice in a transaction; an index write per
 * KB of the entry, on the old and the new partition when the index key changes). To know an item's old size and
 * index keys without reading it, the tap keeps a shadow of every item it has seen written or read: its size and
 * index keys only, never its content. An update of an item never seen is costed at 1 KB, and counted.
 */
export interface PartitionLoad {
  /** `table` or the index name. */
  readonly where: string;
  readonly key: string;
  readonly reads: number;
  readonly readUnits: number;
  readonly writes: number;
  readonly writeUnits: number;
}

interface Bucket {
  reads: number;
  readUnits: number;
  writes: number;
  writeUnits: number;
}

interface Shadow {
  readonly size: number;
  /** Index name → `partition value` of the entry, for the indexes the item is in. */
  readonly indexes: Readonly<Record<string, string>>;
}

/** Set by worst-day.ts on the handlers' requests: the planned product time (epoch ms) of the API call. */
export const PLANNED_AT_HEADER = 'x-bench-planned-at';

const PK = TABLE_KEY.partitionKey;
const SK = TABLE_KEY.sortKey;
const readUnitsOf = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
const writeUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));
const str = (value: unknown) => (value as { S?: string } | undefined)?.S ?? '';
const itemKey = (item: Item) => `${str(item[PK])}|${str(item[SK])}`;

export class PartitionTap {
  /** `where key` → product second → load. */
  private readonly load = new Map<string, Map<number, Bucket>>();
  private readonly shadows = new Map<string, Shadow>();
  requests = 0;
  unknownImages = 0;
  unparsed = 0;
  on = false;

  private constructor(private readonly now: () => number) {}

  /** Starts listening to the DynamoDB front on `endpoint`; `now` is the product clock (epoch ms). */
  static install(endpoint: string, now: () => number): PartitionTap {
    const tap = new PartitionTap(now);
    const port = Number(new URL(endpoint).port);
    diagnostics.subscribe('http.server.request.start', (message) => {
      const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
      if (request.socket.localPort !== port || !tap.on) return;
      tap.observe(request, response);
    });
    return tap;
  }

  /** Load by partition, totals over the run, hottest first by write units. */
  partitions(): (PartitionLoad & {
    peakSecond: Bucket & { at: number };
    peakMinute: Bucket & { at: number };
  })[] {
    return [...this.load.entries()].map(([id, seconds]) => {
      const [where, key] = [id.slice(0, id.indexOf(' ')), id.slice(id.indexOf(' ') + 1)];
      const total: Bucket = { reads: 0, readUnits: 0, writes: 0, writeUnits: 0 };
      const minutes = new Map<number, Bucket>();
      let peakSecond = { ...total, at: 0 };
      for (const [second, b] of seconds) {
        add(total, b);
        const minute = Math.floor(second / 60) * 60;
        const m = minutes.get(minute) ?? { reads: 0, readUnits: 0, writes: 0, writeUnits: 0 };
        add(m, b);
        minutes.set(minute, m);
        if (b.writeUnits + b.readUnits / 3 > peakSecond.writeUnits + peakSecond.readUnits / 3)
          peakSecond = { ...b, at: second };
      }
      let peakMinute = { reads: 0, readUnits: 0, writes: 0, writeUnits: 0, at: 0 };
      for (const [minute, b] of minutes) {
        if (b.writeUnits + b.readUnits / 3 > peakMinute.writeUnits + peakMinute.readUnits / 3)
          peakMinute = { ...b, at: minute };
      }
      return { where, key, ...total, peakSecond, peakMinute };
    });
  }

  /** The same, for the busiest second of each partition by reads (read-heavy partitions peak elsewhere). */
  peakReadSecond(where: string, key: string): Bucket & { at: number } {
    let peak = { reads: 0, readUnits: 0, writes: 0, writeUnits: 0, at: 0 };
    for (const [second, b] of this.load.get(`${where} ${key}`) ?? []) {
      if (b.readUnits > peak.readUnits) peak = { ...b, at: second };
    }
    return peak;
  }

  private observe(request: IncomingMessage, response: ServerResponse): void {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1);
    const planned = Number(request.headers[PLANNED_AT_HEADER]);
    const second = Math.floor((Number.isFinite(planned) && planned > 0 ? planned : this.now()) / 1000);
    const input: Buffer[] = [];
    const output: Buffer[] = [];
    // A copy of what the server reads: `emit('data')` is how the stream hands chunks to whoever reads it.
    const emit = request.emit.bind(request);
    request.emit = ((event: string, ...args: unknown[]) => {
      if (event === 'data') input.push(Buffer.from(args[0] as Buffer));
      return emit(event, ...args);
    }) as typeof request.emit;
    const write = response.write.bind(response);
    const end = response.end.bind(response);
    const keep = (chunk: unknown) => {
      if (typeof chunk === 'string') output.push(Buffer.from(chunk));
      else if (chunk instanceof Uint8Array) output.push(Buffer.from(chunk));
    };
    response.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof response.write;
    response.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') keep(chunk);
      return (end as (...a: unknown[]) => ServerResponse)(chunk, ...rest);
    }) as typeof response.end;
    response.once('finish', () => {
      this.requests += 1;
      try {
        const body = JSON.parse(Buffer.concat(input).toString('utf8') || '{}') as Record<string, any>;
        const answer =
          response.statusCode === 200
            ? (JSON.parse(Buffer.concat(output).toString('utf8') || '{}') as Record<string, any>)
            : {};
        this.account(operation, body, answer, second);
      } catch {
        this.unparsed += 1;
      }
    });
  }

  private bucket(where: string, key: string, second: number): Bucket {
    const id = `${where} ${key}`;
    let seconds = this.load.get(id);
    if (!seconds) this.load.set(id, (seconds = new Map()));
    let b = seconds.get(second);
    if (!b) seconds.set(second, (b = { reads: 0, readUnits: 0, writes: 0, writeUnits: 0 }));
    return b;
  }

  private read(where: string, key: string, units: number, second: number): void {
    const b = this.bucket(where, key, second);
    b.reads += 1;
    b.readUnits += units;
  }

  private written(where: string, key: string, units: number, second: number): void {
    const b = this.bucket(where, key, second);
    b.writes += 1;
    b.writeUnits += units;
  }

  private remember(item: Item): void {
    const indexes: Record<string, string> = {};
    for (const index of TABLE_INDEXES) {
      if (item[index.partitionKey] && item[index.sortKey])
        indexes[index.indexName] = str(item[index.partitionKey]);
    }
    this.shadows.set(itemKey(item), { size: itemSize(item), indexes });
  }

  private account(
    operation: string,
    input: Record<string, any>,
    output: Record<string, any>,
    second: number,
  ) {
    const consistent = input.ConsistentRead === true;
    switch (operation) {
      case 'GetItem': {
        const item = output.Item as Item | undefined;
        if (item) this.remember(item);
        this.read('table', str(input.Key?.[PK]), readUnitsOf(itemSize(item), consistent), second);
        return;
      }
      case 'Query':
      case 'Scan': {
        const items = (output.Items ?? []) as Item[];
        for (const item of items) if (!input.ProjectionExpression) this.remember(item);
        const where = (input.IndexName as string | undefined) ?? 'table';
        const bytes = items.reduce((sum, item) => sum + itemSize(item), 0);
        this.read(where, queryPartition(input), readUnitsOf(bytes, consistent), second);
        return;
      }
      case 'BatchGetItem': {
        for (const items of Object.values((output.Responses ?? {}) as Record<string, Item[]>)) {
          for (const item of items) {
            this.remember(item);
            this.read('table', str(item[PK]), readUnitsOf(itemSize(item), consistent), second);
          }
        }
        return;
      }
      case 'TransactGetItems': {
        for (const r of (output.Responses ?? []) as { Item?: Item }[]) {
          if (!r.Item) continue;
          this.remember(r.Item);
          this.read('table', str(r.Item[PK]), 2 * readUnitsOf(itemSize(r.Item), true), second);
        }
        return;
      }
      case 'PutItem':
        this.write('Put', input.Item as Item, input, 1, second);
        return;
      case 'UpdateItem':
        this.write('Update', input.Key as Item, input, 1, second);
        return;
      case 'DeleteItem':
        this.write('Delete', input.Key as Item, input, 1, second);
        return;
      case 'TransactWriteItems':
        for (const entry of input.TransactItems as Record<string, any>[]) {
          const [kind, body] = Object.entries(entry)[0] as [string, Record<string, any>];
          this.write(kind, (kind === 'Put' ? body.Item : body.Key) as Item, body, 2, second);
        }
        return;
      case 'BatchWriteItem':
        for (const requests of Object.values(input.RequestItems as Record<string, Record<string, any>[]>)) {
          for (const r of requests) {
            if (r.PutRequest) this.write('Put', r.PutRequest.Item as Item, r.PutRequest, 1, second);
            else this.write('Delete', r.DeleteRequest.Key as Item, r.DeleteRequest, 1, second);
          }
        }
        return;
      default:
        return;
    }
  }

  private write(kind: string, item: Item, body: Record<string, any>, factor: number, second: number): void {
    const key = itemKey(item);
    const old = this.shadows.get(key);
    const pk = str(item[PK]);
    if (kind === 'ConditionCheck') {
      this.written('table', pk, factor * writeUnitsOf(old?.size ?? 0), second);
      return;
    }
    let after: Shadow | undefined;
    if (kind === 'Put') {
      this.remember(item);
      after = this.shadows.get(key);
    } else if (kind === 'Update') {
      if (!old) this.unknownImages += 1;
      after = updated(old ?? { size: 1024, indexes: {} }, body);
      this.shadows.set(key, after);
    } else {
      this.shadows.delete(key);
    }
    this.written('table', pk, factor * writeUnitsOf(Math.max(old?.size ?? 0, after?.size ?? 0)), second);
    for (const index of TABLE_INDEXES) {
      const name = index.indexName;
      const was = old?.indexes[name];
      const is = after?.indexes[name];
      if (was !== undefined) this.written(name, was, writeUnitsOf(old?.size ?? 0), second);
      if (is !== undefined && is !== was) this.written(name, is, writeUnitsOf(after?.size ?? 0), second);
      else if (is !== undefined && was === is) {
        // Same partition: one entry rewritten (counted above at the old size; the new size is what is written).
        const b = this.bucket(name, is, second);
        b.writeUnits += writeUnitsOf(after?.size ?? 0) - writeUnitsOf(old?.size ?? 0);
      }
    }
  }
}

function add(to: Bucket, b: Bucket): void {
  to.reads += b.reads;
  to.readUnits += b.readUnits;
  to.writes += b.writes;
  to.writeUnits += b.writeUnits;
}

/** The partition key value of a Query: `<name> = :value` in its key condition, for the table's or index's key. */
function queryPartition(input: Record<string, any>): string {
  const index = TABLE_INDEXES.find((i) => i.indexName === input.IndexName);
  const attribute = index?.partitionKey ?? PK;
  const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (input.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const match of String(input.KeyConditionExpression ?? '').matchAll(/(#?[\w]+)\s*=\s*(:[\w]+)/g)) {
    const name = match[1] as string;
    if ((names[name] ?? name) === attribute) return str(values[match[2] as string]);
  }
  return '?';
}

/** An update's effect on what the shadow knows: index keys set or removed; the size of values set added. */
function updated(old: Shadow, body: Record<string, any>): Shadow {
  const expression = String(body.UpdateExpression ?? '');
  const names = (body.ExpressionAttributeNames ?? {}) as Record<string, string>;
  const values = (body.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  const indexes: Record<string, string> = { ...old.indexes };
  for (const index of TABLE_INDEXES) {
    for (const match of expression.matchAll(/(#?[\w]+)\s*=\s*(:[\w]+)/g)) {
      if ((names[match[1] as string] ?? match[1]) === index.partitionKey)
        indexes[index.indexName] = str(values[match[2] as string]);
    }
    const remove = /REMOVE\s+([^]*?)(?=\s+(SET|ADD|DELETE)\s|$)/i.exec(expression)?.[1] ?? '';
    for (const name of remove.split(',').map((n) => n.trim())) {
      if ((names[name] ?? name) === index.partitionKey) delete indexes[index.indexName];
    }
  }
  return { size: old.size, indexes };
}
