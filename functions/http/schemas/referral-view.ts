import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { REFERRAL_STATUSES } from '#domain/referral-record.js';
import { Described, referralHead } from './referral-fields.js';
import { RegistryShareView } from './registry-share.js';
import { CitizenConfirmationView } from './confirmation-view.js';

/**
 * A referral as the API shows it (views/referrals.ts builds it): the answer of every route that reads or changes
 * one referral.
 */

const ReferralEventView = z.object({
  at: Timestamp,
  by: z.object({ userId: z.string(), roles: z.array(z.string()) }),
  action: z.string(),
  from: z.optional(z.enum(REFERRAL_STATUSES)),
  to: z.optional(z.enum(REFERRAL_STATUSES)),
  reason: z.optional(z.object({ code: z.string(), text: z.optional(z.string()) })),
  details: z.record(z.string(), z.unknown()),
});

export const ReferralView = withMeta(
  z.object({
    ...referralHead,
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
