import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { pageSchema } from '#model/page.js';
import { CALL_REASONS } from '#domain/citizen-confirmation.js';

/**
 * The API shapes of the citizen's confirmation (domain/citizen-confirmation.ts): the call-back list "closures to
 * confirm". What a referral shows of the answer is in confirmation-view.ts.
 */

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
