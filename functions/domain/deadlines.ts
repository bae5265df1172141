import { assertTimeZone, offsetMs, wallClock } from '#kernel/time-zone.js';
/**
 * Absolute deadlines from a protocol's durations (DESIGN.md §2: the state machine only waits until instants that
 * domain code computed). Pure: no clock, no I/O, no date library — time zones come from Intl.
 *
 * Decisions:
 * - `hours` are elapsed hours, round the clock (an urgent case does not stop at night or on weekends).
 * - `working-days` follow Ecuador's administrative rule (Código Orgánico Administrativo, art. 158): the day the
 *   request arrives is not counted, counting starts on the next working day, and only working days (Monday to
 *   Friday, not a holiday, in the canton's time zone) count. The deadline is the **close of business** (17:00
 *   local by default) of the Nth working day: "within 2 working days" means "by the end of the second working
 *   day", which is what a ministry writes in its protocols and what an officer expects on a notice. A start on a
 *   weekend or holiday therefore counts from the next working day, like a start after hours.
 */

export const DURATION_UNITS = ['hours', 'working-days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

export interface WorkingCalendar {
  /** IANA time zone of the canton, e.g. America/Guayaquil or Pacific/Galapagos. */
  readonly timeZone: string;
  /**
   * Local dates (YYYY-MM-DD) that are not working days, national and local holidays alike (see `calendarFor`). A
   * year with none counts weekends only: a missing calendar makes deadlines early, never impossible.
   */
  readonly holidays?: readonly string[];
  /** Local time (HH:MM) at which a working-day deadline falls; 17:00 unless the canton says otherwise. */
  readonly closeOfBusiness?: string;
}

export const DEFAULT_CLOSE_OF_BUSINESS = '17:00';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Bounds the day loops: a year of working days is far beyond any protocol, and a bad calendar must not hang. */
const MAX_DAYS_SCANNED = 3660;

/** Orders durations of different units: a working day weighs a calendar day. Used to validate protocols. */
export function nominalHours(duration: Duration): number {
  return duration.unit === 'hours' ? duration.amount : duration.amount * 24;
}

// ---- Time zones ----

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The canton's calendar date (YYYY-MM-DD) at an instant. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dateParts(date: string): [number, number, number] {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The instant at which a local wall-clock time occurs in the zone (two passes settle any DST change). */
export function zonedInstant(date: string, minutesOfDay: number, timeZone: string): Date {
  const [y, m, d] = dateParts(date);
  const wall = Date.UTC(y, m - 1, d, 0, minutesOfDay);
  let utc = wall - offsetMs(wall, timeZone);
  utc = wall - offsetMs(utc, timeZone);
  return new Date(utc);
}

/** Midnight at the start of a local date, e.g. when a protocol's validity begins. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  return zonedInstant(date, 0, timeZone);
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = dateParts(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instants a `from`/`to` filter means, as UTC ISO strings (what stored times are): a date-time with its offset
 * is that instant; a bare date is the canton's calendar day, `from` from its first instant and `to` through its
 * last millisecond. So "today" asked in Quito after 19:00, when the UTC date is already tomorrow, still holds the
 * evening's records.
 */
export function instantBounds(
  range: { readonly from?: string | undefined; readonly to?: string | undefined },
  timeZone: string,
): { from: string | undefined; to: string | undefined } {
  const instant = (bound: string | undefined, day: (date: string) => Date) =>
    bound === undefined ? undefined : (DATE.test(bound) ? day(bound) : new Date(bound)).toISOString();
  return {
    from: instant(range.from, (date) => startOfLocalDay(date, timeZone)),
    to: instant(range.to, (date) => new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1)),
  };
}

// ---- Working days ----

interface PreparedCalendar {
  readonly timeZone: string;
  readonly holidays: ReadonlySet<string>;
  readonly closeMinutes: number;
}

function prepare(calendar: WorkingCalendar): PreparedCalendar {
  const close = calendar.closeOfBusiness ?? DEFAULT_CLOSE_OF_BUSINESS;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(close);
  if (!m) throw new RangeError(`closeOfBusiness must be HH:MM, got "${close}"`);
  assertTimeZone(calendar.timeZone);
  return {
    timeZone: calendar.timeZone,
    holidays: new Set(calendar.holidays ?? []),
    closeMinutes: Number(m[1]) * 60 + Number(m[2]),
  };
}

function workingDay(date: string, calendar: PreparedCalendar): boolean {
  const [y, m, d] = dateParts(date);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !calendar.holidays.has(date);
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  return workingDay(date, prepare(calendar));
}

/** The Nth working day strictly after (step 1) or before (step -1) a local date. */
function nthWorkingDay(from: string, n: number, step: 1 | -1, calendar: PreparedCalendar): string {
  let date = from;
  let counted = 0;
  for (let scanned = 0; counted < n; scanned++) {
    if (scanned > MAX_DAYS_SCANNED) throw new RangeError('no working day found: check the holiday calendar');
    date = addDays(date, step);
    if (workingDay(date, calendar)) counted++;
  }
  return date;
}

function checkDuration(duration: Duration): void {
  if (!Number.isInteger(duration.amount) || duration.amount <= 0) {
    throw new RangeError(`a duration needs a positive whole amount, got ${duration.amount}`);
  }
}

function forward(start: Date, duration: Duration, calendar: PreparedCalendar): Date {
  checkDuration(duration);
  if (duration.unit === 'hours') return new Date(start.getTime() + duration.amount * HOUR_MS);
  const day = nthWorkingDay(localDate(start, calendar.timeZone), duration.amount, 1, calendar);
  return zonedInstant(day, calendar.closeMinutes, calendar.timeZone);
}

/** When a duration that starts at `start` runs out (see the decisions at the top of this file). */
export function computeDeadline(start: Date, duration: Duration, calendar: WorkingCalendar): Date {
  return forward(start, duration, prepare(calendar));
}

/**
 * When each reminder fires, earliest first, without repeats. An `hours` reminder is that many elapsed hours
 * before the deadline; a `working-days` reminder fires at the close of business of the Nth working day before the
 * deadline's day, so that N working days remain. Reminders before `notBefore` (usually the referral's start) are
 * dropped: a reminder in the past would only be noise.
 */
export function reminderTimes(
  deadline: Date,
  reminders: readonly Duration[],
  calendar: WorkingCalendar,
  notBefore?: Date,
): Date[] {
  const cal = prepare(calendar);
  const times = reminders.map((reminder) => {
    checkDuration(reminder);
    if (reminder.unit === 'hours') return deadline.getTime() - reminder.amount * HOUR_MS;
    const day = nthWorkingDay(localDate(deadline, cal.timeZone), reminder.amount, -1, cal);
    return zonedInstant(day, cal.closeMinutes, cal.timeZone).getTime();
  });
  return [...new Set(times)]
    .filter((t) => notBefore === undefined || t >= notBefore.getTime())
    .sort((a, b) => a - b)
    .map((t) => new Date(t));
}

/**
 * When each step of an escalation ladder fires, in ladder order (index i is step i). `after` counts from the
 * deadline like computeDeadline counts from a start. Mixed units can invert real instants (25 hours after a
 * Friday deadline is Saturday, 1 working day after is Monday), so a step never fires before the one above it.
 */
export function escalationTimes(
  deadline: Date,
  ladder: readonly { readonly after: Duration }[],
  calendar: WorkingCalendar,
): Date[] {
  const cal = prepare(calendar);
  let previous = deadline.getTime();
  return ladder.map((step) => {
    previous = Math.max(previous, forward(deadline, step.after, cal).getTime());
    return new Date(previous);
  });
}
