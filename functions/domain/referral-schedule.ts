import type { CantonDefinition, StaffMember } from './canton.js';
import { ladderSchedule } from './deadline-ladder.js';
import type { WorkingCalendar } from './deadlines.js';
import type { EscalationRole, ProtocolDefinition } from './protocol.js';
import {
  type ContactOfficerSnapshot,
  type Phase,
  type Referral,
  type ReferralEvent,
  type Timer,
} from './referral-record.js';
import type { Language } from './taxonomy.js';

/**
 * A referral's timers (DESIGN.md §2): the absolute instants of every reminder and escalation of a phase, computed
 * once from the protocol version the referral snapshotted, so that publishing a new version never moves the timers
 * of referrals in flight. The workflow only ever waits until the next of these instants (`planWait`); whom a timer
 * tells is resolved when it fires (`escalationRecipients`), so that staff changes in the meantime are honoured.
 */

export type { Phase, Timer };

export interface PhaseSchedule {
  readonly deadline: string;
  readonly timers: readonly Timer[];
}

/**
 * The deadline of a phase that starts at `start`, the reminders before it and the escalation ladder after it,
 * earliest first: the protocol's rule for the phase, laid out by the deadline ladder (deadline-ladder.ts).
 */
export function phaseSchedule(
  phase: Phase,
  start: Date,
  protocol: ProtocolDefinition,
  calendar: WorkingCalendar,
): PhaseSchedule {
  const { deadline, timers } = ladderSchedule(
    start,
    {
      deadline: protocol.deadlines[phase],
      reminders: protocol.reminders[phase],
      escalation: protocol.escalation[phase],
    },
    calendar,
  );
  return { deadline, timers: timers.map((t) => ({ ...t, phase })) };
}

// ---- Waiting: the deadline ladder's, for every clock ----

export { MAX_WAIT_SECONDS, nextTimer, planWait, RECHECK_AFTER_MS, type Wait } from './deadline-ladder.js';

// ---- Whom a timer tells ----

/** Whom to notify and how; the notifier looks addresses up by id (staff e-mails are at hand, so they come along). */
export interface Recipient {
  readonly kind: 'contact-officer' | 'staff';
  /** Catalogue id of a contact officer, or staff id. */
  readonly id: string;
  /** The id the person signs in with. */
  readonly userId: string;
  readonly channel: 'sms' | 'email';
  readonly language: Language;
  readonly email?: string;
  /** Why this person is told: the referral's contact officer, a ladder role, or a staff member the step names. */
  readonly as: 'contact-officer' | EscalationRole | 'named-staff';
  /** Set when the step's own target could not be found and this person stands in (see escalationRecipients). */
  readonly fallbackFrom?: EscalationRole | 'named-staff';
}

/** What escalation needs of a canton (or of the national level): a CantonDefinition will do. */
export type StaffDirectory = Pick<CantonDefinition, 'staff' | 'language'>;

const fromOfficer = (
  officer: ContactOfficerSnapshot,
  as: Recipient['as'],
  fallbackFrom?: Recipient['fallbackFrom'],
): Recipient => ({
  kind: 'contact-officer',
  id: officer.id,
  userId: officer.userId,
  channel: officer.preferredChannel,
  language: officer.language,
  as,
  ...(fallbackFrom ? { fallbackFrom } : {}),
});

// Staff are reached by e-mail: it is the only address a canton definition holds for them.
const fromStaff = (
  member: StaffMember,
  directory: StaffDirectory,
  as: Recipient['as'],
  fallbackFrom?: Recipient['fallbackFrom'],
): Recipient => ({
  kind: 'staff',
  id: member.id,
  userId: member.id,
  channel: 'email',
  language: directory.language,
  email: member.email,
  as,
  ...(fallbackFrom ? { fallbackFrom } : {}),
});

const coordinators = (directory: StaffDirectory) =>
  directory.staff.filter((s) => s.roles.includes('coordinator'));

