import { describe, expect, it } from 'vitest';
import {
  assertMergeFits,
  MAX_MERGED_RECORDS,
  MAX_TRANSACT_WRITES,
  mergeWrites,
} from '../../functions/domain/registry-merge.js';
import { AppError } from '../../functions/kernel/errors.js';

describe('the size of a merge', () => {
  it('counts the identity, the audit record and the link, then two writes per request and complaint case', () => {
    expect(mergeWrites(1, 0)).toBe(5);
    expect(mergeWrites(1, 1)).toBe(7);
    expect(MAX_MERGED_RECORDS).toBe(48);
    expect(mergeWrites(MAX_MERGED_RECORDS, 0)).toBeLessThanOrEqual(MAX_TRANSACT_WRITES);
    expect(mergeWrites(MAX_MERGED_RECORDS + 1, 0)).toBeGreaterThan(MAX_TRANSACT_WRITES);
  });

  it('refuses, with 409 merge_too_large naming what it would move, a merge over one transaction', () => {
    expect(() => assertMergeFits(40, 8)).not.toThrow();
    let refused: unknown;
    try {
      assertMergeFits(40, 9);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ statusCode: 409, code: 'merge_too_large' });
    expect((refused as AppError).text.en).toContain('40 requests and 9 complaint cases');
  });
});
