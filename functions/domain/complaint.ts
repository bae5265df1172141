import type { Actor, Caller } from '#model/caller.js';
import { AppError, conflict } from '#kernel/errors.js';
import type { Localized } from '#kernel/messages.js';
import type {
  ActivityStatus,
  ComplaintType,
  Decision,
  ReplyChannel,
  SensitiveReason,
} from './complaint-input.js';
import type { ActivityInput } from './complaint-activity-input.js';
import type { ActivityProgressInput } from './complaint-progress-input.js';
import type { AppealInput, ResolutionInput, SatisfactionInput } from './complaint-decision-input.js';
import type { ComplainantInput, ConcernsInput, OpenComplaintInput } from './complaint-open-input.js';
import type { LadderTimer } from './deadline-ladder.js';
import type { Duration } from './deadlines.js';
import type { CitizenRequest, ProtocolReference } from './request.js';
import type { RecordRequestInput } from './request-input.js';
import type { Unit } from './units.js';

type ContactInput = RecordRequestInput['contact'];

/**
 * A complaint case (PQSSF) and the rules of its life: opened (directly or from a request classified under the
 * complaint category), worked through at most ten activities, resolved with a decision code and a reply to the
 * citizen, appealed once to the national level, rated. Pure: the store persists what these functions return.
 */
export * from './complaint-input.js';
// The bodies' types; their schemas are in modules of their own, which only the operations taking them load.
export type { ComplainantInput, ConcernsInput, OpenComplaintInput } from './complaint-open-input.js';
export type { ActivityInput } from './complaint-activity-input.js';
export type { ActivityProgressInput } from './complaint-progress-input.js';
export type { AppealInput, ResolutionInput, SatisfactionInput } from './complaint-decision-input.js';

/** The PQSSF rule: a case needs at most ten activities. */
export const MAX_ACTIVITIES = 10;

export type ComplaintStatus = 'open' | 'in-progress' | 'resolved';
export type ComplaintLevel = 'canton' | 'national';

export type Complainant =
  | { readonly identification: 'anonymous' }
  | Exclude<ComplainantInput, { identification: 'anonymous' | 'provisional' }>
  | (Extract<ComplainantInput, { identification: 'provisional' }> & { readonly provisionalId: string });

/** A reminder before a phase's deadline, or a step of its escalation ladder after it (domain/deadline-ladder.ts). */
export type ComplaintTimer = LadderTimer;

/** When the case must be acknowledged and resolved, and which protocol version said so. */
export interface ComplaintDeadlines {
  readonly startedAt: string;
  readonly acknowledgeBy: string;
  readonly resolveBy: string;
  /** The protocol version the deadlines come from; absent when none was in force (the defaults applied). */
  readonly protocol?: ProtocolReference;
  /** How long after a decision the citizen may appeal it: the protocol's period, or the default. */
  readonly appealPeriod?: Duration;
  /** Each phase's reminders and escalation steps, from that protocol (domain/complaint-clock.ts). */
  readonly timers?: {
    readonly acknowledge: readonly ComplaintTimer[];
    readonly resolve: readonly ComplaintTimer[];
  };
}

