import { TABLE_INDEXES, TABLE_KEY } from '../lib/table.js';

/**
 * DynamoDB on-demand request units of one call, estimated from what was actually sent and received, with the
 * service's published sizing rules (developer guide, "Item sizes and formats" and "Read/write capacity mode"):
 * - item size: the UTF-8 length of each attribute name plus its value (strings by UTF-8 length, numbers about one
 *   byte per two significant digits plus one, booleans and null one byte, lists and maps 3 bytes plus one per
 *   element, plus their contents);
 * - reads: 1 unit per 4 KB strongly consistent, half that eventually consistent; a Query sums the sizes of the
 *   items it reads before rounding; reading nothing still costs the minimum;
 * - writes: 1 unit per 1 KB of the larger of the old and new item, twice that inside a transaction;
 * - every global secondary index the item is (or was) in takes a write per KB of the index entry (projection ALL,
 *   so the whole item), two when the item's index key changes (a delete and a put); index writes are standard writes.
 * dynalite does not report consumed capacity for transactions or indexes, hence this estimate. Updates are costed
 * at the old item's size (they change a counter here, a few bytes at most).
 */
export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

export interface Units {
  /** Read request units. */
  readonly read: number;
  /** Write request units, table and indexes. */
  readonly write: number;
  /** Bytes of new items (with index copies and the 100-byte per-item overhead), for storage growth. */
  readonly storedBytes: number;
}

export const NO_UNITS: Units = { read: 0, write: 0, storedBytes: 0 };

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

export function valueSize(value: AttributeValue): number {
  const [type, raw] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return utf8(raw as string);
    case 'N': {
      // Significant digits: no sign, no exponent, no decimal point, no leading or trailing zeros.
      const mantissa = ((raw as string).replace(/^[-+]/, '').split(/[eE]/)[0] ?? '').replace('.', '');
      const digits = mantissa.replace(/^0+/, '').replace(/0+$/, '').length || 1;
      return Math.ceil(digits / 2) + 1;
    }
    case 'B':
      return Buffer.from(raw as string, 'base64').length;
    case 'SS':
      return (raw as string[]).reduce((sum, s) => sum + utf8(s), 0);
    case 'NS':
      return (raw as string[]).reduce((sum, n) => sum + valueSize({ N: n }), 0);
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'L':
      return 3 + (raw as AttributeValue[]).reduce((sum, v) => sum + 1 + valueSize(v), 0);
    case 'M': {
      const entries = Object.entries(raw as Item);
      return 3 + entries.reduce((sum, [name, v]) => sum + 1 + utf8(name) + valueSize(v), 0);
    }
    default:
      return 0;
  }
}

export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => sum + utf8(name) + valueSize(value), 0);
}

const readUnitsOf = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
const writeUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** The key that identifies an item, as a map key for old images. */
export function keyOf(item: Item): string {
  const part = (name: string) => JSON.stringify(item[name] ?? null);
  return `${part(TABLE_KEY.partitionKey)}|${part(TABLE_KEY.sortKey)}`;
}

/** The items a write request touches: for each, its key and (for puts) its new image. */
export function writtenItems(
  operation: string,
  input: Record<string, any>,
): { key: Item; newItem?: Item; kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck' }[] {
  switch (operation) {
    case 'PutItem':
      return [{ key: input.Item, newItem: input.Item, kind: 'Put' }];
    case 'UpdateItem':
      return [{ key: input.Key, kind: 'Update' }];
    case 'DeleteItem':
      return [{ key: input.Key, kind: 'Delete' }];
    case 'TransactWriteItems':
      return (input.TransactItems as Record<string, any>[]).map((entry) => {
        const [kind, body] = Object.entries(entry)[0] as [
          'Put' | 'Update' | 'Delete' | 'ConditionCheck',
          Record<string, any>,
        ];
        return kind === 'Put' ? { key: body.Item, newItem: body.Item, kind } : { key: body.Key, kind };
      });
    case 'BatchWriteItem':
      return Object.values(input.RequestItems as Record<string, Record<string, any>[]>).flatMap((requests) =>
        requests.map((r) =>
          r.PutRequest
            ? { key: r.PutRequest.Item, newItem: r.PutRequest.Item, kind: 'Put' as const }
            : { key: r.DeleteRequest.Key, kind: 'Delete' as const },
        ),
      );
    default:
      return [];
  }
}

