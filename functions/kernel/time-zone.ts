/**
 * The one place that reads the wall clock of a time zone. Deadlines count working days in the canton's zone,
 * notices show times in it, HSDS opening times carry its offset, and a canton file names it: all of them ask here.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a caller with a bad canton deserves.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows an IANA zone name ("America/Guayaquil"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Throws RangeError for a zone the runtime does not know. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** What a clock on the wall in the zone shows at an instant. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const at = instant.getTime();
  if (Number.isNaN(at)) throw new RangeError('a wall clock needs a valid date');
  // The zone's offset, then plain UTC arithmetic: the same fields Intl would give (test/kernel/time-zone.test.ts).
  const shifted = new Date(at + offsetMs(at, timeZone));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/** The wall clock as Intl formats it: the source of truth, about 10–80 µs a call. */
function wallClockOfIntl(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = part.value;
  }
  const n = (name: string) => Number(parts[name] ?? 0);
  return {
    year: n('year'),
    month: n('month'),
    day: n('day'),
    hour: n('hour'),
    minute: n('minute'),
    second: n('second'),
    weekday: Math.max(0, WEEKDAYS.indexOf(parts.weekday ?? '')),
  };
}

/** A zone's offset at a whole second, from Intl. */
function offsetOfIntl(whole: number, timeZone: string): number {
  const w = wallClockOfIntl(new Date(whole), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/**
 * Offsets by zone and quarter hour of UTC. A deadline counts working days, a notice shows two times, a day's log
 * names its date: one request asks for the wall clock many times within minutes, and Intl's formatToParts was a
 * measurable share of creating a referral (docs/performance.md). Where a quarter hour's first and last second have
 * the same offset, it holds for the whole quarter hour (a zone changes offset at most once in so short a time), and
 * is kept; a quarter hour with a change in it is asked of Intl second by second.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 4096;
const offsets = new Map<string, number | 'changes'>();

function cachedOffset(whole: number, timeZone: string): number {
  const start = Math.floor(whole / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${start}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const first = offsetOfIntl(start, timeZone);
    offset = first === offsetOfIntl(start + QUARTER_HOUR_MS - 1000, timeZone) ? first : 'changes';
    // Ids of quarter hours are endless over a long-lived container; a full cache starts again rather than grow.
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset === 'changes' ? offsetOfIntl(whole, timeZone) : offset;
}

/** Milliseconds the zone is ahead of UTC at an instant (negative in Ecuador). */
export function offsetMs(instant: number, timeZone: string): number {
  return cachedOffset(Math.floor(instant / 1000) * 1000, timeZone);
}

/** The zone's offset from UTC at an instant, in whole minutes. */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  return Math.round(offsetMs(at.getTime(), timeZone) / 60_000);
}
