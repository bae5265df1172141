import type { Actor } from '#model/caller.js';
import type { Complaint, ComplaintChange, ComplaintDeadlines, ComplaintTimer } from './complaint.js';
import { ladderSchedule, timerToFire } from './deadline-ladder.js';
import { computeDeadline, type Duration, type WorkingCalendar } from './deadlines.js';
import type { ProtocolDefinition } from './protocol.js';
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
 * - The appeal period is the protocol's (`appealPeriod`), 15 working days from the decision when it states none;
 *   the case keeps the period it was opened (or appealed) under, like its deadlines.
 * - The reminders and the escalation ladder of each phase are the protocol's, computed once when the case opens
 *   (or is appealed) by the deadline ladder that plans a referral's timers too (domain/deadline-ladder.ts):
 *   acknowledging maps to the protocol's acknowledgement, resolving to its counter-referral.
 * - The clock runs on Step Functions (workflows/complaint-clock.ts): one execution per case and level fires those
 *   timers in order and counts them on the case (`timersFired`), so the clock a case shows — its next timer, the
 *   escalation steps past — is the running clock's. A timer that comes due after its phase was answered tells
 *   nobody (`timer-skipped`).
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

/** Both phases' deadlines and timers from the protocol in force (the defaults, without timers, when none is). */
export function complaintDeadlines(
  start: Date,
  calendar: WorkingCalendar,
  protocol?: { readonly reference: ProtocolReference; readonly definition: ProtocolDefinition },
): ComplaintDeadlines {
  if (!protocol) {
    return {
      startedAt: start.toISOString(),
      appealPeriod: APPEAL_PERIOD,
      acknowledgeBy: computeDeadline(
        start,
        DEFAULT_COMPLAINT_DEADLINES.acknowledgement,
        calendar,
      ).toISOString(),
      resolveBy: computeDeadline(start, DEFAULT_COMPLAINT_DEADLINES.resolution, calendar).toISOString(),
    };
  }
  const { deadlines, reminders, escalation } = protocol.definition;
  const acknowledge = ladderSchedule(
    start,
    {
      deadline: deadlines.acknowledgement,
      reminders: reminders.acknowledgement,
      escalation: escalation.acknowledgement,
    },
    calendar,
  );
  const resolve = ladderSchedule(
    start,
    {
      deadline: deadlines.counterReferral,
      reminders: reminders.counterReferral,
      escalation: escalation.counterReferral,
    },
    calendar,
  );
  return {
    startedAt: start.toISOString(),
    acknowledgeBy: acknowledge.deadline,
    resolveBy: resolve.deadline,
    protocol: protocol.reference,
    appealPeriod: protocol.definition.appealPeriod ?? APPEAL_PERIOD,
    timers: { acknowledge: acknowledge.timers, resolve: resolve.timers },
  };
}

/**
 * The phase's next timer and how many escalation steps are past: as the running clock counted them when it runs
 * (`fired`), else by the time (cases opened before the clock ran on Step Functions).
 */
function timersNow(timers: readonly ComplaintTimer[] | undefined, now: number, fired: number | undefined) {
  const list = timers ?? [];
  const past = fired === undefined ? list.filter((t) => Date.parse(t.at) <= now) : list.slice(0, fired);
  const next = fired === undefined ? list.find((t) => Date.parse(t.at) > now) : list[fired];
  const escalations = past.filter((t) => t.kind === 'escalation').length;
  return { ...(next ? { nextTimer: next } : {}), ...(timers ? { escalations } : {}) };
}

export function appealDeadline(
  decidedAt: Date,
  calendar: WorkingCalendar,
  period: Duration = APPEAL_PERIOD,
): string {
  return computeDeadline(decidedAt, period, calendar).toISOString();
}

const atRiskFrom = (start: number, due: number) => start + (due - start) * AT_RISK_SHARE;

function stateOf(start: number, due: number, now: number): ClockState {
  if (now > due) return 'breached';
  if (now >= atRiskFrom(start, due)) return 'at-risk';
  return 'on-track';
}

/**
 * When the running phase's clock turns at risk and when it is breached: fixed for a phase, so an index keyed by
 * them stays true as time passes without any write (the state is read against the time of the reading, exactly as
 * `complaintClock` computes it). They change only with the case — acknowledged, resolved, appealed. Undefined once
 * resolved (the clock is stopped). In the acknowledgement phase the breach is the acknowledgement deadline, which
 * comes before the deadline to resolve.
 */
