import { createHash } from 'node:crypto';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.js';

/**
 * Every list answers one shape, `{ items, nextCursor? }`, and takes the same two query parameters, `limit` and
 * `cursor`, so that a client walks any list with one loop. Lists read from a DynamoDB query page at the query
 * (Limit + ExclusiveStartKey); lists filtered or built in memory (catalogue search, protocols, categories) page
 * over their sorted result, resuming after the last item's sort key. Either way the cursor is signed and bound to
 * the list, its canton and its filters (functions/http/cursor.ts).
 */
export interface PageQuery {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

/**
 * Where a cursor may be used: the list (its operationId), the canton, the record it lists under (an organization,
 * a request) and the filters. A digest, so the cursor carries no filter values.
 */
export function listScope(list: string, scope: Readonly<Record<string, unknown>>): string {
  return createHash('sha256')
    .update(JSON.stringify({ list, ...scope }))
    .digest('base64url');
}

/** The DynamoDB key a page starts after, from the request's cursor (400 naming `cursor` if it is not one of ours). */
export async function startKeyOf(
  query: PageQuery,
  scope: string,
): Promise<Record<string, unknown> | undefined> {
  return query.cursor ? decodeCursor(query.cursor, scope) : undefined;
}

/** The answer body of a page: the items, and a cursor for the next page when there is one. */
export async function pageBody<T>(
  items: readonly T[],
  lastKey: Record<string, unknown> | undefined,
  scope: string,
) {
  return {
    items,
    ...(lastKey ? { nextCursor: await encodeCursor(lastKey, scope) } : {}),
  };
}

export type SortKey = readonly (string | number)[];

/** Element by element: numbers by value, strings by code unit (stable across locales and runtimes). */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * One page of a list built in memory. The items are sorted by `keyOf` (which must identify an item: a total
 * order), and a page resumes after the last key it handed out rather than at an offset, so an item added or
 * removed between two pages neither repeats nor hides another.
 */
export async function pageInMemory<T>(
  all: readonly T[],
  query: PageQuery,
  scope: string,
  keyOf: (item: T) => SortKey,
  compare: (a: SortKey, b: SortKey) => number = compareSortKeys,
): Promise<{ items: T[]; nextCursor?: string }> {
  let after: SortKey | undefined;
  if (query.cursor) {
    const key = await decodeCursor(query.cursor, scope);
    // Signed by us for this very list, so well formed unless the code changed shape between two pages.
    if (!Array.isArray(key.after)) throw invalidCursor();
    after = key.after as SortKey;
  }
  const keyed = all.map((item) => ({ item, key: keyOf(item) })).sort((a, b) => compare(a.key, b.key));
  const from = after ? keyed.findIndex((k) => compare(k.key, after) > 0) : 0;
  const rest = from < 0 ? [] : keyed.slice(from);
  const page = rest.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((k) => k.item),
    ...(rest.length > page.length && last
      ? { nextCursor: await encodeCursor({ after: [...last.key] }, scope) }
      : {}),
  };
}