export interface Activity {
  readonly number: number;
  readonly description: string;
  /** The person it is assigned to; or else `unitId`, the unit whose members work it. */
  readonly assigneeId?: string;
  readonly unitId?: string;
  readonly dueDate: string;
  readonly after: readonly number[];
  readonly status: ActivityStatus;
  readonly result?: string;
  readonly cancelReason?: string;
  /** The level the case was at when the activity was added. */
  readonly level: ComplaintLevel;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export interface Reply {
  readonly text: string;
  readonly language: 'es' | 'en';
  readonly channel: ReplyChannel;
  /** sent: SMS or e-mail accepted for delivery; failed: it could not be sent; given: by phone or in person. */
  readonly delivery: 'pending' | 'sent' | 'failed' | 'given';
  readonly at: string;
  readonly by: string;
}

export interface Resolution {
  readonly decision: Decision;
  readonly level: ComplaintLevel;
  readonly reply: Reply;
  readonly at: string;
  readonly by: string;
  /** Until when the citizen may appeal (only a first-level decision can be appealed). */
  readonly appealBy?: string;
  /** Resolved by the deadline to resolve. */
  readonly onTime: boolean;
}

export interface Complaint {
  readonly complaintId: string;
  readonly cantonId: string;
  readonly reference: string;
  readonly type: ComplaintType;
  readonly concerns?: ConcernsInput;
  /** The provider the complaint is about, when known: it is counted on that provider. */
  readonly organizationId?: string;
  readonly channel: OpenComplaintInput['channel'];
  readonly complainant: Complainant;
  readonly contact?: ContactInput;
  readonly replyChannel: ReplyChannel;
  readonly language: 'es' | 'en';
  readonly description: string;
  readonly sensitive?: { readonly reason: SensitiveReason };
  readonly assigneeId?: string;
  /** The request the case was opened from, when it was. */
  readonly requestId?: string;
  readonly status: ComplaintStatus;
  readonly level: ComplaintLevel;
  readonly deadlines: ComplaintDeadlines;
  readonly acknowledgedAt?: string;
  /**
   * How many timers of each phase of the current level's clock have fired (the clock workflow counts them, once
   * each); absent on cases opened before the clock ran on Step Functions.
   */
  readonly timersFired?: { readonly acknowledge: number; readonly resolve: number };
  readonly activities: readonly Activity[];
  /** The decisions so far, first-level first: a case appealed and decided again has two. */
  readonly resolutions: readonly Resolution[];
  readonly appeal?: { readonly reason: string; readonly at: string; readonly by: string };
  readonly satisfaction?: {
    readonly rating: number;
    readonly comment?: string;
    readonly at: string;
    readonly by: string;
  };
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly version: number;
}

export type ComplaintAction =
  | 'opened'
  | 'activity-added'
  | 'activity-updated'
  | 'resolved'
  | 'reply-delivered'
  | 'appealed'
  | 'rated'
  // The clock's own: a reminder or an escalation step fired, or came due after the answer and told nobody.
  | 'reminder-sent'
  | 'escalated'
  | 'timer-skipped'
  // Attention without ID (docs/registry.md): the complainant moved to a national ID, and back.
  | 'complainant-merged'
  | 'complainant-unmerged';

export interface ComplaintEvent {
  readonly version: number;
  readonly at: string;
  readonly by: Actor;
  readonly action: ComplaintAction;
  /** Codes and numbers only: the complaint holds the words. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface ComplaintChange {
  readonly complaint: Complaint;
  readonly event: ComplaintEvent;
}

const actorOf = (caller: Pick<Caller, 'userId' | 'roles'>): Actor => ({
  userId: caller.userId,
  roles: caller.roles,
});

/** A problem tied to a field that the current state of the case refuses (409), with the field named. */
export function stateProblem(code: string, field: string, text: Localized): AppError {
  return new AppError(409, code, text, [{ field, problem: text }]);
}

/** The reply channel a case gets when the body names none: the contact's preference, else what the contact has. */
export function defaultReplyChannel(
  complainant: { identification: string },
  contact: ContactInput | undefined,
): ReplyChannel {
  if (complainant.identification === 'anonymous' || !contact) return 'in-person';
  switch (contact.preferredChannel) {
    case 'email':
      return 'email';
    case 'sms':
    case 'whatsapp':
      return 'sms';
    case 'phone':
      return 'phone';
    default:
      return contact.phone ? 'sms' : 'email';
  }
}

export interface OpenContext {
  readonly caller: Pick<Caller, 'userId' | 'roles' | 'cantonId'>;
  readonly complaintId: string;
  readonly reference: string;
  readonly now: string;
  readonly deadlines: ComplaintDeadlines;
  readonly provisionalId: () => string;
  readonly organizationId?: string;
}

/** Opens a case from its own route. A complaint about staff is sensitive unless the body says why otherwise. */
export function openComplaint(input: OpenComplaintInput, ctx: OpenContext): ComplaintChange {
  const complainant: Complainant =
    input.complainant.identification === 'provisional'
      ? { ...input.complainant, provisionalId: ctx.provisionalId() }
      : input.complainant;
  const sensitive =
    input.sensitive ??
    (input.concerns.kind === 'staff' ? { reason: 'staff-misconduct' as const } : undefined);
  return opened(
    {
      type: input.type,
      concerns: input.concerns,
      channel: input.channel,
      complainant,
      ...(input.contact ? { contact: input.contact } : {}),
      replyChannel: input.replyChannel ?? defaultReplyChannel(input.complainant, input.contact),
      language: input.language,
      description: input.description,
      ...(sensitive ? { sensitive } : {}),
      ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}),
    },
    ctx,
  );
}

