/**
 * The time the product runs on. On AWS it is the wall clock. The local runtime may run it faster (a demo can watch
 * a two-day deadline pass in minutes: SWCS_CLOCK_FACTOR=1440) or move it by hand (tests advance it to fire each
 * reminder and escalation). Everything that stamps or schedules — referral events, deadlines, timers — reads it
 * here, so handlers and the workflow agree on what time it is.
 */
const startedAt = Date.now();
let factor = Number(process.env.SWCS_CLOCK_FACTOR ?? '1') || 1;
let offsetMs = 0;

export const clock = {
  now(): Date {
    return new Date(startedAt + (Date.now() - startedAt) * factor + offsetMs);
  },
  /** How many times faster than the wall clock the product's time runs (1 on AWS). */
  get factor(): number {
    return factor;
  },
  /** Real milliseconds until a moment of the product's time (0 if it has passed). */
  realMsUntil(at: Date): number {
    return Math.max(0, (at.getTime() - this.now().getTime()) / factor);
  },
  /** Local runtime and tests only: run faster. */
  setFactor(value: number) {
    if (!(value >= 1)) throw new Error('The clock factor must be 1 or more');
    // Keep "now" continuous across the change.
    const current = this.now().getTime();
    factor = value;
    offsetMs += current - this.now().getTime();
  },
  /** Local runtime and tests only: jump forward. */
  advance(ms: number) {
    if (ms < 0) throw new Error('The clock only moves forward');
    offsetMs += ms;
  },
};
