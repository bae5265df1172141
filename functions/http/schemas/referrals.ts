import * as z from 'zod';
import { Timestamp } from '#model/time.js';
import { CatalogueId } from './catalogue.js';
import { pageParameters, pageSchema } from '#model/page.js';
import { CitizenProfileSchema } from '#domain/citizen-attributes.js';
import { REFERRAL_STATUSES, ReasonSchema } from '#domain/referral.js';
import { RequestView } from './requests.js';
import { RegistryShareView } from './registry-share.js';
import { CitizenConfirmationView } from './confirmations.js';

export const ReferralPath = z.object({
  cantonId: z.string(),
  referralId: z
    .string()
    .refine((value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value), {
      params: { es: 'no es un identificador de derivación', en: 'is not a referral id' },
    })
    .meta({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' }),
});

export const CreateReferralBody = z
  .object({
    serviceId: CatalogueId,
    /** What is known of the citizen, to check the service's eligibility rule. */
    citizenProfile: CitizenProfileSchema.default({}),
    /** Refer although the citizen does not meet the rule, saying why. */
    eligibilityOverride: z
      .object({ reason: z.string().trim().min(3).max(1000) })
      .strict()
      .optional(),
    /** Put the citizen on the waitlist when no spot is left (if the service keeps one). */
    waitlistIfFull: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'CreateReferral' });

export const TRANSITION_ACTIONS = [
  'acknowledge',
  'accept',
  'reject',
  'start',
  'hold',
  'complete',
  'fail',
  'cancel',
  'enterInError',
] as const;

export const TransitionBody = z
  .object({
    action: z.enum(TRANSITION_ACTIONS),
    reason: ReasonSchema.optional(),
    /** With `complete`: assisted, outcome, reason, dateServed, note, benefit and the protocol's own fields. */
    counterReferral: z.record(z.string(), z.unknown()).optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: 'ReferralTransition' });

export const InboxPath = z.object({ cantonId: z.string(), organizationId: CatalogueId });
export const InboxQuery = z
  .object({
    status: z
      .enum(REFERRAL_STATUSES)
      .optional()
      .meta({ description: 'Only referrals in this status; without it, every status (grouped by status)' }),
    ...pageParameters(),
  })
  .strict();

const ReferralEventView = z.object({
  at: Timestamp,
  by: z.object({ userId: z.string(), roles: z.array(z.string()) }),
  action: z.string(),
  from: z.enum(REFERRAL_STATUSES).optional(),
  to: z.enum(REFERRAL_STATUSES).optional(),
  reason: z.object({ code: z.string(), text: z.string().optional() }).optional(),
  details: z.record(z.string(), z.unknown()),
});

/** Fields of a referral shown by the single read and the lists alike, with what a client must know of them. */
const Described = {
  reference: z.string().meta({ description: 'The short reference notices carry (never personal data)' }),
  referringOfficer: z.string().meta({ description: 'The staff id of the officer who referred' }),
  status: z
    .enum(REFERRAL_STATUSES)
    .meta({ description: 'Where the referral stands (HL7 FHIR Task.status codes)' }),
  spot: z.enum(['reserved', 'consumed', 'released', 'waitlisted']).meta({
    description:
      "What the referral holds of the service's spots: reserved while requested, consumed once accepted, released when it ends unserved; waitlisted when none was free",
  }),
  deadlines: z.object({
    acknowledgement: Timestamp.meta({
      description: 'By when the contact officer must acknowledge or accept',
    }),
    counterReferral: Timestamp.optional().meta({ description: 'By when the counter-referral is due' }),
  }),
  overdue: z.boolean().meta({
    description: 'A deadline passed without its answer, or the contact officers could not be told',
  }),
  version: z.number().int().meta({ description: 'Increments with every change of the referral' }),
};

/** The service a referral goes to, as it was named when the referral was made. */
const ReferredService = z.object({
  cantonId: z.string(),
  serviceId: z.string(),
  organizationId: z.string(),
  name: z.string(),
});

export const ReferralView = z
  .object({
    referralId: z.string(),
    cantonId: z.string(),
    reference: Described.reference,
    requestId: z.string(),
    service: ReferredService,
    referringOfficer: Described.referringOfficer,
    status: Described.status,
    spot: Described.spot,
    deadlines: Described.deadlines,
    acknowledgedAt: Timestamp.optional(),
    reason: z.object({ code: z.string(), text: z.string().optional() }).optional(),
    counterReferral: z.record(z.string(), z.unknown()).optional().meta({
      description:
        "The provider's report: assisted, outcome, reason, dateServed, note, and the fields the protocol adds",
    }),
    eligibilityOverride: z
      .object({ reason: z.string() })
      .optional()
      .meta({ description: 'Referred although the citizen did not meet the rule, and why' }),
    protocol: z.object({ cantonId: z.string(), version: z.number().int() }),
    /** When the contact officers were first told. */
    notifiedAt: Timestamp.optional(),
    /** The contact officers could not be told: someone must act now (the referral counts as overdue). */
    attention: z
      .object({ code: z.enum(['notification-failed']), at: Timestamp, error: z.string() })
      .optional(),
    reroutedFrom: z
      .array(z.object({ referralId: z.string(), reference: z.string(), serviceId: z.string() }))
      .optional()
      .meta({
        description:
          'The stuck referrals this one re-routes, oldest first (POST /cantons/{cantonId}/referrals/{referralId}/reroute)',
      }),
    reroutedTo: z
      .object({
        referralId: z.string(),
        reference: z.string(),
        serviceId: z.string(),
        serviceName: z.string(),
        at: Timestamp,
        by: z.string(),
        automatic: z
          .boolean()
          .meta({ description: 'Re-routed by the protocol (onBreach: re-route), not by a person' }),
      })
      .optional()
      .meta({ description: 'The referral this stuck one was re-routed to' }),
    citizenConfirmation: CitizenConfirmationView.optional().meta({
      description:
        "The citizen's own confirmation after completion, once answered (their link or an operator's call; GET /cantons/{cantonId}/referrals/to-confirm lists those still to call)",
    }),
    overdue: Described.overdue,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Described.version,
    history: z.array(ReferralEventView).optional(),
    registry: RegistryShareView.optional(),
  })
  .meta({ id: 'Referral' });

/**
 * A referral as a list shows it: where it stands and who must act by when. Free texts about the citizen's case (the
 * counter-referral, a reason's words, an eligibility override's reason) and the history stay on the single read.
 */
export const ReferralSummary = z
  .object({
    referralId: z.string(),
    cantonId: z.string(),
    reference: Described.reference,
    requestId: z.string(),
    service: ReferredService,
    referringOfficer: Described.referringOfficer,
    status: Described.status,
    reasonCode: z.string().optional().meta({ description: 'The code of the status reason, if any' }),
    spot: Described.spot,
    deadlines: Described.deadlines,
    acknowledgedAt: Timestamp.optional(),
    counterReferred: z.boolean().meta({ description: 'Whether the counter-referral has been sent' }),
    needsAttention: z.boolean().meta({
      description:
        'The contact officers could not be told and nobody has acknowledged: someone must act now (GET the referral for why)',
    }),
    overdue: Described.overdue,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Described.version,
  })
  .meta({ id: 'ReferralSummary' });

export const ReferralPage = pageSchema(
  ReferralSummary,
  'ReferralPage',
  'Referrals as summaries: GET a referral for its counter-referral, reasons and history',
);

/** An escalated request as the national single window reads it: the request, its history and every referral. */
export const EscalatedRequestView = RequestView.extend({
  referrals: z.array(ReferralView).meta({
    description: "The request's referrals, the canton's and the national ones",
  }),
}).meta({ id: 'EscalatedRequest' });
