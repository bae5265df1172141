import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { ulid } from '#kernel/ids.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

describe('ulid (ids drawn from a pool of random bytes)', () => {
  it('is a valid ULID carrying the time it was made at, or the seed time', () => {
    const before = Date.now();
    const id = ulid();
    expect(isValid(id)).toBe(true);
    expect(decodeTime(id)).toBeGreaterThanOrEqual(before);
    expect(decodeTime(id)).toBeLessThanOrEqual(Date.now());
    expect(decodeTime(ulid(Date.UTC(2026, 11, 2, 1, 0)))).toBe(Date.UTC(2026, 11, 2, 1, 0));
  });

  it('never repeats across many refills of the pool, and sorts by its time', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => ulid(1_800_000_000_000 + i));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('uses every character of the alphabet in every random position, about equally', () => {
    const draws = 6400;
    const counts = Array.from({ length: 16 }, () => new Map<string, number>());
    for (let i = 0; i < draws; i++) {
      [...ulid().slice(10)].forEach((char, position) => {
        const seen = counts[position] as Map<string, number>;
        seen.set(char, (seen.get(char) ?? 0) + 1);
      });
    }
    for (const seen of counts) {
      expect([...seen.keys()].sort().join('')).toBe(CROCKFORD);
      // 200 expected per character; a biased pool (e.g. a byte always 0) falls far outside these bounds.
      for (const n of seen.values()) expect(n).toBeGreaterThan(120);
      for (const n of seen.values()) expect(n).toBeLessThan(290);
    }
  });
});
