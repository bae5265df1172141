import type * as z from 'zod/mini';
import type { ConfirmationBody } from '#domain/citizen-confirmation.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { recordCitizenConfirmationRoute } from '#http/routes/confirmations/record-citizen-confirmation.js';
import { referralView } from '#http/views/referrals.js';
import { callerCanton } from '#app/tenancy.js';
import { answerConfirmation } from '#app/referrals/citizen-confirmation.js';

/**
 * An operator records what the citizen said on the call-back (or that they could not be reached): the very use case
 * of the citizen's own link (app/referrals/citizen-confirmation.ts), with the client's If-Match held against the
 * version it judged on.
 */
export const handler = httpHandler<
  { cantonId: string; referralId: string },
  unknown,
  z.infer<typeof ConfirmationBody>
>(recordCitizenConfirmationRoute, async ({ caller, params, body, language, preconditions }) => {
  const canton = await callerCanton(caller, params.cantonId);
  const referral = await answerConfirmation({
    cantonId: canton.id,
    referralId: params.referralId,
    caller,
    input: body,
    via: 'operator',
    checkVersion: (current) => requirePreconditions(preconditions, entityTag(current.version)),
  });
  return { body: referralView(referral, language) };
});
