import type { Complaint, ComplaintDeadlines, ComplaintTimer } from './complaint.js';
import { computeDeadline, type Duration, type WorkingCalendar } from './deadlines.js';
import type { ProtocolDefinition } from './protocol.js';
import { phaseSchedule } from './referral-schedule.js';
import type { ProtocolReference } from './request.js';

/**
 * A complaint's response-time clock: the deadlines to acknowledge and to resolve it, from the protocol of its
 * type (the complaint subcategory's `acknowledgement` and `counterReferral` deadlines, in working days in the
 * canton's time zone, domain/deadlines.ts), and the state a manager sees: on track, at risk, breached.
 *
 * Decisions:
 * - The deadline to resolve is the protocol's counter-referral deadline: for a complaint the "answer back" is the
 *   resolution and its reply.
 * - A clock is **at risk** in the last quarter of the time it was given, **breached** once its deadline passed.
 * - Adding the first activity (or resolving) acknowledges the case; the acknowledgement clock then stops.
 * - The appeal period is 15 working days from the decision: protocols do not state one yet.
 * - The reminders and the escalation ladder of each phase are the protocol's, computed once when the case opens
 *   (or is appealed) by the very rule that plans a referral's timers (`phaseSchedule`, domain/referral-schedule.ts):
 *   acknowledging maps to the protocol's acknowledgement, resolving to its counter-referral. The clock shows the
 *   next of them and how many escalation steps are past; nothing fires them yet (see the README).
 */
export type ClockState = 'on-track' | 'at-risk' | 'breached';
export const CLOCK_STATES = ['on-track', 'at-risk', 'breached'] as const;

export interface ComplaintClock {
  /** What the clock is waiting for now; `stopped` once resolved. */
  readonly phase: 'acknowledge' | 'resolve' | 'stopped';
  readonly state: ClockState;
  /** The deadline of the phase; absent when stopped. */
  readonly dueAt?: string;
  /** The phase's next reminder or escalation step, when the protocol has one still to come. */
  readonly nextTimer?: ComplaintTimer;
  /** How many steps of the phase's escalation ladder are past. */
  readonly escalations?: number;
}

/** Used when no protocol of the type is in force in the canton nor nationally. */
export const DEFAULT_COMPLAINT_DEADLINES: {
  readonly acknowledgement: Duration;
  readonly resolution: Duration;
} = {
  acknowledgement: { amount: 2, unit: 'working-days' },
  resolution: { amount: 15, unit: 'working-days' },
};

export const APPEAL_PERIOD: Duration = { amount: 15, unit: 'working-days' };

/** The share of a phase's time after which its clock is at risk. */
export const AT_RISK_SHARE = 0.75;

const timersOf = (schedule: ReturnType<typeof phaseSchedule>): ComplaintTimer[] =>
  schedule.timers.map((t) => ({
    at: t.at,
    kind: t.kind,
    ...(t.step !== undefined ? { step: t.step } : {}),
    ...(t.notify ? { notify: { ...t.notify } } : {}),
  }));

/** Both phases' deadlines and timers from the protocol in force (the defaults, without timers, when none is). */
export function complaintDeadlines(
  start: Date,
  calendar: WorkingCalendar,
  protocol?: { readonly reference: ProtocolReference; readonly definition: ProtocolDefinition },
): ComplaintDeadlines {
  if (!protocol) {
    return {
      startedAt: start.toISOString(),
      acknowledgeBy: computeDeadline(
        start,
        DEFAULT_COMPLAINT_DEADLINES.acknowledgement,
        calendar,
      ).toISOString(),
      resolveBy: computeDeadline(start, DEFAULT_COMPLAINT_DEADLINES.resolution, calendar).toISOString(),
    };
  }
  const acknowledge = phaseSchedule('acknowledgement', start, protocol.definition, calendar);
  const resolve = phaseSchedule('counterReferral', start, protocol.definition, calendar);
  return {
    startedAt: start.toISOString(),
    acknowledgeBy: acknowledge.deadline,
    resolveBy: resolve.deadline,
    protocol: protocol.reference,
    timers: { acknowledge: timersOf(acknowledge), resolve: timersOf(resolve) },
  };
}

function timersNow(timers: readonly ComplaintTimer[] | undefined, now: number) {
  const list = timers ?? [];
  const next = list.find((t) => Date.parse(t.at) > now);
  const escalations = list.filter((t) => t.kind === 'escalation' && Date.parse(t.at) <= now).length;
  return { ...(next ? { nextTimer: next } : {}), ...(timers ? { escalations } : {}) };
}

export function appealDeadline(decidedAt: Date, calendar: WorkingCalendar): string {
  return computeDeadline(decidedAt, APPEAL_PERIOD, calendar).toISOString();
}

function stateOf(start: number, due: number, now: number): ClockState {
  if (now > due) return 'breached';
  if (now >= start + (due - start) * AT_RISK_SHARE) return 'at-risk';
  return 'on-track';
}

export function complaintClock(complaint: Complaint, now: Date): ComplaintClock {
  const { deadlines } = complaint;
  const start = Date.parse(deadlines.startedAt);
  const resolveBy = Date.parse(deadlines.resolveBy);
  if (complaint.status === 'resolved') {
    const latest = complaint.resolutions.at(-1);
    return { phase: 'stopped', state: latest?.onTime === false ? 'breached' : 'on-track' };
  }
  const t = now.getTime();
  if (!complaint.acknowledgedAt) {
    const acknowledgeBy = Date.parse(deadlines.acknowledgeBy);
    const state = t > resolveBy ? 'breached' : stateOf(start, acknowledgeBy, t);
    return {
      phase: 'acknowledge',
      state,
      dueAt: deadlines.acknowledgeBy,
      ...timersNow(deadlines.timers?.acknowledge, t),
    };
  }
  return {
    phase: 'resolve',
    state: stateOf(start, resolveBy, t),
    dueAt: deadlines.resolveBy,
    ...timersNow(deadlines.timers?.resolve, t),
  };
}

/**
 * The one date a caller following a case by its reference is told: when the next step is due (acknowledgement or
 * resolution), or until when the decision can be appealed.
 */
export function nextDate(complaint: Complaint, now: Date): string | undefined {
  if (complaint.status !== 'resolved') return complaintClock(complaint, now).dueAt;
  const appealBy = complaint.resolutions.at(-1)?.appealBy;
  return !complaint.appeal && appealBy && Date.parse(appealBy) >= now.getTime() ? appealBy : undefined;
}
