import { AppError, conflict, type FieldProblem, invalidInput } from '#kernel/errors.js';
import type { Organization, Service } from './catalogue.js';
import { localDate, type WorkingCalendar } from './deadlines.js';
import type { Localized } from '#kernel/messages.js';
import { COUNTER_REFERRAL_FIELDS, parseBilingual } from './bilingual-parse.js';
import type { CustomField } from './protocol.js';
import {
  REASON_CODES,
  ReasonSchema,
  DeliveredBenefitSchema,
  isTerminal,
  MAX_TEXT,
  type ReferralStatus,
  type Reason,
  type ContactOfficerSnapshot,
  type SpotState,
  type CustomValue,
  type CounterReferral,
  type Referral,
  type ReferralEvent,
  type Phase,
  type Timer,
} from './referral-record.js';
import { timerToFire } from './deadline-ladder.js';
import { phaseSchedule } from './referral-schedule.js';
import { type Actor, referenceOf } from './request.js';
import { type Relation, relationsOf } from './referral-relations.js';
import {
  allowedTransitions,
  TRANSITIONS,
  type TransitionName,
  type TransitionRule,
} from './referral-transitions.js';
import type { Language } from './taxonomy.js';

// The record the lifecycle is about is its own module, as are how a user stands to it and the table of its moves;
// callers find them here too.
export * from './referral-record.js';
export { type Relation, relationsOf };
export { allowedTransitions, TRANSITIONS, type TransitionName };

/**
 * A referral from the single window to a provider's contact officer, and the rules of its life (DOMAIN.md,
 * "Referral lifecycle"): statuses are HL7 FHIR `Task.status`; every change is a row of TRANSITIONS, made by one
 * function that checks who may act, from which status, with which reason, and says what else must happen — the
 * service's spot to consume or release, and the answer the referral's workflow is waiting for. Pure: the store
 * persists the referral and the event in one conditional write (on `version`), then answers the task token.
 */

const actorOf = (actor: Actor): Actor => ({ userId: actor.userId, roles: actor.roles });

// ---- Creating ----

export interface CreateReferralInput {
  readonly cantonId: string;
  readonly requestId: string;
  readonly requestCantonId?: string;
  readonly service: Referral['service'];
  readonly contactOfficers: readonly ContactOfficerSnapshot[];
  /** The caller took a spot (`reserved`) or put the citizen on the service's waitlist (`waitlisted`). */
  readonly spot: 'reserved' | 'waitlisted';
  readonly eligibilityOverride?: { readonly reason: string };
  /** The facts the eligibility rules were checked on, kept for a re-route. */
  readonly citizenProfile?: Referral['citizenProfile'];
  /** The chain of earlier referrals this one re-routes (domain/reroute.ts). */
  readonly reroutedFrom?: Referral['reroutedFrom'];
  /**
   * Who follows the referral up: the actor, unless a re-route (made by a coordinator, or by the protocol on its
   * own) continues another officer's referral.
   */
  readonly referringOfficer?: string;
  readonly protocol: Referral['protocol'];
  readonly calendar: WorkingCalendar;
  /**
   * What follows its moves (Referral.follows): `{}` when omitted; `unknown` for a re-route of a referral made
   * before it was kept, which then keeps none either (its moves look the plan-item links up).
   */
  readonly follows?: Referral['follows'] | 'unknown';
}

/** The service's contact officers, in the service's order, as a referral keeps them. */
export function snapshotContactOfficers(
  service: Pick<Service, 'contactOfficerIds'>,
  organization: Pick<Organization, 'contactOfficers'>,
): ContactOfficerSnapshot[] {
  return service.contactOfficerIds.flatMap((id) => {
    const o = organization.contactOfficers.find((officer) => officer.id === id);
    if (!o) return [];
    return [
      {
        id: o.id,
        userId: o.userId,
        preferredChannel: o.preferredChannel,
        language: o.language,
        ...(o.supervisorId ? { supervisorId: o.supervisorId } : {}),
      },
    ];
  });
}

