import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { CatalogueId } from '#domain/catalogue-id.js';
import { pageParameters, pageSchema } from '#model/page.js';
import { CitizenProfileSchema } from '#domain/citizen-attributes.js';
import { REFERRAL_STATUSES, ReasonSchema } from '#domain/referral-record.js';
import { RequestView } from './requests.js';
import { RegistryShareView } from './registry-share.js';
import { CitizenConfirmationView } from './confirmations.js';

export const ReferralPath = z.object({
  cantonId: z.string(),
  referralId: withMeta(
    z.string().check(
      z.refine((value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value), {
        params: { es: 'no es un identificador de derivación', en: 'is not a referral id' },
      }),
    ),
    { pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' },
  ),
});

export const CreateReferralBody = withMeta(
  z.strictObject({
    serviceId: CatalogueId,
    /** What is known of the citizen, to check the service's eligibility rule. */
    citizenProfile: z._default(CitizenProfileSchema, {}),
    /** Refer although the citizen does not meet the rule, saying why. */
    eligibilityOverride: z.optional(
      z.strictObject({ reason: z.string().check(z.trim()).check(z.minLength(3)).check(z.maxLength(1000)) }),
    ),
    /** Put the citizen on the waitlist when no spot is left (if the service keeps one). */
    waitlistIfFull: z._default(z.boolean(), true),
  }),
  { id: 'CreateReferral' },
);

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

export const TransitionBody = withMeta(
  z.strictObject({
    action: z.enum(TRANSITION_ACTIONS),
    reason: z.optional(ReasonSchema),
    /** With `complete`: assisted, outcome, reason, dateServed, note, benefit and the protocol's own fields. */
    counterReferral: z.optional(z.record(z.string(), z.unknown())),
    note: z.optional(z.string().check(z.trim()).check(z.maxLength(1000))),
  }),
  { id: 'ReferralTransition' },
);

export const InboxPath = z.object({ cantonId: z.string(), organizationId: CatalogueId });
export const InboxQuery = z.strictObject({
  status: withMeta(z.optional(z.enum(REFERRAL_STATUSES)), {
    description: 'Only referrals in this status; without it, every status (grouped by status)',
  }),
  ...pageParameters(),
});

const ReferralEventView = z.object({
  at: Timestamp,
  by: z.object({ userId: z.string(), roles: z.array(z.string()) }),
  action: z.string(),
  from: z.optional(z.enum(REFERRAL_STATUSES)),
  to: z.optional(z.enum(REFERRAL_STATUSES)),
  reason: z.optional(z.object({ code: z.string(), text: z.optional(z.string()) })),
  details: z.record(z.string(), z.unknown()),
});

/** Fields of a referral shown by the single read and the lists alike, with what a client must know of them. */
const Described = {
  reference: withMeta(z.string(), { description: 'The short reference notices carry (never personal data)' }),
  referringOfficer: withMeta(z.string(), { description: 'The staff id of the officer who referred' }),
  status: withMeta(z.enum(REFERRAL_STATUSES), {
    description: 'Where the referral stands (HL7 FHIR Task.status codes)',
  }),
  spot: withMeta(z.enum(['reserved', 'consumed', 'released', 'waitlisted']), {
    description:
      "What the referral holds of the service's spots: reserved while requested, consumed once accepted, released when it ends unserved; waitlisted when none was free",
  }),
  deadlines: z.object({
    acknowledgement: withMeta(Timestamp, {
      description: 'By when the contact officer must acknowledge or accept',
    }),
    counterReferral: withMeta(z.optional(Timestamp), { description: 'By when the counter-referral is due' }),
  }),
  overdue: withMeta(z.boolean(), {
    description: 'A deadline passed without its answer, or the contact officers could not be told',
  }),
  version: withMeta(z.number().check(z.int()), {
    description: 'Increments with every change of the referral',
  }),
};

/** The service a referral goes to, as it was named when the referral was made. */
const ReferredService = z.object({
  cantonId: z.string(),
  serviceId: z.string(),
  organizationId: z.string(),
  name: z.string(),
});

export const ReferralView = withMeta(
  z.object({
    referralId: z.string(),
    cantonId: z.string(),
    reference: Described.reference,
    requestId: z.string(),
    service: ReferredService,
    referringOfficer: Described.referringOfficer,
    status: Described.status,
    spot: Described.spot,
    deadlines: Described.deadlines,
    acknowledgedAt: z.optional(Timestamp),
    reason: z.optional(z.object({ code: z.string(), text: z.optional(z.string()) })),
    counterReferral: withMeta(z.optional(z.record(z.string(), z.unknown())), {
      description:
        "The provider's report: assisted, outcome, reason, dateServed, note, and the fields the protocol adds",
    }),
    eligibilityOverride: withMeta(z.optional(z.object({ reason: z.string() })), {
      description: 'Referred although the citizen did not meet the rule, and why',
    }),
    protocol: z.object({ cantonId: z.string(), version: z.number().check(z.int()) }),
    /** When the contact officers were first told. */
    notifiedAt: z.optional(Timestamp),
    /** The contact officers could not be told: someone must act now (the referral counts as overdue). */
    attention: z.optional(
      z.object({ code: z.enum(['notification-failed']), at: Timestamp, error: z.string() }),
    ),
    reroutedFrom: withMeta(
      z.optional(z.array(z.object({ referralId: z.string(), reference: z.string(), serviceId: z.string() }))),
      {
        description:
          'The stuck referrals this one re-routes, oldest first (POST /cantons/{cantonId}/referrals/{referralId}/reroute)',
      },
    ),
    reroutedTo: withMeta(
      z.optional(
        z.object({
          referralId: z.string(),
          reference: z.string(),
          serviceId: z.string(),
          serviceName: z.string(),
          at: Timestamp,
          by: z.string(),
          automatic: withMeta(z.boolean(), {
            description: 'Re-routed by the protocol (onBreach: re-route), not by a person',
          }),
        }),
      ),
      { description: 'The referral this stuck one was re-routed to' },
    ),
    citizenConfirmation: withMeta(z.optional(CitizenConfirmationView), {
      description:
        "The citizen's own confirmation after completion, once answered (their link or an operator's call; GET /cantons/{cantonId}/referrals/to-confirm lists those still to call)",
    }),
    overdue: Described.overdue,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Described.version,
    history: z.optional(z.array(ReferralEventView)),
    registry: z.optional(RegistryShareView),
  }),
  { id: 'Referral' },
);

/**
 * A referral as a list shows it: where it stands and who must act by when. Free texts about the citizen's case (the
 * counter-referral, a reason's words, an eligibility override's reason) and the history stay on the single read.
 */
export const ReferralSummary = withMeta(
  z.object({
    referralId: z.string(),
    cantonId: z.string(),
    reference: Described.reference,
    requestId: z.string(),
    service: ReferredService,
    referringOfficer: Described.referringOfficer,
    status: Described.status,
    reasonCode: withMeta(z.optional(z.string()), { description: 'The code of the status reason, if any' }),
    spot: Described.spot,
    deadlines: Described.deadlines,
    acknowledgedAt: z.optional(Timestamp),
    counterReferred: withMeta(z.boolean(), { description: 'Whether the counter-referral has been sent' }),
    needsAttention: withMeta(z.boolean(), {
      description:
        'The contact officers could not be told and nobody has acknowledged: someone must act now (GET the referral for why)',
    }),
    overdue: Described.overdue,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Described.version,
  }),
  { id: 'ReferralSummary' },
);

export const ReferralPage = pageSchema(
  ReferralSummary,
  'ReferralPage',
  'Referrals as summaries: GET a referral for its counter-referral, reasons and history',
);

/** An escalated request as the national single window reads it: the request, its history and every referral. */
export const EscalatedRequestView = withMeta(
  z.extend(RequestView, {
    referrals: withMeta(z.array(ReferralView), {
      description: "The request's referrals, the canton's and the national ones",
    }),
  }),
  { id: 'EscalatedRequest' },
);
