import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { pageSchema } from '#model/page.js';
import { CALL_REASONS } from '#domain/citizen-confirmation.js';

/**
 * The API shapes of the citizen's confirmation (domain/citizen-confirmation.ts): the call-back list "closures to
 * confirm" and what a referral shows of the answer.
 */

export const CitizenConfirmationView = withMeta(
  z.object({
    answer: withMeta(z.enum(['confirmed', 'denied', 'unreachable']), {
      description:
        'confirmed: the citizen says they received the service; denied: they say they did not (the request went back to needs-referral); unreachable: an operator could not reach them',
    }),
    rating: withMeta(z.optional(z.number().check(z.int()).check(z.gte(1)).check(z.lte(5))), {
      description: 'With confirmed: 1 to 5',
    }),
    at: Timestamp,
    via: withMeta(z.enum(['link', 'operator']), {
      description: "The citizen's own link, or an operator's call",
    }),
    by: withMeta(z.string(), { description: "The operator's user id, or `citizen` through the link" }),
  }),
  { id: 'CitizenConfirmation' },
);

/** One completed referral whose citizen an operator should call: references and initials only. */
export const ClosureToConfirm = withMeta(
  z.object({
    referralId: z.string(),
    referralReference: z.string(),
    requestId: z.string(),
    requestCantonId: z.string(),
    requestReference: withMeta(z.string(), { description: 'The reference the citizen was given' }),
    serviceName: z.string(),
    completedAt: Timestamp,
    askedBy: withMeta(z.enum(['sms', 'call']), {
      description:
        'sms: the citizen was (to be) sent an SMS with their link and has not answered; call: no SMS',
    }),
    callReason: withMeta(z.optional(z.enum(CALL_REASONS)), {
      description:
        'Why no SMS reached the citizen, or its link stopped (link-revoked); absent: the SMS went out and was not answered in time',
    }),
    smsSentAt: z.optional(Timestamp),
    callFrom: withMeta(Timestamp, {
      description:
        "From when the call is due: at completion without an SMS, else after the protocol's period",
    }),
    citizenInitials: withMeta(z.optional(z.string()), {
      description:
        "The citizen's initials, when a name was recorded: GET the request for the phone (audited)",
    }),
  }),
  { id: 'ClosureToConfirm' },
);

export const ClosuresToConfirmPage = pageSchema(
  ClosureToConfirm,
  'ClosuresToConfirmPage',
  'Completed referrals whose citizen has not confirmed and is due for a call, longest due first',
);