export const isRead = (operation: string) =>
  ['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems'].includes(operation);

/** Units of a read, from the request and the (wire-format) items it returned. */
export function readUnits(
  operation: string,
  input: Record<string, any>,
  items: readonly Item[],
  scannedCount?: number,
): Units {
  const consistent = input.ConsistentRead === true;
  switch (operation) {
    case 'GetItem':
      return { ...NO_UNITS, read: readUnitsOf(itemSize(items[0]), consistent) };
    case 'Query':
    case 'Scan': {
      let bytes = items.reduce((sum, item) => sum + itemSize(item), 0);
      // A filter drops items after they were read (and paid for): scale by what was scanned.
      if (scannedCount !== undefined && items.length > 0 && scannedCount > items.length) {
        bytes = (bytes / items.length) * scannedCount;
      }
      return { ...NO_UNITS, read: readUnitsOf(bytes, consistent) };
    }
    case 'TransactGetItems':
      return {
        ...NO_UNITS,
        read: items.reduce((sum, item) => sum + 2 * readUnitsOf(itemSize(item), true), 0),
      };
    case 'BatchGetItem':
      return {
        ...NO_UNITS,
        read: items.reduce((sum, item) => sum + readUnitsOf(itemSize(item), consistent), 0),
      };
    default:
      return NO_UNITS;
  }
}

/** Units of a write, from the request and the images of the items before it (undefined: did not exist). */
export function writeUnits(
  operation: string,
  input: Record<string, any>,
  before: ReadonlyMap<string, Item | undefined>,
): Units {
  const transactional = operation === 'TransactWriteItems' ? 2 : 1;
  let write = 0;
  let storedBytes = 0;
  for (const { key, newItem, kind } of writtenItems(operation, input)) {
    const oldItem = before.get(keyOf(key));
    if (kind === 'ConditionCheck') {
      // Priced like a transactional write of the item it checks (conservative; no index is touched).
      write += 2 * writeUnitsOf(itemSize(oldItem));
      continue;
    }
    const after = kind === 'Delete' ? undefined : (newItem ?? oldItem);
    write += transactional * writeUnitsOf(Math.max(itemSize(oldItem), itemSize(after)));
    write += indexWrites(oldItem, after);
    if (!oldItem && after) {
      const size = itemSize(after) + 100;
      storedBytes += size * (1 + TABLE_INDEXES.filter((index) => inIndex(after, index)).length);
    }
  }
  return { read: 0, write, storedBytes };
}

function inIndex(item: Item | undefined, index: (typeof TABLE_INDEXES)[number]): boolean {
  return item !== undefined && item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined;
}

function indexWrites(oldItem: Item | undefined, newItem: Item | undefined): number {
  let writes = 0;
  for (const index of TABLE_INDEXES) {
    const wasIn = inIndex(oldItem, index);
    const isIn = inIndex(newItem, index);
    if (!wasIn && !isIn) continue;
    if (wasIn && isIn) {
      const sameKey =
        JSON.stringify([oldItem?.[index.partitionKey], oldItem?.[index.sortKey]]) ===
        JSON.stringify([newItem?.[index.partitionKey], newItem?.[index.sortKey]]);
      writes += sameKey
        ? writeUnitsOf(itemSize(newItem))
        : writeUnitsOf(itemSize(oldItem)) + writeUnitsOf(itemSize(newItem));
    } else {
      writes += writeUnitsOf(itemSize(wasIn ? oldItem : newItem));
    }
  }
  return writes;
}

export const addUnits = (a: Units, b: Units): Units => ({
  read: a.read + b.read,
  write: a.write + b.write,
  storedBytes: a.storedBytes + b.storedBytes,
});
