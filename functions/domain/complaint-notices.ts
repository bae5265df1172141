import type { Language } from '#kernel/messages.js';
import type { Complaint, ComplaintTimer } from './complaint.js';
import { assigneesOf, concernedUnits, unitLevelOf } from './complaint-access.js';
import type { Unit } from './units.js';
import type { ClockPhase } from './complaint-clock.js';
import {
  type EmailMessage,
  formatLocalLong,
  formatLocalShort,
  type SmsMessage,
  smsSegments,
  toGsm7,
} from './notifications.js';
import { escalationRecipients, type Recipient, type StaffDirectory } from './referral-schedule.js';

/**
 * The notices a complaint's clock sends to staff: a reminder to the people assigned before a deadline, and each
 * step of the escalation ladder after it. They say which case (its reference), what is due and when, and where to
 * open it — never the complaint's content, the complainant, nor anything personal: a sensitive case is one
 * whose very words must stay with the people who may read it, and a notice can be forwarded. The SMS form is one
 * GSM-7 segment with a reference and a link only.
 */
export const COMPLAINT_CLOCK_KINDS = ['complaint-reminder', 'complaint-escalation'] as const;
export type ComplaintClockKind = (typeof COMPLAINT_CLOCK_KINDS)[number];

export interface ComplaintNoticeData {
  readonly reference: string;
  readonly phase: ClockPhase;
  readonly deadline: Date;
  readonly timeZone: string;
  /** Where the case opens (its address in the API, which asks for the reader's sign-in). */
  readonly link: string;
  /** For an escalation: its step, from 1, of how many. */
  readonly step?: { readonly number: number; readonly of: number };
  /** The case was appealed: the clock is the national single window's. */
  readonly national?: boolean;
}

const DUE: Record<Language, Record<ClockPhase, string>> = {
  es: { acknowledge: 'atenderse (primera actividad)', resolve: 'resolverse y responderse' },
  en: { acknowledge: 'be acknowledged (first activity)', resolve: 'be resolved and answered' },
};

export function complaintClockSms(
  kind: ComplaintClockKind,
  data: ComplaintNoticeData,
  language: Language,
): SmsMessage {
  const when = formatLocalShort(data.deadline, data.timeZone, language);
  const text =
    language === 'es'
      ? kind === 'complaint-reminder'
        ? `SWCS: caso ${data.reference} vence ${when}. ${data.link}`
        : `SWCS: caso ${data.reference} vencido ${when}, escalado. ${data.link}`
      : kind === 'complaint-reminder'
        ? `SWCS: case ${data.reference} due ${when}. ${data.link}`
        : `SWCS: case ${data.reference} overdue ${when}, escalated. ${data.link}`;
  const sms = toGsm7(text);
  const size = smsSegments(sms);
  if (!size.gsm7 || !size.singleSegment) {
    throw new RangeError(`a complaint clock SMS must fit one GSM-7 segment (${size.units} units)`);
  }
  return { sms };
}

export function complaintClockEmail(
  kind: ComplaintClockKind,
  data: ComplaintNoticeData,
  language: Language,
): EmailMessage {
  const when = formatLocalLong(data.deadline, data.timeZone, language);
  const due = DUE[language][data.phase];
  const step = data.step;
  if (language === 'es') {
    const level = data.national ? ' (apelación, ventanilla única nacional)' : '';
    return kind === 'complaint-reminder'
      ? {
          subject: `Recordatorio: caso ${data.reference} vence ${when}`,
          body: `El caso ${data.reference}${level} debe ${due} hasta el ${when}.\n\nÁbralo en ${data.link}\n\nVentanilla Única de Servicios Ciudadanos`,
        }
      : {
          subject: `Escalamiento${step ? ` ${step.number}/${step.of}` : ''}: caso ${data.reference} fuera de plazo`,
          body: `El caso ${data.reference}${level} debía ${due} hasta el ${when} y no lo ha hecho. Se le escala${step ? ` (paso ${step.number} de ${step.of})` : ''} para que se asegure de que se atienda.\n\nÁbralo en ${data.link}\n\nVentanilla Única de Servicios Ciudadanos`,
        };
  }
  const level = data.national ? ' (appeal, national single window)' : '';
  return kind === 'complaint-reminder'
    ? {
        subject: `Reminder: case ${data.reference} is due ${when}`,
        body: `Case ${data.reference}${level} must ${due} by ${when}.\n\nOpen it at ${data.link}\n\nSingle Window for Citizen Services`,
      }
    : {
        subject: `Escalation${step ? ` ${step.number}/${step.of}` : ''}: case ${data.reference} is overdue`,
        body: `Case ${data.reference}${level} had to ${due} by ${when} and has not. It is escalated to you${step ? ` (step ${step.number} of ${step.of})` : ''} so that you make sure it is dealt with.\n\nOpen it at ${data.link}\n\nSingle Window for Citizen Services`,
      };
}

// ---- Whom a fired timer tells ----