/** Opens the case of a request just classified under the complaint category: the request's citizen and words. */
export function complaintFromRequest(
  request: CitizenRequest,
  type: ComplaintType,
  ctx: Omit<OpenContext, 'provisionalId' | 'organizationId'>,
): ComplaintChange {
  const contact = request.contact;
  return opened(
    {
      type,
      channel: request.channel,
      complainant: request.citizen,
      contact,
      replyChannel: defaultReplyChannel(request.citizen, contact),
      language: 'es',
      description: request.description,
      requestId: request.requestId,
      ...(request.assignedOfficer ? { assigneeId: request.assignedOfficer } : {}),
    },
    ctx,
  );
}

type Opening = Pick<
  Complaint,
  | 'type'
  | 'concerns'
  | 'channel'
  | 'complainant'
  | 'contact'
  | 'replyChannel'
  | 'language'
  | 'description'
  | 'sensitive'
  | 'assigneeId'
  | 'requestId'
>;

function opened(fields: Opening, ctx: Omit<OpenContext, 'provisionalId'>): ComplaintChange {
  const complaint: Complaint = {
    complaintId: ctx.complaintId,
    cantonId: ctx.caller.cantonId,
    reference: ctx.reference,
    ...fields,
    ...(ctx.organizationId ? { organizationId: ctx.organizationId } : {}),
    status: 'open',
    level: 'canton',
    deadlines: ctx.deadlines,
    timersFired: { acknowledge: 0, resolve: 0 },
    activities: [],
    resolutions: [],
    createdAt: ctx.now,
    createdBy: ctx.caller.userId,
    updatedAt: ctx.now,
    version: 1,
  };
  return {
    complaint,
    event: {
      version: 1,
      at: ctx.now,
      by: actorOf(ctx.caller),
      action: 'opened',
      details: {
        type: fields.type,
        channel: fields.channel,
        identification: fields.complainant.identification,
        ...(fields.concerns ? { concerns: fields.concerns.kind } : {}),
        ...(fields.sensitive ? { sensitive: fields.sensitive.reason } : {}),
        ...(fields.requestId ? { requestId: fields.requestId } : {}),
        ...(ctx.deadlines.protocol ? { protocol: ctx.deadlines.protocol } : {}),
      },
    },
  };
}

function next(
  complaint: Complaint,
  changes: Partial<Complaint>,
  action: ComplaintAction,
  details: Record<string, unknown>,
  caller: Pick<Caller, 'userId' | 'roles'>,
  now: string,
): ComplaintChange {
  const version = complaint.version + 1;
  return {
    complaint: { ...complaint, ...changes, updatedAt: now, version },
    event: { version, at: now, by: actorOf(caller), action, details },
  };
}

const resolvedAlready = (c: Complaint) =>
  conflict({
    es: `El caso ${c.reference} ya está resuelto`,
    en: `Case ${c.reference} is already resolved`,
  });

/** What adding an activity checks its assignee against: the staff and units of the level the case is at. */
export interface AssigneeDirectory {
  readonly isStaff: (id: string) => boolean;
  /** Absent: the level has no units. */
  readonly findUnit?: (id: string) => Unit | undefined;
  /** The units of the case's canton that the case is about (domain/complaint-access.ts `concernedUnits`). */
  readonly concerned?: readonly Unit[];
}

