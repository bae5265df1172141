import type { Complaint, ComplaintDeadlines } from './complaint.js';
import { computeDeadline, type Duration, type WorkingCalendar } from './deadlines.js';
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
 */
export type ClockState = 'on-track' | 'at-risk' | 'breached';
export const CLOCK_STATES = ['on-track', 'at-risk', 'breached'] as const;

export interface ComplaintClock {
  /** What the clock is waiting for now; `stopped` once resolved. */
  readonly phase: 'acknowledge' | 'resolve' | 'stopped';
  readonly state: ClockState;
  /** The deadline of the phase; absent when stopped. */
  readonly dueAt?: string;
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

export function complaintDeadlines(
  start: Date,
  calendar: WorkingCalendar,
  protocol?: {
    readonly reference: ProtocolReference;
    readonly deadlines: { readonly acknowledgement: Duration; readonly counterReferral: Duration };
  },
): ComplaintDeadlines {
  const acknowledgement = protocol?.deadlines.acknowledgement ?? DEFAULT_COMPLAINT_DEADLINES.acknowledgement;
  const resolution = protocol?.deadlines.counterReferral ?? DEFAULT_COMPLAINT_DEADLINES.resolution;
  return {
    startedAt: start.toISOString(),
    acknowledgeBy: computeDeadline(start, acknowledgement, calendar).toISOString(),
    resolveBy: computeDeadline(start, resolution, calendar).toISOString(),
    ...(protocol ? { protocol: protocol.reference } : {}),
  };
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
    return { phase: 'acknowledge', state, dueAt: deadlines.acknowledgeBy };
  }
  return { phase: 'resolve', state: stateOf(start, resolveBy, t), dueAt: deadlines.resolveBy };
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
