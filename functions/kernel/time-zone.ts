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
  if (Number.isNaN(instant.getTime())) throw new RangeError('a wall clock needs a valid date');
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

/** Milliseconds the zone is ahead of UTC at an instant (negative in Ecuador). */
export function offsetMs(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const w = wallClock(new Date(whole), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}

/** The zone's offset from UTC at an instant, in whole minutes. */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  return Math.round(offsetMs(at.getTime(), timeZone) / 60_000);
}