const invalidAssignee = (field: 'assigneeId' | 'unitId', es: string, en: string) =>
  new AppError(400, 'invalid_input', { es: `Dato no válido: ${field}`, en: `Invalid input: ${field}` }, [
    { field, problem: { es, en } },
  ]);

/**
 * Adds an activity. The eleventh is refused (PQSSF); the assignee — a person or a unit — must be staff or a unit
 * of the level the case is at, which the caller looked up in that level's definition. A sensitive case is never
 * given to a unit it is about, nor to one of its members. The first activity acknowledges the case.
 */
export function addActivity(
  complaint: Complaint,
  input: ActivityInput,
  ctx: { caller: Pick<Caller, 'userId' | 'roles'>; now: string } & AssigneeDirectory,
): ComplaintChange {
  if (complaint.status === 'resolved') throw resolvedAlready(complaint);
  if (complaint.activities.length >= MAX_ACTIVITIES) {
    throw stateProblem('activity_limit', 'activities', {
      es: `Un caso admite como máximo ${MAX_ACTIVITIES} actividades, y el caso ${complaint.reference} ya las tiene`,
      en: `A case takes at most ${MAX_ACTIVITIES} activities, and case ${complaint.reference} has them all`,
    });
  }
  const national = complaint.level === 'national';
  const levelEs = national ? 'del nivel nacional' : 'del cantón';
  const levelEn = national ? 'the national level' : 'the canton';
  if (input.assigneeId !== undefined && !ctx.isStaff(input.assigneeId)) {
    throw invalidAssignee(
      'assigneeId',
      `"${input.assigneeId}" no es personal ${levelEs}`,
      `"${input.assigneeId}" is not staff of ${levelEn}`,
    );
  }
  if (input.unitId !== undefined && !ctx.findUnit?.(input.unitId)) {
    throw invalidAssignee(
      'unitId',
      `"${input.unitId}" no es una unidad ${levelEs}`,
      `"${input.unitId}" is not a unit of ${levelEn}`,
    );
  }
  if (complaint.sensitive && !national) {
    const about = (ctx.concerned ?? []).find(
      (u) =>
        u.id === input.unitId || (input.assigneeId !== undefined && u.members.includes(input.assigneeId)),
    );
    if (about) {
      const field = input.unitId !== undefined ? 'unitId' : 'assigneeId';
      throw invalidAssignee(
        field,
        `el caso es sobre la unidad "${about.id}": no se asigna a ella ni a sus miembros`,
        `the case is about unit "${about.id}": it is not assigned to it nor to its members`,
      );
    }
  }
  const number = complaint.activities.length + 1;
  const after = [...new Set(input.after ?? [])].sort((a, b) => a - b);
  const unknown = after.find((n) => n >= number);
  if (unknown !== undefined) {
    throw new AppError(400, 'invalid_input', { es: 'Dato no válido: after', en: 'Invalid input: after' }, [
      {
        field: 'after',
        problem: {
          es: `la actividad ${unknown} no existe antes de esta (la nueva es la ${number})`,
          en: `activity ${unknown} does not come before this one (the new one is number ${number})`,
        },
      },
    ]);
  }
  const activity: Activity = {
    number,
    description: input.description,
    ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : { unitId: input.unitId }),
    dueDate: input.dueDate,
    after,
    status: 'pending',
    level: complaint.level,
    createdAt: ctx.now,
    createdBy: ctx.caller.userId,
    updatedAt: ctx.now,
  };
  return next(
    complaint,
    {
      activities: [...complaint.activities, activity],
      status: 'in-progress',
      ...(complaint.acknowledgedAt ? {} : { acknowledgedAt: ctx.now }),
    },
    'activity-added',
    {
      number,
      ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : { unitId: input.unitId }),
      dueDate: input.dueDate,
      ...(after.length ? { after } : {}),
    },
    ctx.caller,
    ctx.now,
  );
}

