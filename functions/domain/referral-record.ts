import * as z from 'zod/mini';
import type { Localized } from '#kernel/messages.js';
import type { Actor } from '#model/caller.js';
import type { CitizenProfile } from './citizen-attributes.js';
import type { WorkingCalendar } from './deadlines.js';
import type { DeadlineName, EscalationTarget, ProtocolDefinition } from './protocol.js';
import type { Language } from './taxonomy.js';

/**
 * What a referral is, as the store keeps it: its statuses and reasons, the referral and its events, and the timers
 * of its phases. Both its lifecycle (referral.ts) and its schedule (referral-schedule.ts) are about this record; it
 * sits apart so that neither has to import the other to name it.
 */

// ---- Vocabulary ----

export const REFERRAL_STATUSES = [
  'draft',
  'requested',
  'accepted',
  'rejected',
  'in-progress',
  'on-hold',
  'completed',
  'failed',
  'cancelled',
  'entered-in-error',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const TERMINAL_STATUSES: readonly ReferralStatus[] = [
  'rejected',
  'completed',
  'failed',
  'cancelled',
  'entered-in-error',
];

export function isTerminal(status: ReferralStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export const REASON_CODES = [
  'not-eligible',
  'no-capacity',
  'outside-service-area',
  'missing-documents',
  'citizen-unreachable',
  'citizen-declined',
  'duplicate',
  'service-suspended',
  'deadline-expired',
  'safety-risk',
  'other',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const REASON_LABELS: Readonly<Record<ReasonCode, Localized>> = {
  'not-eligible': { es: 'No cumple los criterios de elegibilidad', en: 'Not eligible' },
  'no-capacity': { es: 'Sin cupos disponibles', en: 'No capacity' },
  'outside-service-area': { es: 'Fuera del área de cobertura', en: 'Outside the service area' },
  'missing-documents': { es: 'Faltan documentos', en: 'Missing documents' },
  'citizen-unreachable': { es: 'No se pudo contactar al ciudadano', en: 'Citizen unreachable' },
  'citizen-declined': { es: 'El ciudadano no aceptó el servicio', en: 'Citizen declined' },
  duplicate: { es: 'Derivación duplicada', en: 'Duplicate referral' },
  'service-suspended': { es: 'Servicio suspendido', en: 'Service suspended' },
  'deadline-expired': { es: 'Plazo vencido', en: 'Deadline expired' },
  'safety-risk': { es: 'Riesgo para la seguridad', en: 'Safety risk' },
  other: { es: 'Otro motivo', en: 'Other' },
};

/** The longest free text a referral keeps (a reason, a counter-referral note). */
export const MAX_TEXT = 2000;
const MAX_REASON_TEXT = 500;

const msg = (es: string, en: string) => ({ message: en, params: { es, en } });

/** A status reason: a code, and words when the code is `other` (a bare "other" explains nothing). */
export const ReasonSchema = z
  .strictObject({
    code: z.enum(REASON_CODES),
    text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_REASON_TEXT))),
  })
  .check(
    z.refine((r) => r.code !== 'other' || r.text !== undefined, {
      path: ['text'],
      ...msg('es obligatorio cuando el motivo es "other"', 'is required when the reason is "other"'),
    }),
  );

export type Reason = z.infer<typeof ReasonSchema>;

/**
 * What the citizen received, in the counter-referral (standard field `benefit`): in kind (a service, a food
 * basket) or cash, with its amount in USD (required for cash; an in-kind benefit may carry its value). A completion
 * with the citizen assisted records it among the canton's local benefits (docs/registry.md).
 */
export const DeliveredBenefitSchema = z
  .strictObject({
    kind: z.enum(['in-kind', 'cash']),
    amount: z.optional(z.number().check(z.gte(0), z.lte(100_000))),
    description: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
  })
  .check(
    z.refine((b) => b.kind !== 'cash' || b.amount !== undefined, {
      path: ['amount'],
      ...msg('un beneficio en efectivo lleva su monto', 'a cash benefit needs its amount'),
    }),
  );

