import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetMs, wallClock } from '#kernel/time-zone.js';

/** What Intl says a wall in the zone shows: the oracle, written apart from the module under test. */
function intlWall(at: number, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(String(parts.weekday)),
  };
}

// Ecuador's two zones, and zones whose offsets change in the year, by half hours, or by 45 minutes.
const ZONES = [
  'America/Guayaquil',
  'Pacific/Galapagos',
  'America/New_York',
  'Europe/London',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kolkata',
];

// Moments around offset changes of 2026 (UTC): New York 8 Mar 07:00 and 1 Nov 06:00, London 29 Mar and 25 Oct
// 01:00, Lord Howe (half an hour) 5 Apr 15:00 and 3 Oct 15:30, Chatham 5 Apr 14:00 and 26 Sep 14:00.
const CHANGES = [
  Date.UTC(2026, 2, 8, 7),
  Date.UTC(2026, 10, 1, 6),
  Date.UTC(2026, 2, 29, 1),
  Date.UTC(2026, 9, 25, 1),
  Date.UTC(2026, 3, 4, 15),
  Date.UTC(2026, 9, 3, 15, 30),
  Date.UTC(2026, 3, 4, 14),
  Date.UTC(2026, 8, 26, 14),
];

describe('wallClock', () => {
  it('shows what Intl shows, at any instant from 2000 to 2100, in any of the zones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        (at, zone) => {
          expect(wallClock(new Date(at), zone)).toEqual(intlWall(at, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is right on both sides of every offset change, second by second, asked in any order', () => {
    const instants = CHANGES.flatMap((change) =>
      Array.from({ length: 61 }, (_, i) => change + (i - 30) * 1000 + 499),
    );
    // Backwards and forwards, so that neither side of a change can be answered from what the other side cached.
    for (const order of [[...instants].reverse(), instants]) {
      for (const at of order) {
        for (const zone of ZONES)
          expect(wallClock(new Date(at), zone), `${zone} ${at}`).toEqual(intlWall(at, zone));
      }
    }
  });

  it('is right around a change that falls inside a quarter hour (Liberia, 7 January 1972, 00:44:30 UTC)', () => {
    const change = Date.UTC(1972, 0, 7, 0, 44, 30);
    for (let at = change - 120_000; at <= change + 120_000; at += 1000) {
      expect(wallClock(new Date(at), 'Africa/Monrovia'), `${at}`).toEqual(intlWall(at, 'Africa/Monrovia'));
    }
  });

  it('gives the offset of Ecuador (−5 h) and of New York in summer (−4 h)', () => {
    expect(offsetMs(Date.UTC(2026, 11, 2, 1), 'America/Guayaquil')).toBe(-5 * 3_600_000);
    expect(offsetMs(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toBe(-4 * 3_600_000);
  });

  it('refuses an invalid date and an unknown zone', () => {
    expect(() => wallClock(new Date(Number.NaN), 'America/Guayaquil')).toThrow(RangeError);
    expect(() => wallClock(new Date(), 'America/Atlantis')).toThrow(RangeError);
  });
});