const OPEN_ACTIVITY: readonly ActivityStatus[] = ['pending', 'in-progress'];

/** Moves an activity on. Done and cancelled are final; one that waits for others starts only after them. */
export function progressActivity(
  complaint: Complaint,
  number: number,
  input: ActivityProgressInput,
  ctx: { caller: Pick<Caller, 'userId' | 'roles'>; now: string },
): ComplaintChange | undefined {
  if (complaint.status === 'resolved') throw resolvedAlready(complaint);
  const activity = complaint.activities.find((a) => a.number === number);
  if (!activity) {
    throw new AppError(404, 'not_found', {
      es: `El caso ${complaint.reference} no tiene la actividad ${number}`,
      en: `Case ${complaint.reference} has no activity ${number}`,
    });
  }
  if (activity.status === input.status) return undefined;
  if (!OPEN_ACTIVITY.includes(activity.status)) {
    throw stateProblem('conflict', 'status', {
      es: `La actividad ${number} ya está cerrada (${activity.status})`,
      en: `Activity ${number} is already closed (${activity.status})`,
    });
  }
  if (input.status !== 'cancelled') {
    const waiting = activity.after.filter(
      (n) => complaint.activities.find((a) => a.number === n)?.status !== 'done',
    );
    const blocking = waiting.filter(
      (n) => complaint.activities.find((a) => a.number === n)?.status !== 'cancelled',
    );
    if (blocking.length > 0) {
      throw stateProblem('conflict', 'status', {
        es: `La actividad ${number} espera a las actividades ${blocking.join(', ')}`,
        en: `Activity ${number} waits for activities ${blocking.join(', ')}`,
      });
    }
  }
  const updated: Activity = {
    ...activity,
    status: input.status,
    ...(input.status === 'done' && input.result ? { result: input.result } : {}),
    ...(input.status === 'cancelled' && input.reason ? { cancelReason: input.reason } : {}),
    updatedAt: ctx.now,
  };
  return next(
    complaint,
    { activities: complaint.activities.map((a) => (a.number === number ? updated : a)) },
    'activity-updated',
    { number, from: activity.status, to: input.status },
    ctx.caller,
    ctx.now,
  );
}

/**
 * Resolves the case with a decision code and the reply to the citizen; the activities must be done or cancelled
 * first. A reply given by phone or in person is recorded as given; otherwise it waits for its delivery.
 */
export function resolveComplaint(
  complaint: Complaint,
  input: ResolutionInput,
  ctx: { caller: Pick<Caller, 'userId' | 'roles'>; now: string; appealBy?: string },
): ComplaintChange {
  if (complaint.status === 'resolved') throw resolvedAlready(complaint);
  const open = complaint.activities.filter((a) => OPEN_ACTIVITY.includes(a.status)).map((a) => a.number);
  if (open.length > 0) {
    throw stateProblem('conflict', 'activities', {
      es: `Termine o cancele antes las actividades ${open.join(', ')}`,
      en: `Finish or cancel activities ${open.join(', ')} first`,
    });
  }
  const channel: ReplyChannel = input.reply.givenBy ?? complaint.replyChannel;
  const given = channel === 'phone' || channel === 'in-person';
  const resolution: Resolution = {
    decision: input.decision,
    level: complaint.level,
    reply: {
      text: input.reply.text,
      language: complaint.language,
      channel,
      delivery: given ? 'given' : 'pending',
      at: ctx.now,
      by: ctx.caller.userId,
    },
    at: ctx.now,
    by: ctx.caller.userId,
    ...(complaint.level === 'canton' && ctx.appealBy ? { appealBy: ctx.appealBy } : {}),
    onTime: Date.parse(ctx.now) <= Date.parse(complaint.deadlines.resolveBy),
  };
  return next(
    complaint,
    {
      status: 'resolved',
      resolutions: [...complaint.resolutions, resolution],
      ...(complaint.acknowledgedAt ? {} : { acknowledgedAt: ctx.now }),
    },
    'resolved',
    { decision: input.decision, level: complaint.level, channel, onTime: resolution.onTime },
    ctx.caller,
    ctx.now,
  );
}

