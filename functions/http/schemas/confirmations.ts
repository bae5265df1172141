import * as z from 'zod';
import { Timestamp } from '#model/time.js';
import { pageSchema } from '#model/page.js';
import { CALL_REASONS } from '#domain/citizen-confirmation.js';

/**
 * The API shapes of the citizen's confirmation (domain/citizen-confirmation.ts): the call-back list "closures to
 * confirm" and what a referral shows of the answer.
 */

export const CitizenConfirmationView = z
  .object({
    answer: z.enum(['confirmed', 'denied', 'unreachable']).meta({
      description:
        'confirmed: the citizen says they received the service; denied: they say they did not (the request went back to needs-referral); unreachable: an operator could not reach them',
    }),
    rating: z.number().int().min(1).max(5).optional().meta({ description: 'With confirmed: 1 to 5' }),
    at: Timestamp,
    via: z.enum(['link', 'operator']).meta({ description: "The citizen's own link, or an operator's call" }),
    by: z.string().meta({ description: "The operator's user id, or `citizen` through the link" }),
  })
  .meta({ id: 'CitizenConfirmation' });

/** One completed referral whose citizen an operator should call: references and initials only. */
export const ClosureToConfirm = z
  .object({
    referralId: z.string(),
    referralReference: z.string(),
    requestId: z.string(),
    requestCantonId: z.string(),
    requestReference: z.string().meta({ description: 'The reference the citizen was given' }),
    serviceName: z.string(),
    completedAt: Timestamp,
    askedBy: z.enum(['sms', 'call']).meta({
      description:
        'sms: the citizen was (to be) sent an SMS with their link and has not answered; call: no SMS',
    }),
    callReason: z.enum(CALL_REASONS).optional().meta({
      description:
        'Why no SMS reached the citizen, or its link stopped (link-revoked); absent: the SMS went out and was not answered in time',
    }),
    smsSentAt: Timestamp.optional(),
    callFrom: Timestamp.meta({
      description:
        "From when the call is due: at completion without an SMS, else after the protocol's period",
    }),
    citizenInitials: z.string().optional().meta({
      description:
        "The citizen's initials, when a name was recorded: GET the request for the phone (audited)",
    }),
  })
  .meta({ id: 'ClosureToConfirm' });

export const ClosuresToConfirmPage = pageSchema(
  ClosureToConfirm,
  'ClosuresToConfirmPage',
  'Completed referrals whose citizen has not confirmed and is due for a call, longest due first',
);