export function clockInstants(
  complaint: Pick<Complaint, 'status' | 'acknowledgedAt' | 'deadlines'>,
): { readonly atRiskAt: string; readonly breachAt: string } | undefined {
  if (complaint.status === 'resolved') return undefined;
  const { deadlines } = complaint;
  const start = Date.parse(deadlines.startedAt);
  const due = complaint.acknowledgedAt ? deadlines.resolveBy : deadlines.acknowledgeBy;
  return {
    atRiskAt: new Date(Math.ceil(atRiskFrom(start, Date.parse(due)))).toISOString(),
    breachAt: new Date(Date.parse(due)).toISOString(),
  };
}

/** The state of a clock at `now` from its instants: the same answer as `complaintClock` for an open case. */
export function stateAt(instants: { atRiskAt: string; breachAt: string }, now: Date): ClockState {
  const t = now.getTime();
  if (t > Date.parse(instants.breachAt)) return 'breached';
  return t >= Date.parse(instants.atRiskAt) ? 'at-risk' : 'on-track';
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
      ...timersNow(deadlines.timers?.acknowledge, t, complaint.timersFired?.acknowledge),
    };
  }
  return {
    phase: 'resolve',
    state: stateOf(start, resolveBy, t),
    dueAt: deadlines.resolveBy,
    ...timersNow(deadlines.timers?.resolve, t, complaint.timersFired?.resolve),
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

// ---- The running clock (workflows/complaint-clock.ts) ----

export type ClockPhase = 'acknowledge' | 'resolve';

/** How a phase of the clock was answered: the answer its wait's task token receives. */
export type ClockAnswer = 'acknowledged' | 'resolved';

/**
 * Whether the phase of the clock running at `level` has its answer. The acknowledgement is answered by the first
 * activity (or by the resolution); the resolution by the decision. A clock of a level the case has left (appealed
 * meanwhile) has nothing more to wait for: its level decided.
 */
export function clockAnswer(
  complaint: Pick<Complaint, 'status' | 'acknowledgedAt' | 'level'>,
  phase: ClockPhase,
  level: Complaint['level'],
): ClockAnswer | undefined {
  if (complaint.level !== level || complaint.status === 'resolved') return 'resolved';
  if (phase === 'acknowledge' && complaint.acknowledgedAt) return 'acknowledged';
  return undefined;
}

/** The timers of a phase of the case's current clock, and how many of them fired. */
export function clockTimers(complaint: Complaint, phase: ClockPhase) {
  return {
    timers: complaint.deadlines.timers?.[phase] ?? [],
    fired: complaint.timersFired?.[phase] ?? 0,
  };
}

/** The clock's changes are signed by the workflow, like a referral's. */
export const CLOCK_ACTOR: Actor = { userId: 'swcs-workflow', roles: [] };

/**
 * Fires the timer a wait planned, once: counted on the case in a version-guarded change with its event. It tells
 * someone (`notify`) only while the phase is unanswered; a timer that comes due after the answer is counted as
 * skipped. Nothing when the timer is no longer the next one (a retried step) or the clock is another level's.
 */
export function fireComplaintTimer(
  complaint: Complaint,
  phase: ClockPhase,
  level: Complaint['level'],
  timerIndex: number | null,
  now: string,
): (ComplaintChange & { timer: ComplaintTimer; notify: boolean }) | undefined {
  if (complaint.level !== level) return undefined;
  const { timers, fired } = clockTimers(complaint, phase);
  const timer = timerToFire(timers, fired, timerIndex);
  if (!timer) return undefined;
  const notify = clockAnswer(complaint, phase, level) === undefined;
  const version = complaint.version + 1;
  const counts = complaint.timersFired ?? { acknowledge: 0, resolve: 0 };
  return {
    timer,
    notify,
    complaint: {
      ...complaint,
      timersFired: { ...counts, [phase]: fired + 1 },
      updatedAt: now,
      version,
    },
    event: {
      version,
      at: now,
      by: CLOCK_ACTOR,
      action: !notify ? 'timer-skipped' : timer.kind === 'reminder' ? 'reminder-sent' : 'escalated',
      details: {
        phase,
        level,
        timerIndex: fired,
        kind: timer.kind,
        scheduledAt: timer.at,
        ...(timer.step !== undefined ? { step: timer.step } : {}),
        ...(timer.notify ? { notify: timer.notify } : {}),
      },
    },
  };
}
