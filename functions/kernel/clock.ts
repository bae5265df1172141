/**
 * The time the product runs on. On AWS it is the wall clock. The local runtime may run it faster (a demo can watch
 * a two-day deadline pass in minutes: SWCS_CLOCK_FACTOR=1440), resume it where it stood when the runtime last
 * stopped (lib/local/clock-file.ts), or move it by hand (tests advance it to fire each reminder and escalation).
 * Everything that stamps or schedules — referral events, deadlines, timers — reads it here, so handlers and the
 * workflow agree on what time it is. It only ever moves forward.
 *
 * Product time is `anchorProduct + (wall time since anchorWall) × factor`; every change re-anchors, so "now" is
 * continuous across a change of speed.
 */
let anchorWall = Date.now();
let anchorProduct = anchorWall;
let factor = Number(process.env.SWCS_CLOCK_FACTOR ?? '1') || 1;

const reanchor = (product: number) => {
  anchorWall = Date.now();
  anchorProduct = product;
};

export const clock = {
  now(): Date {
    return new Date(anchorProduct + (Date.now() - anchorWall) * factor);
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
    reanchor(this.now().getTime());
    factor = value;
  },
  /** Local runtime and tests only: jump forward. */
  advance(ms: number) {
    if (ms < 0) throw new Error('The clock only moves forward');
    reanchor(this.now().getTime() + ms);
  },
  /**
   * Local runtime only: continue from a position kept when it last stopped. A position behind "now" leaves the
   * clock where it is: the product's time never runs behind the wall clock, nor backwards.
   */
  resumeAt(at: Date) {
    reanchor(Math.max(at.getTime(), this.now().getTime()));
  },
};