export type DeliveredBenefit = z.infer<typeof DeliveredBenefitSchema>;

// ---- The record ----

/** Per recipient, by user id: they were sent a message of the referral, and the product day of their last SMS. */
export type MessageLog = Readonly<Record<string, { readonly smsDay?: string }>>;

/** A contact officer as the catalogue described them when the referral was made. */
export interface ContactOfficerSnapshot {
  /** Catalogue id within the organization. */
  readonly id: string;
  /** The id they sign in with: what `relation` is decided on. */
  readonly userId: string;
  readonly preferredChannel: 'sms' | 'email';
  readonly language: Language;
  readonly supervisorId?: string;
}

export type SpotState = 'reserved' | 'consumed' | 'released' | 'waitlisted';

/** A referral of a re-routing chain, by its keys and where it went (see domain/reroute.ts). */
export interface ChainLink {
  readonly referralId: string;
  readonly reference: string;
  readonly serviceId: string;
  readonly organizationId: string;
}

/** Where a stuck referral was re-routed to, when, by whom, and whether the protocol did it on its own. */
export interface ReroutedTo {
  readonly referralId: string;
  readonly reference: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly at: string;
  readonly by: string;
  readonly automatic: boolean;
}
export type CustomValue = string | number | boolean;

export interface CounterReferral {
  readonly assisted: boolean;
  readonly outcome: string;
  readonly reason?: Reason;
  /** Local date in the canton (YYYY-MM-DD). */
  readonly dateServed?: string;
  readonly note?: string;
  /** What the citizen received (in kind or cash, amount), recorded as a local benefit on completion. */
  readonly benefit?: DeliveredBenefit;
  /** Values of the protocol's custom fields, by name (dates as YYYY-MM-DD). */
  readonly customFields: Readonly<Record<string, CustomValue>>;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

export const CONFIRMATION_ANSWERS = ['confirmed', 'denied', 'unreachable'] as const;
export type ConfirmationAnswer = (typeof CONFIRMATION_ANSWERS)[number];

/** The citizen's confirmation that they were served, once answered (domain/citizen-confirmation.ts). */
export interface CitizenConfirmation {
  readonly answer: ConfirmationAnswer;
  /** 1 (very unsatisfied) to 5 (very satisfied), only with `confirmed`. */
  readonly rating?: number;
  readonly at: string;
  /** The citizen through their link, or an operator who recorded what the citizen said on the phone. */
  readonly via: 'link' | 'operator';
  /** The operator's user id (`citizen` through the link). */
  readonly by: string;
}

export interface Referral {
  readonly referralId: string;
  /** The canton the referral lives in (the referring canton; the service may be national). */
  readonly cantonId: string;
  /** Short, for SMS and the phone. */
  readonly reference: string;
  readonly requestId: string;
  /**
   * The canton the request belongs to, when it is not the referral's own: a request escalated to the national
   * single window is referred there, and the referral closes the canton's request.
   */
  readonly requestCantonId?: string;
  readonly service: {
    readonly cantonId: string;
    readonly serviceId: string;
    readonly organizationId: string;
    readonly name: string;
  };
  readonly contactOfficers: readonly ContactOfficerSnapshot[];
  /** userId of the SWCS officer who made the referral. */
  readonly referringOfficer: string;
  readonly status: ReferralStatus;
  readonly acknowledgedAt?: string;
  /** Why the referral is in its current status (rejected, on-hold, failed, cancelled, entered-in-error). */
  readonly reason?: Reason;
  readonly spot: SpotState;
  /** Made although the citizen did not meet the service's eligibility rule, and why. */
  readonly eligibilityOverride?: { readonly reason: string };
  /**
   * What the referring officer knew of the citizen for the eligibility rules when referring: kept so that a
   * re-route checks the next services against the same facts (absent on referrals made before re-routing).
   */
  readonly citizenProfile?: CitizenProfile;
  /** The referrals this one re-routes, oldest first: the chain a re-route never sends back to a provider of. */
  readonly reroutedFrom?: readonly ChainLink[];
  /** Set once: the referral this one was re-routed to. */
  readonly reroutedTo?: ReroutedTo;
  /** The protocol version the referral started with, whole: later versions never change its timers. */
  readonly protocol: {
    readonly cantonId: string;
    readonly version: number;
    readonly definition: ProtocolDefinition;
  };
  /** The canton's working calendar, kept so the counter-referral deadline is computed like the first one. */
  readonly calendar: WorkingCalendar;
  readonly deadlines: { readonly acknowledgement: string; readonly counterReferral?: string };
  /** The counter-referral phase is scheduled when the referral is acknowledged (its clock starts then). */
  readonly schedule: {
    readonly acknowledgement: readonly Timer[];
    readonly counterReferral?: readonly Timer[];
  };
  readonly timersFired: { readonly acknowledgement: number; readonly counterReferral: number };
  readonly counterReferral?: CounterReferral;
  /** The citizen's answer to "did you receive the service?", after completion (domain/citizen-confirmation.ts). */
  readonly citizenConfirmation?: CitizenConfirmation;
  readonly escalatedToNational?: boolean;
  /** When the workflow first told the contact officers (a resumed workflow that finds none tells them then). */
  readonly notifiedAt?: string;
  /**
   * Set when the workflow could not tell the contact officers at all (after its retries): the referral then needs
   * someone to act now, whatever its deadline, and the overdue list shows it from that moment.
   */
  readonly attention?: { readonly code: 'notification-failed'; readonly at: string; readonly error: string };
  /**
   * Who the workflow sent a message of this referral and, for SMS, on which product day last: what decides the
   * channel of the next one (domain/referral-channels.ts). By user id; only people who prefer SMS are listed.
   */
  readonly messageLog?: MessageLog;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When it reached a terminal status, for the indicators. */
  readonly closedAt?: string;
  /**
   * What follows the referral's moves that a move would otherwise look up, set when it is made: `planItem`, the
   * intervention plan item it carries out (its plan's checkout made it, or the referral it re-routes carried one;
   * `referralId` names the referral whose plan-item link it is). `{}` when no plan made it, so a move reads
   * nothing for plans. Absent on referrals made before it was kept: their moves read the plan-item links.
   */
  readonly follows?: {
    readonly planItem?: { readonly planId: string; readonly item: number; readonly referralId: string };
  };
  /** Starts at 1 and grows by one with every event: the optimistic-concurrency guard and the event's number. */
  readonly version: number;
}

export type ReferralAction =
  | 'created'
  | 'acknowledged'
  | 'accepted'
  | 'rejected'
  | 'started'
  | 'held'
  | 'completed'
  | 'failed'
  | 'cancelled'
  | 'entered-in-error'
  | 'reminder-sent'
  | 'escalated'
  | 'timer-skipped'
  | 'notification-failed'
  | 're-routed'
  | 'citizen-confirmation';

export interface ReferralEvent {
  readonly version: number;
  readonly at: string;
  readonly by: Actor;
  readonly action: ReferralAction;
  readonly from?: ReferralStatus;
  readonly to?: ReferralStatus;
  readonly reason?: Reason;
  /** Codes and ids only: the referral holds the citizen's data. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** The two waits of a referral, named like the protocol's deadlines (and the workflow's phases). */
export type Phase = DeadlineName;

export interface Timer {
  /** Absolute instant (ISO 8601, UTC). */
  readonly at: string;
  readonly kind: 'reminder' | 'escalation';
  readonly phase: Phase;
  /** For an escalation, its index in the protocol's ladder. */
  readonly step?: number;
  /** For an escalation, whom the step notifies; a reminder goes to the contact officers. */
  readonly notify?: EscalationTarget;
}
