import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CatalogueId } from '#domain/catalogue-id.js';
import { CitizenProfileSchema } from '#domain/citizen-profile.js';
import { ReasonSchema } from '#domain/referral-record.js';

/**
 * What a referral's routes take: the body that refers a request, and a move of its lifecycle. What they answer is
 * in referral-view.ts and referral-list.ts, the path in referral-path.ts.
 */

export const CreateReferralBody = withMeta(
  z.strictObject({
    serviceId: CatalogueId,
    /** What is known of the citizen, to check the service's eligibility rule. */
    citizenProfile: z._default(CitizenProfileSchema, {}),
    /** Refer although the citizen does not meet the rule, saying why. */
    eligibilityOverride: z.optional(
      z.strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(1000)) }),
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
    note: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  }),
  { id: 'ReferralTransition' },
);