/** A new referral, requested, its acknowledgement clock started now. The referring officer is the actor. */
export function createReferral(
  input: CreateReferralInput,
  ctx: { actor: Actor; referralId: string; now: string },
): { referral: Referral; event: ReferralEvent } {
  const { actor, referralId, now } = ctx;
  if (input.contactOfficers.length === 0) {
    throw conflict({
      es: `El servicio ${input.service.name} no tiene funcionario de enlace que reciba la derivación`,
      en: `Service ${input.service.name} has no contact officer to receive the referral`,
    });
  }
  const acknowledgement = phaseSchedule(
    'acknowledgement',
    new Date(now),
    input.protocol.definition,
    input.calendar,
  );
  const referral: Referral = {
    referralId,
    cantonId: input.cantonId,
    reference: referenceOf(referralId),
    requestId: input.requestId,
    ...(input.requestCantonId && input.requestCantonId !== input.cantonId
      ? { requestCantonId: input.requestCantonId }
      : {}),
    service: input.service,
    contactOfficers: input.contactOfficers,
    referringOfficer: input.referringOfficer ?? actor.userId,
    status: 'requested',
    spot: input.spot,
    ...(input.eligibilityOverride ? { eligibilityOverride: input.eligibilityOverride } : {}),
    ...(input.citizenProfile ? { citizenProfile: input.citizenProfile } : {}),
    ...(input.reroutedFrom?.length ? { reroutedFrom: input.reroutedFrom } : {}),
    ...(input.follows === 'unknown' ? {} : { follows: input.follows ?? {} }),
    protocol: input.protocol,
    calendar: input.calendar,
    deadlines: { acknowledgement: acknowledgement.deadline },
    schedule: { acknowledgement: acknowledgement.timers },
    timersFired: { acknowledgement: 0, counterReferral: 0 },
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return {
    referral,
    event: {
      version: 1,
      at: now,
      by: actorOf(actor),
      action: 'created',
      to: 'requested',
      details: {
        requestId: input.requestId,
        service: { cantonId: input.service.cantonId, serviceId: input.service.serviceId },
        protocol: { cantonId: input.protocol.cantonId, version: input.protocol.version },
        spot: input.spot,
        deadline: acknowledgement.deadline,
        ...(input.eligibilityOverride ? { eligibilityOverride: true } : {}),
        ...(input.reroutedFrom?.length
          ? { reroutedFrom: input.reroutedFrom.map((link) => link.referralId) }
          : {}),
      },
    },
  };
}

// ---- Transitions ----

/** Statuses whose reason the referral shows; any other status clears it. */
const STATUSES_WITH_REASON: readonly ReferralStatus[] = [
  'rejected',
  'on-hold',
  'failed',
  'cancelled',
  'entered-in-error',
];

export type SpotEffect = 'consume' | 'release' | undefined;
/**
 * What the workflow's wait is answered with: `closed` is an end without the citizen served (rejected, cancelled,
 * failed), which the referring officer is told of; `entered-in-error` ends it silently — the referral should never
 * have existed, and its request is back in the officer's queue already.
 */
export type WorkflowOutcome = 'acknowledged' | 'completed' | 'closed' | 'entered-in-error';
export interface WorkflowAnswer {
  readonly phase: Phase;
  readonly outcome: WorkflowOutcome;
}

export interface TransitionInput {
  readonly reason?: Reason | undefined;
  /** Only with `complete`: the raw counter-referral, validated here against the referral's protocol. */
  readonly counterReferral?: unknown;
  readonly note?: string | undefined;
}

export interface TransitionContext {
  readonly actor: Actor;
  readonly relation: Relation | readonly Relation[];
  readonly now: string;
}

export interface TransitionResult {
  readonly referral: Referral;
  readonly event: ReferralEvent;
  /** What the store must do to the service's spots in the same transaction. */
  readonly spot: SpotEffect;
  /** What the callback must answer the waiting task token with; undefined when the workflow waits on. */
  readonly workflow: WorkflowAnswer | undefined;
}

const RELATION_LABELS: Readonly<Record<Relation, Localized>> = {
  'contact-officer': {
    es: 'un funcionario de enlace del proveedor',
    en: 'a contact officer of the provider',
  },
  'referring-officer': { es: 'el funcionario que hizo la derivación', en: 'the referring officer' },
  coordinator: { es: 'la coordinación', en: 'a coordinator' },
};

function forbiddenTransition(rule: TransitionRule): AppError {
  const who = (language: Language, or: string) =>
    rule.who.map((r) => RELATION_LABELS[r][language]).join(` ${or} `);
  return new AppError(403, 'forbidden', {
    es: `Solo ${who('es', 'o')} puede ${rule.verb.es} esta derivación`,
    en: `Only ${who('en', 'or')} can ${rule.verb.en} this referral`,
  });
}

/**
 * DOMAIN.md: a spot is reserved when requested, consumed when accepted, released when rejected, cancelled or
 * expired (cancelled with deadline-expired). Entered-in-error gives back whatever the mistake held. A failure
 * does not give a consumed spot back: the provider took the citizen in and spent the place. A waitlisted
 * referral holds no spot, so leaving the waitlist releases nothing; accepting it consumes one the store must take
 * now (available − 1) rather than convert from a reservation.
 */
function spotAfter(spot: SpotState, to: ReferralStatus): { spot: SpotState; effect: SpotEffect } {
  if (to === 'accepted' && (spot === 'reserved' || spot === 'waitlisted')) {
    return { spot: 'consumed', effect: 'consume' };
  }
  const releases =
    to === 'rejected' || to === 'cancelled' || to === 'entered-in-error'
      ? spot === 'reserved' || spot === 'consumed'
      : false;
  return releases ? { spot: 'released', effect: 'release' } : { spot, effect: undefined };
}

/**
 * Which of the workflow's phases is waiting: acknowledgement until the referral is acknowledged (acknowledge or
 * accept), then the counter-referral; nothing once the referral has closed.
 */
function waitingPhase(referral: Referral): Phase | undefined {
  if (isTerminal(referral.status)) return undefined;
  return referral.acknowledgedAt === undefined ? 'acknowledgement' : 'counterReferral';
}

/**
 * The answer a phase has already received, judging by the referral: lets a step that finds its phase answered
 * (a callback that lost the race with a timeout) answer its own token instead of waiting for nothing.
 */
export function phaseOutcome(referral: Referral, phase: Phase): WorkflowOutcome | undefined {
  if (phase === 'acknowledgement' && referral.acknowledgedAt !== undefined) return 'acknowledged';
  if (phase === 'counterReferral' && referral.status === 'completed') return 'completed';
  return isTerminal(referral.status) ? endOutcome(referral.status) : undefined;
}

function endOutcome(status: ReferralStatus): WorkflowOutcome {
  if (status === 'completed') return 'completed';
  return status === 'entered-in-error' ? 'entered-in-error' : 'closed';
}

function checkReason(rule: TransitionRule, reason: unknown): FieldProblem[] {
  if (reason === undefined || reason === null) {
    return rule.reason === 'required'
      ? [
          {
            field: 'reason',
            problem: {
              es: `es obligatorio para ${rule.verb.es} una derivación (códigos: ${REASON_CODES.join(', ')})`,
              en: `is required to ${rule.verb.en} a referral (codes: ${REASON_CODES.join(', ')})`,
            },
          },
        ]
      : [];
  }
  const parsed = parseBilingual(ReasonSchema, reason);
  return parsed.ok ? [] : parsed.problems.map((p) => ({ field: `reason.${p.field}`, problem: p.problem }));
}

/**
 * Makes one transition of TRANSITIONS. Checks, in this order: the actor's relation (403), the current status
 * (409 naming it: a second answer to the same question lands here, with no side effect), the input (400 with every
 * problem). The first acknowledgement (by acknowledge or accept) answers the acknowledgement phase and starts the
 * counter-referral clock; a terminal status answers whichever phase is waiting.
 */
export function transitionReferral(
  referral: Referral,
  name: TransitionName,
  input: TransitionInput,
  ctx: TransitionContext,
): TransitionResult {
  const rule = TRANSITIONS[name];
  const relations: readonly Relation[] = typeof ctx.relation === 'string' ? [ctx.relation] : ctx.relation;
  if (!rule.who.some((r) => relations.includes(r))) throw forbiddenTransition(rule);

  const { status, reference } = referral;
  if (!rule.from.includes(status)) {
    throw conflict({
      es: `No se puede ${rule.verb.es} la derivación ${reference} (estado actual: ${status})`,
      en: `Cannot ${rule.verb.en} referral ${reference} (current status: ${status})`,
    });
  }
  if (name === 'acknowledge' && referral.acknowledgedAt !== undefined) {
    throw conflict({
      es: `La derivación ${reference} ya tiene acuse de recibo desde ${referral.acknowledgedAt} (estado actual: ${status})`,
      en: `Referral ${reference} was already acknowledged at ${referral.acknowledgedAt} (current status: ${status})`,
    });
  }

  const problems = checkReason(rule, input.reason);
  let counterReferral: CounterReferral | undefined;
  if (name === 'complete') {
    const checked = checkCounterReferral(input.counterReferral, referral, ctx);
    problems.push(...checked.problems);
    counterReferral = checked.value;
  } else if (input.counterReferral !== undefined) {
    problems.push({
      field: 'counterReferral',
      problem: {
        es: 'solo se envía al completar la derivación',
        en: 'is only sent when completing the referral',
      },
    });
  }
  if (problems.length > 0) throw invalidInput(problems);
  const reason = input.reason == null ? undefined : ReasonSchema.parse(input.reason);

  const { now } = ctx;
  const phase = waitingPhase(referral);
  const firstAcknowledgement =
    (name === 'acknowledge' || name === 'accept') && referral.acknowledgedAt === undefined;
  const counterSchedule = firstAcknowledgement
    ? phaseSchedule('counterReferral', new Date(now), referral.protocol.definition, referral.calendar)
    : undefined;
  const spot = spotAfter(referral.spot, rule.to);
  const terminal = isTerminal(rule.to);

  let workflow: WorkflowAnswer | undefined;
  if (firstAcknowledgement) workflow = { phase: 'acknowledgement', outcome: 'acknowledged' };
  else if (terminal && phase) workflow = { phase, outcome: endOutcome(rule.to) };

  // The reason belongs to the status: a new status drops the old one (the events keep them all).
  const { reason: _previousReason, ...rest } = referral;
  const version = referral.version + 1;
  const next: Referral = {
    ...rest,
    status: rule.to,
    spot: spot.spot,
    ...(STATUSES_WITH_REASON.includes(rule.to) && reason ? { reason } : {}),
    ...(firstAcknowledgement ? { acknowledgedAt: now } : {}),
    ...(counterSchedule
      ? {
          deadlines: { ...referral.deadlines, counterReferral: counterSchedule.deadline },
          schedule: { ...referral.schedule, counterReferral: counterSchedule.timers },
        }
      : {}),
    ...(counterReferral ? { counterReferral } : {}),
    ...(terminal && referral.closedAt === undefined ? { closedAt: now } : {}),
    updatedAt: now,
    version,
  };
  const event: ReferralEvent = {
    version,
    at: now,
    by: actorOf(ctx.actor),
    action: rule.action,
    ...(rule.to !== status ? { from: status, to: rule.to } : {}),
    ...(reason ? { reason } : {}),
    details: {
      ...(firstAcknowledgement && name === 'accept' ? { acknowledged: true } : {}),
      ...(counterSchedule ? { counterReferralDeadline: counterSchedule.deadline } : {}),
      ...(spot.effect ? { spot: { from: referral.spot, to: spot.spot } } : {}),
      ...(counterReferral
        ? { assisted: counterReferral.assisted, customFields: Object.keys(counterReferral.customFields) }
        : {}),
      ...(input.note ? { note: input.note } : {}),
    },
  };
  return { referral: next, event, spot: spot.effect, workflow };
}

// ---- Counter-referral ----

const isDate = (value: unknown): value is string =>
  typeof value === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_TEXT;

const TYPE_WORDS: Readonly<Record<CustomField['type'] | 'text', Localized>> = {
  text: { es: `un texto de 1 a ${MAX_TEXT} caracteres`, en: `a text of 1 to ${MAX_TEXT} characters` },
  number: { es: 'un número', en: 'a number' },
  boolean: { es: 'verdadero o falso', en: 'true or false' },
  date: { es: 'una fecha AAAA-MM-DD', en: 'a date YYYY-MM-DD' },
};

function hasType(type: CustomField['type'], value: unknown): boolean {
  switch (type) {
    case 'text':
      return isText(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return isDate(value);
  }
}

/**
 * Checks a counter-referral against the referral's own protocol version: `assisted` and `outcome` always, the
 * protocol's required standard fields, its custom fields (required ones present, each of its declared type), and
 * nothing else. Custom fields sit beside the standard ones in the input (the protocol forbids clashing names),
 * so every problem reads `counterReferral.<name>`; the record keeps them apart under `customFields`.
 */
function checkCounterReferral(
  raw: unknown,
  referral: Referral,
  ctx: TransitionContext,
): { problems: FieldProblem[]; value?: CounterReferral } {
  const problems: FieldProblem[] = [];
  const add = (name: string, es: string, en: string) =>
    problems.push({ field: name ? `counterReferral.${name}` : 'counterReferral', problem: { es, en } });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    add('', 'es obligatoria para completar la derivación', 'is required to complete the referral');
    return { problems };
  }
  const input = raw as Record<string, unknown>;
  const rules = referral.protocol.definition.counterReferral;
  const custom = rules.customFields ?? [];
  const required = new Set<string>(['assisted', 'outcome', ...rules.requiredFields]);
  const present = (name: string) => input[name] !== undefined && input[name] !== null;

  for (const name of COUNTER_REFERRAL_FIELDS) {
    if (!present(name)) {
      if (required.has(name)) add(name, 'es obligatorio según el protocolo', 'is required by the protocol');
      continue;
    }
    const value = input[name];
    if (name === 'assisted' && typeof value !== 'boolean') {
      add(name, 'debe ser verdadero o falso', 'must be true or false');
    } else if ((name === 'outcome' || name === 'note') && !isText(value)) {
      add(name, `debe ser ${TYPE_WORDS.text.es}`, `must be ${TYPE_WORDS.text.en}`);
    } else if (name === 'reason') {
      const parsed = parseBilingual(ReasonSchema, value);
      if (!parsed.ok) {
        for (const p of parsed.problems) {
          problems.push({ field: `counterReferral.reason.${p.field}`, problem: p.problem });
        }
      }
    } else if (name === 'benefit') {
      const parsed = parseBilingual(DeliveredBenefitSchema, value);
      if (!parsed.ok) {
        for (const p of parsed.problems) {
          const inside = p.field === '(protocol)' ? '' : `.${p.field}`;
          problems.push({ field: `counterReferral.benefit${inside}`, problem: p.problem });
        }
      }
    } else if (name === 'dateServed') {
      if (!isDate(value)) {
        add(name, `debe ser ${TYPE_WORDS.date.es}`, `must be ${TYPE_WORDS.date.en}`);
      } else {
        // In the canton's own calendar: "today" in Galápagos is not today in UTC at 20:00.
        const tz = referral.calendar.timeZone;
        const today = localDate(new Date(ctx.now), tz);
        const referred = localDate(new Date(referral.createdAt), tz);
        if (value > today)
          add(name, `no puede ser futura (hoy es ${today})`, `cannot be in the future (today is ${today})`);
        else if (value < referred) {
          add(
            name,
            `no puede ser anterior a la derivación (${referred})`,
            `cannot be before the referral was made (${referred})`,
          );
        }
      }
    }
  }

  const customValues: Record<string, CustomValue> = {};
  for (const field of custom) {
    if (!present(field.name)) {
      if (field.required) {
        add(
          field.name,
          `es obligatorio según el protocolo (${field.label.es})`,
          `is required by the protocol (${field.label.en})`,
        );
      }
      continue;
    }
    const value = input[field.name];
    if (!hasType(field.type, value)) {
      const t = TYPE_WORDS[field.type];
      add(field.name, `debe ser ${t.es}`, `must be ${t.en}`);
    } else {
      customValues[field.name] = typeof value === 'string' ? value.trim() : (value as CustomValue);
    }
  }

  const known = new Set<string>([...COUNTER_REFERRAL_FIELDS, ...custom.map((f) => f.name)]);
  for (const name of Object.keys(input)) {
    if (!known.has(name)) {
      add(
        name,
        'no es un campo de la contrarreferencia de este protocolo',
        'is not a counter-referral field of this protocol',
      );
    }
  }
  if (problems.length > 0) return { problems };

  const reason = present('reason') ? ReasonSchema.parse(input.reason) : undefined;
  return {
    problems,
    value: {
      assisted: input.assisted as boolean,
      outcome: (input.outcome as string).trim(),
      ...(reason ? { reason } : {}),
      ...(present('dateServed') ? { dateServed: input.dateServed as string } : {}),
      ...(present('note') ? { note: (input.note as string).trim() } : {}),
      ...(present('benefit') ? { benefit: DeliveredBenefitSchema.parse(input.benefit) } : {}),
      customFields: customValues,
      recordedAt: ctx.now,
      recordedBy: ctx.actor.userId,
    },
  };
}

// ---- Timers ----

/** Who stamps the events of timers: the workflow, not a person. */
export const WORKFLOW_ACTOR: Actor = { userId: 'swcs-workflow', roles: [] };

/**
 * Records that a phase's timer fired: counts it, and says whether to notify (see escalationRecipients). Returns
 * undefined when there is nothing to record: a re-planning wait (timerIndex null) or a timer already counted (a
 * retried step), so a retry never notifies twice. A timer of a phase already answered is counted without notice,
 * so the workflow's next plan moves past it instead of firing it again.
 */
export function fireTimer(
  referral: Referral,
  phase: Phase,
  timerIndex: number | null,
  now: string,
): { referral: Referral; event: ReferralEvent; timer: Timer; notify: boolean } | undefined {
  const timer = timerToFire(referral.schedule[phase] ?? [], referral.timersFired[phase], timerIndex);
  if (!timer || timerIndex === null) return undefined;
  const notify = phaseOutcome(referral, phase) === undefined;
  const national = notify && timer.notify?.role === 'national-coordinator';
  const version = referral.version + 1;
  return {
    timer,
    notify,
    referral: {
      ...referral,
      timersFired: { ...referral.timersFired, [phase]: timerIndex + 1 },
      ...(national ? { escalatedToNational: true } : {}),
      updatedAt: now,
      version,
    },
    event: {
      version,
      at: now,
      by: WORKFLOW_ACTOR,
      action: !notify ? 'timer-skipped' : timer.kind === 'reminder' ? 'reminder-sent' : 'escalated',
      details: {
        phase,
        timerIndex,
        kind: timer.kind,
        scheduledAt: timer.at,
        ...(timer.step !== undefined ? { step: timer.step } : {}),
        ...(timer.notify ? { notify: timer.notify } : {}),
      },
    },
  };
}
