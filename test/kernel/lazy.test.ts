import { describe, expect, it } from 'vitest';
import { lazy } from '../../functions/kernel/lazy.js';

describe('lazy', () => {
  it('creates nothing until first asked, then always answers the same value', () => {
    let created = 0;
    const client = lazy(() => ({ id: ++created }));
    expect(created).toBe(0);
    const first = client();
    expect(client()).toBe(first);
    expect(created).toBe(1);
  });
});
