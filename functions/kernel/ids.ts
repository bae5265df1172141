import { randomFillSync } from 'node:crypto';
import { ulid as ulidOf } from 'ulid';

/**
 * Random bytes drawn from the operating system 4 KiB at a time. The ulid package draws each of an id's 16 random
 * characters with its own `crypto.getRandomValues` call of one byte, about 75 µs an id on Lambda-sized CPUs, which
 * was a measurable share of a read that writes one audit record (docs/performance.md). The bytes are as random; they
 * are only fetched in bulk. A byte / 256 is uniform on [0, 1) in steps of 1/256, and the package takes
 * ⌊x × 32⌋, so each character stays uniform over the 32 of Crockford's alphabet.
 */
const POOL = new Uint8Array(4096);
let next = POOL.length;

function randomFraction(): number {
  if (next === POOL.length) {
    randomFillSync(POOL);
    next = 0;
  }
  return (POOL[next++] as number) / 256;
}

/**
 * A new ULID (26 characters, Crockford base 32: 48 bits of time, 80 random bits), sortable by the time it carries:
 * `seedTime` in milliseconds, now by default. Every id of the product comes from here.
 */
export function ulid(seedTime?: number): string {
  return ulidOf(seedTime, randomFraction);
}