/** The outcome of sending the reply, recorded on the latest resolution. */
export function replyDelivered(
  complaint: Complaint,
  delivery: 'sent' | 'failed',
  ctx: { caller: Pick<Caller, 'userId' | 'roles'>; now: string },
): ComplaintChange {
  const latest = complaint.resolutions.at(-1);
  if (!latest) throw new Error('replyDelivered: the case has no resolution');
  const resolutions = [
    ...complaint.resolutions.slice(0, -1),
    { ...latest, reply: { ...latest.reply, delivery } },
  ];
  return next(
    complaint,
    { resolutions },
    'reply-delivered',
    { channel: latest.reply.channel, delivery },
    ctx.caller,
    ctx.now,
  );
}

/**
 * The citizen appeals a first-level decision within its period: the case reopens at the national level with new
 * deadlines and its whole history. A second appeal, or one after the period, is refused naming the period.
 */
export function appealComplaint(
  complaint: Complaint,
  input: AppealInput,
  ctx: { caller: Pick<Caller, 'userId' | 'roles'>; now: string; deadlines: ComplaintDeadlines },
): ComplaintChange {
  if (complaint.appeal) {
    throw stateProblem('appeal_not_allowed', 'appeal', {
      es: `El caso ${complaint.reference} ya fue apelado el ${complaint.appeal.at.slice(0, 10)}; solo se apela una vez`,
      en: `Case ${complaint.reference} was already appealed on ${complaint.appeal.at.slice(0, 10)}; a case is appealed once`,
    });
  }
  const latest = complaint.resolutions.at(-1);
  if (complaint.status !== 'resolved' || !latest) {
    throw stateProblem('appeal_not_allowed', 'appeal', {
      es: `El caso ${complaint.reference} aún no tiene una decisión que apelar`,
      en: `Case ${complaint.reference} has no decision to appeal yet`,
    });
  }
  if (!latest.appealBy || Date.parse(ctx.now) > Date.parse(latest.appealBy)) {
    throw stateProblem('appeal_not_allowed', 'appeal', {
      es: `El plazo para apelar venció el ${latest.appealBy ?? latest.at}`,
      en: `The period to appeal ended at ${latest.appealBy ?? latest.at}`,
    });
  }
  const { acknowledgedAt: _acknowledged, ...rest } = complaint;
  return next(
    rest as Complaint,
    {
      status: 'open',
      level: 'national',
      deadlines: ctx.deadlines,
      // The national level's clock starts afresh.
      timersFired: { acknowledge: 0, resolve: 0 },
      appeal: { reason: input.reason, at: ctx.now, by: ctx.caller.userId },
    },
    'appealed',
    {
      from: 'canton',
      to: 'national',
      ...(ctx.deadlines.protocol ? { protocol: ctx.deadlines.protocol } : {}),
    },
    ctx.caller,
    ctx.now,
  );
}

/** Records the citizen's satisfaction with the reply: once per decision. */
export function rateComplaint(
  complaint: Complaint,
  input: SatisfactionInput,
  ctx: { caller: Pick<Caller, 'userId' | 'roles'>; now: string },
): ComplaintChange {
  if (complaint.status !== 'resolved') {
    throw stateProblem('conflict', 'rating', {
      es: `El caso ${complaint.reference} aún no tiene respuesta que valorar`,
      en: `Case ${complaint.reference} has no reply to rate yet`,
    });
  }
  if (complaint.satisfaction) {
    throw stateProblem('conflict', 'rating', {
      es: `La respuesta del caso ${complaint.reference} ya fue valorada`,
      en: `The reply of case ${complaint.reference} was already rated`,
    });
  }
  return next(
    complaint,
    {
      satisfaction: {
        rating: input.rating,
        ...(input.comment ? { comment: input.comment } : {}),
        at: ctx.now,
        by: ctx.caller.userId,
      },
    },
    'rated',
    { rating: input.rating },
    ctx.caller,
    ctx.now,
  );
}
