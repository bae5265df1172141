import {
  computeDeadline,
  type Duration,
  escalationTimes,
  reminderTimes,
  type WorkingCalendar,
} from './deadlines.js';
import type { EscalationTarget } from './protocol.js';

/**
 * A deadline ladder: the clock of one phase of a case that someone must answer (a referral's acknowledgement or
 * counter-referral, a complaint's acknowledgement or resolution). From a protocol's durations it computes, once
 * and as absolute instants, the phase's deadline, the reminders before it and the steps of its escalation ladder
 * after it; the workflow that runs the clock only ever waits until the next of these instants (`planWait`) and
 * fires them in order (`timerToFire`). Referrals (referral-schedule.ts) and complaints (complaint-clock.ts) both
 * plan and fire their timers here, so a rule about timers lives in one place.
 */

/** A reminder before a phase's deadline, or a step of its escalation ladder after it. */
export interface LadderTimer {
  /** Absolute instant (ISO 8601, UTC). */
  readonly at: string;
  readonly kind: 'reminder' | 'escalation';
  /** For an escalation, its index in the protocol's ladder. */
  readonly step?: number;
  /** For an escalation, whom the step notifies (a role of the ladder, or a named staff id). */
  readonly notify?: EscalationTarget;
}

/** What a protocol says of one phase: its deadline, its reminders and its escalation ladder. */
export interface LadderRule {
  readonly deadline: Duration;
  readonly reminders: readonly Duration[];
  readonly escalation: readonly { readonly after: Duration; readonly notify: EscalationTarget }[];
}

export interface LadderSchedule {
  readonly deadline: string;
  readonly timers: readonly LadderTimer[];
}

/**
 * The deadline of a phase that starts at `start`, the reminders before it and the escalation ladder after it,
 * earliest first (the workflow fires them in this order). Reminders that would fall before the start are dropped
 * (a short deadline with a long reminder); ladder steps that coincide keep the ladder's order.
 */
export function ladderSchedule(start: Date, rule: LadderRule, calendar: WorkingCalendar): LadderSchedule {
  const deadline = computeDeadline(start, rule.deadline, calendar);
  const reminders: LadderTimer[] = reminderTimes(deadline, rule.reminders, calendar, start).map((at) => ({
    at: at.toISOString(),
    kind: 'reminder',
  }));
  const escalations: LadderTimer[] = escalationTimes(deadline, rule.escalation, calendar).map((at, step) => ({
    at: at.toISOString(),
    kind: 'escalation',
    step,
    notify: rule.escalation[step]!.notify,
  }));
  // Already in time order: reminderTimes sorts and falls strictly before the deadline, escalationTimes never
  // decreases and falls strictly after it.
  return { deadline: deadline.toISOString(), timers: [...reminders, ...escalations] };
}

// ---- Waiting ----

/** The next timer that has not fired yet; timers fire in order, so `fired` is also the next one's index. */
export function nextTimer<T>(timers: readonly T[], fired: number): { timer: T; index: number } | undefined {
  const timer = timers[fired];
  return timer ? { timer, index: fired } : undefined;
}

/**
 * The timer a fired wait may fire: the one it planned (`timerIndex`), only while it is still the next one. A
 * retried step, or one that re-planned meanwhile, finds the count moved on and fires nothing.
 */
export function timerToFire<T>(
  timers: readonly T[],
  fired: number,
  timerIndex: number | null,
): T | undefined {
  if (timerIndex === null || timerIndex !== fired) return undefined;
  return timers[timerIndex];
}

const DAY_MS = 86_400_000;

/**
 * Once every timer has fired the phase still waits for its answer; it re-plans after this much product time so
 * that an execution never holds a task token without a timeout (a task without one would wait up to a year).
 */
export const RECHECK_AFTER_MS = 7 * DAY_MS;

/**
 * No wait is longer than this many real seconds. The local interpreter runs task timeouts on JavaScript timers,
 * which fire at once beyond 2^31 ms (about 24.8 days); on AWS a wait could last a year, but re-planning every 20
 * days costs two state transitions. A timer further away than this is waited for in legs (timerIndex null).
 */
export const MAX_WAIT_SECONDS = 20 * 86_400;

export interface Wait {
  /** Whole seconds, at least 1: Step Functions refuses a task timeout of 0. */
  readonly seconds: number;
  /** The timer to fire when the wait runs out; null when the wait only re-plans (nothing to fire). */
  readonly timerIndex: number | null;
}

/**
 * How long the workflow waits before its next timer. `realMsUntil` converts a product instant into real time
 * (kernel/clock.ts: the local runtime may run the product's clock faster than the wall clock). A timer already
 * past (a case resumed after a restart) fires after 1 second.
 */
export function planWait(
  timers: readonly Pick<LadderTimer, 'at'>[],
  fired: number,
  now: Date,
  realMsUntil: (at: Date) => number,
): Wait {
  const next = nextTimer(timers, fired);
  const at = next ? new Date(next.timer.at) : new Date(now.getTime() + RECHECK_AFTER_MS);
  const seconds = Math.max(1, Math.ceil(realMsUntil(at) / 1000));
  if (seconds > MAX_WAIT_SECONDS) return { seconds: MAX_WAIT_SECONDS, timerIndex: null };
  return { seconds, timerIndex: next ? next.index : null };
}
