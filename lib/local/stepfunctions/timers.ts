/**
 * Timers on the product clock (`functions/kernel/clock.ts`), so that tests and demos that move the clock fire
 * reminders, escalations and Wait states at once.
 */
import { clock } from '#kernel/clock.js';

/** A JavaScript timer longer than this fires at once (it overflows). */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** How often (real time) the product clock is read to fire timers that a clock.advance() has made due. */
const CLOCK_POLL_MS = 25;

/** The product-clock instant (epoch ms) at which a duration of the definition ends. */
export function dueAfter(realSeconds: number): number {
  // Durations in a definition are real seconds (the workflow already divides product spans by the factor); the
  // instant is kept in product time so that clock.advance() brings it closer.
  return clock.now().getTime() + realSeconds * 1000 * clock.factor;
}

/**
 * Timers that fire when the product clock reaches an instant. One real-time poll serves all of them and runs only
 * while some are pending, so an idle service holds no timer and close() leaves no handle behind.
 */
export class ProductTimers {
  private readonly timers = new Set<{ dueAt: number; fire: () => void }>();
  private interval: NodeJS.Timeout | undefined;

  /** Returns a cancel function. */
  add(dueAt: number, fire: () => void): () => void {
    const timer = { dueAt, fire };
    this.timers.add(timer);
    this.interval ??= setInterval(() => this.tick(), CLOCK_POLL_MS);
    return () => {
      this.timers.delete(timer);
      this.stopIfIdle();
    };
  }

  close(): void {
    this.timers.clear();
    this.stopIfIdle();
  }

  private tick(): void {
    const now = clock.now().getTime();
    for (const timer of [...this.timers]) {
      if (timer.dueAt > now || !this.timers.has(timer)) continue;
      this.timers.delete(timer);
      try {
        timer.fire();
      } catch {
        // A timer's action settles a promise; it has nothing useful to throw, and must not stop the others.
      }
    }
    this.stopIfIdle();
  }

  private stopIfIdle(): void {
    if (this.timers.size > 0 || this.interval === undefined) return;
    clearInterval(this.interval);
    this.interval = undefined;
  }
}