/** A member of staff a clock notice goes to, by e-mail (the only address a canton definition holds for staff). */
export interface ClockRecipient {
  readonly id: string;
  readonly email: string;
  readonly language: Language;
  /** The level whose staff they are: its notifications topic holds their subscription. */
  readonly cantonId: string;
  readonly as: 'assignee' | Recipient['as'];
}

const coordinatorsOf = (directory: LevelDirectory) =>
  directory.staff.filter((s) => s.roles.includes('coordinator'));

/** The staff of the level the case is at (a canton, or national once appealed), its units, and that level's id. */
export type LevelDirectory = StaffDirectory & { readonly id: string; readonly units?: readonly Unit[] };

/** The members of the units of the case's open activities that belong to `level`. */
function unitMembersOf(
  complaint: Pick<Complaint, 'cantonId' | 'activities'>,
  level: LevelDirectory,
  open: boolean,
): string[] {
  return complaint.activities
    .filter((a) => !open || a.status === 'pending' || a.status === 'in-progress')
    .flatMap((a) =>
      a.unitId && unitLevelOf(complaint, a) === level.id
        ? (level.units?.find((u) => u.id === a.unitId)?.members ?? [])
        : [],
    );
}

const asRecipient = (
  member: StaffDirectory['staff'][number],
  directory: LevelDirectory,
  as: ClockRecipient['as'],
): ClockRecipient => ({
  id: member.id,
  email: member.email,
  language: directory.language,
  cantonId: directory.id,
  as,
});

/**
 * Who a fired timer of a case's clock tells. A reminder goes to the people assigned (the case's owner, the
 * assignees of its open activities and the members of the units they are assigned to) who are staff of the level; with nobody assigned, to the level's
 * coordinators, so that someone takes the case. An escalation goes to its ladder step's target as for a referral
 * (escalationRecipients: the coordinators of the canton or the national level, or a named member of staff), a
 * "supervisor" step standing in with the coordinators (a case has no provider's contact officer). A sensitive case
 * is told only to people who may read it (domain/complaint-access.ts): a named member who is neither assigned nor
 * a coordinator is replaced by the coordinators, and nobody of a unit the case is about is told.
 */
export function clockRecipients(
  timer: Pick<ComplaintTimer, 'kind' | 'notify'>,
  complaint: Pick<
    Complaint,
    'cantonId' | 'assigneeId' | 'activities' | 'sensitive' | 'concerns' | 'organizationId'
  >,
  level: LevelDirectory,
  national: LevelDirectory,
  /** The units of the case's canton: the members of one a sensitive case is about are never told of it. */
  cantonUnits: readonly Unit[] = [],
): ClockRecipient[] {
  const about = complaint.sensitive ? concernedUnits(complaint, cantonUnits) : new Set<string>();
  const excluded = new Set(cantonUnits.filter((u) => about.has(u.id)).flatMap((u) => u.members));
  const told = (list: ClockRecipient[]) =>
    list.filter((r) => !(r.cantonId === complaint.cantonId && excluded.has(r.id)));
  const recipients = told(recipientsOf(timer, complaint, level, national));
  if (recipients.length > 0) return recipients;
  return told(coordinatorsOf(level).map((s) => asRecipient(s, level, 'canton-coordinator')));
}

function recipientsOf(
  timer: Pick<ComplaintTimer, 'kind' | 'notify'>,
  complaint: Pick<Complaint, 'cantonId' | 'assigneeId' | 'activities' | 'sensitive'>,
  level: LevelDirectory,
  national: LevelDirectory,
): ClockRecipient[] {
  const byId = (id: string) => level.staff.find((s) => s.id === id);
  const coordinators = () => coordinatorsOf(level).map((s) => asRecipient(s, level, 'canton-coordinator'));
  if (timer.kind === 'reminder') {
    const ids = [
      ...(complaint.assigneeId ? [complaint.assigneeId] : []),
      ...complaint.activities
        .filter((a) => a.status === 'pending' || a.status === 'in-progress')
        .flatMap((a) => (a.assigneeId ? [a.assigneeId] : [])),
      ...unitMembersOf(complaint, level, true),
    ];
    const assigned = [...new Set(ids)]
      .map(byId)
      .filter((s) => s !== undefined)
      .map((s) => asRecipient(s, level, 'assignee'));
    return assigned.length > 0 ? assigned : coordinators();
  }
  const assigned = new Set([...assigneesOf(complaint), ...unitMembersOf(complaint, level, false)]);
  const recipients = escalationRecipients(timer, { contactOfficers: [] }, level, national).flatMap((r) => {
    const inLevel = level.staff.find((s) => s.id === r.id);
    const member = inLevel ?? national.staff.find((s) => s.id === r.id);
    if (!member) return [];
    const directory = inLevel ? level : national;
    const mayRead = !complaint.sensitive || member.roles.includes('coordinator') || assigned.has(member.id);
    return mayRead ? [asRecipient(member, directory, r.as)] : [];
  });
  if (recipients.length > 0) return recipients;
  return coordinators();
}
