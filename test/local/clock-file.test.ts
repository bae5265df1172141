import { describe, expect, it } from 'vitest';
import { clock } from '#kernel/clock.js';
import { resumedPosition } from '../../lib/local/clock-file.js';

/** Product time only moves forward across restarts of the local runtime. */
describe('the product clock across a restart', () => {
  it('resumes where it stood plus the real time that passed, at the speed it ran', () => {
    const position = { product: '2026-12-03T10:00:00.000Z', wall: '2026-12-01T12:00:00.000Z', factor: 600 };
    // Stopped for two real minutes: twenty product hours went by.
    const resumed = resumedPosition(position, Date.parse('2026-12-01T12:02:00.000Z'));
    expect(new Date(resumed).toISOString()).toBe('2026-12-04T06:00:00.000Z');
  });

  it('never resumes behind the position it kept, even if the wall clock went back', () => {
    const position = { product: '2026-12-03T10:00:00.000Z', wall: '2026-12-01T12:00:00.000Z', factor: 1 };
    expect(resumedPosition(position, Date.parse('2026-12-01T11:00:00.000Z'))).toBe(
      Date.parse('2026-12-03T10:00:00.000Z'),
    );
  });

  it('moves the running clock forward to a resumed position, and never back', () => {
    const ahead = new Date(clock.now().getTime() + 86_400_000);
    clock.resumeAt(ahead);
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(ahead.getTime());
    const before = clock.now().getTime();
    clock.resumeAt(new Date(before - 3_600_000));
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
  });
});
