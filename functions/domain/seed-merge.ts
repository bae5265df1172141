/**
 * How a changed seed reaches a catalogue record that is already in live use, without undoing live operation.
 *
 * A seed file owns what it says about a record only until someone changes that field through the API: then the
 * field is live and the seed no longer touches it. So a seed change is a three-way merge of
 * - `base`, the seed's content for the record when it was last applied,
 * - `seed`, its content now, and
 * - `current`, the record as live operation left it:
 * a field the seed did not change keeps its current value; a field the seed changed takes the new seed value only
 * if it still holds the value the seed last gave it (nobody changed it since); otherwise the live value wins.
 * Plain objects merge field by field (a service's `capacity`); arrays and other values are compared whole.
 */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

type JsonObject = { readonly [key: string]: Json };

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep equality of JSON values; object key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

export interface SeedMerge<T> {
  /** The record's content after the merge (equal to `current` when nothing of the seed applies). */
  readonly merged: T;
  /** Dotted paths the seed changed and the merge took from it. */
  readonly taken: readonly string[];
  /** Dotted paths the seed changed but live operation had changed too: the live value was kept. */
  readonly kept: readonly string[];
}

/**
 * Merges a seed change into the current record. `liveOnly` names dotted paths that only live operation writes once
 * a record exists (a service's available spots: referrals move them), which the seed never sets after creation.
 */
export function mergeSeedChange<T extends object>(
  current: T,
  base: T,
  seed: T,
  liveOnly: readonly string[] = [],
): SeedMerge<T> {
  const taken: string[] = [];
  const kept: string[] = [];
  const merge = (cur: unknown, old: unknown, next: unknown, path: string): unknown => {
    if (isObject(cur) && isObject(old) && isObject(next)) {
      const keys = new Set([...Object.keys(cur), ...Object.keys(old), ...Object.keys(next)]);
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const value = merge(cur[key], old[key], next[key], path ? `${path}.${key}` : key);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
    if (sameJson(old, next)) return cur;
    if (liveOnly.includes(path) || !sameJson(cur, old)) {
      kept.push(path);
      return cur;
    }
    taken.push(path);
    return next;
  };
  const merged = merge(current, base, seed, '') as T;
  return { merged, taken, kept };
}