// One person, one message: by the id they sign in with, which a supervisor and a staff member could share.
function dedupe(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => {
    const key = r.userId;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The canton's coordinators, else the national ones: who an escalation reaches when its own target cannot be
 * reached (`fallbackFrom` says whom they stand in for).
 */
export function coordinatorsStandingIn(
  canton: StaffDirectory,
  national: StaffDirectory,
  fallbackFrom?: Recipient['fallbackFrom'],
): Recipient[] {
  const local = coordinators(canton);
  if (local.length > 0) {
    return local.map((s) => fromStaff(s, canton, 'canton-coordinator', fallbackFrom));
  }
  return coordinators(national).map((s) =>
    fromStaff(s, national, 'national-coordinator', fallbackFrom ?? 'canton-coordinator'),
  );
}

/**
 * Who a fired timer tells. A reminder goes to the referral's contact officers. An escalation goes to its target:
 * `supervisor` → the supervisors (supervisorId) of the contact officers, looked up among the organization's
 * current officers (`providerOfficers`, from the catalogue) and the referral's snapshot; `canton-coordinator` and
 * `national-coordinator` → the coordinators of the canton or of the national level; `{ staffId }` → that member of
 * the canton's or national staff. An escalation must reach somebody, so a target that resolves to nobody (no
 * supervisor set, a named member who has left) falls back to the canton's coordinators, and those to the national
 * ones; the stand-ins say whom they replace.
 */
export function escalationRecipients(
  timer: Pick<Timer, 'kind' | 'notify'>,
  referral: Pick<Referral, 'contactOfficers'>,
  canton: StaffDirectory,
  national: StaffDirectory,
  providerOfficers: readonly ContactOfficerSnapshot[] = [],
): Recipient[] {
  if (timer.kind === 'reminder' || !timer.notify) {
    return dedupe(referral.contactOfficers.map((o) => fromOfficer(o, 'contact-officer')));
  }
  const toCoordinators = (fallbackFrom?: Recipient['fallbackFrom']) =>
    coordinatorsStandingIn(canton, national, fallbackFrom);
  const { role, staffId } = timer.notify;
  if (staffId !== undefined) {
    for (const directory of [canton, national]) {
      const member = directory.staff.find((s) => s.id === staffId);
      if (member) return [fromStaff(member, directory, 'named-staff')];
    }
    return dedupe(toCoordinators('named-staff'));
  }
  switch (role) {
    case 'supervisor': {
      // The catalogue's current officers win over the snapshot: a supervisor who changed since is told.
      const officers = new Map(
        [...referral.contactOfficers, ...providerOfficers].map((o) => [o.id, o] as const),
      );
      const supervisors = referral.contactOfficers
        .map((o) => (o.supervisorId ? officers.get(o.supervisorId) : undefined))
        .filter((o): o is ContactOfficerSnapshot => o !== undefined)
        .map((o) => fromOfficer(o, 'supervisor'));
      return dedupe(supervisors.length > 0 ? supervisors : toCoordinators('supervisor'));
    }
    case 'canton-coordinator':
      return dedupe(toCoordinators());
    case 'national-coordinator':
      return dedupe(coordinators(national).map((s) => fromStaff(s, national, 'national-coordinator')));
    default:
      return [];
  }
}

/** A recipient of a fired escalation, and the earlier step of the same phase that already reached them, if any. */
export interface EscalationNotice {
  readonly recipient: Recipient;
  /** 1-based number of the latest earlier step that told this person too. */
  readonly alsoAlertedAtStep?: number;
}

/**
 * Who a fired escalation tells, each with the earlier step of the phase that reached them too. A coordinator who
 * stood in for a missing supervisor at step 1 is the recipient of step 2 as well: she is told again — the referral
 * is still unanswered and has now reached her own rung — but the message names the step and says she was told
 * before, so it is never an identical duplicate. Every earlier escalation of the phase did alert (a timer of an
 * answered phase is skipped, and answers are for good), so the earlier recipients are recomputed, not read back.
 */
export function escalationNotices(
  timer: Timer,
  referral: Pick<Referral, 'contactOfficers' | 'schedule'>,
  canton: StaffDirectory,
  national: StaffDirectory,
  providerOfficers: readonly ContactOfficerSnapshot[] = [],
): EscalationNotice[] {
  const earlier = (referral.schedule[timer.phase] ?? []).filter(
    (t) => t.kind === 'escalation' && t.step !== undefined && timer.step !== undefined && t.step < timer.step,
  );
  const alertedAt = new Map<string, number>();
  for (const t of earlier) {
    for (const r of escalationRecipients(t, referral, canton, national, providerOfficers)) {
      alertedAt.set(r.userId, (t.step ?? 0) + 1);
    }
  }
  return escalationRecipients(timer, referral, canton, national, providerOfficers).map((recipient) => {
    const step = alertedAt.get(recipient.userId);
    return step === undefined ? { recipient } : { recipient, alsoAlertedAtStep: step };
  });
}

/**
 * The escalation timers of a phase that did alert someone, as the referral's history records them (`escalated`);
 * a timer that fired after the answer was only counted (`timer-skipped`) and told nobody.
 */
export function escalationsSent(
  referral: Pick<Referral, 'schedule'>,
  phase: Phase,
  history: readonly Pick<ReferralEvent, 'action' | 'details'>[],
): Timer[] {
  const timers = referral.schedule[phase] ?? [];
  return history
    .filter((e) => e.action === 'escalated' && e.details.phase === phase)
    .map((e) => timers[e.details.timerIndex as number])
    .filter((t): t is Timer => t !== undefined && t.kind === 'escalation');
}

/** Everyone these escalations told, each person once, in ladder order: whom a late answer must reach. */
export function everyoneAlerted(
  timers: readonly Timer[],
  referral: Pick<Referral, 'contactOfficers'>,
  canton: StaffDirectory,
  national: StaffDirectory,
  providerOfficers: readonly ContactOfficerSnapshot[] = [],
): Recipient[] {
  return dedupe(timers.flatMap((t) => escalationRecipients(t, referral, canton, national, providerOfficers)));
}
