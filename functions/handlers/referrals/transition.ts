import type * as z from 'zod/mini';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { transitionReferralRoute } from '#http/routes/referrals/transition-referral.js';
import { callerCanton } from '#app/tenancy.js';
import { moveReferral } from '#app/referrals/transition.js';
import type { TransitionBody } from '#http/schemas/referrals.js';
import { referralView } from '#http/views/referrals.js';

/**
 * A referral's move through its lifecycle, asked for over the API: the caller's canton checked, then the one use
 * case that contact officers' pages use too (app/referrals/transition.ts), with the client's If-Match held against
 * the version it judged on.
 */
export const handler = httpHandler<
  { cantonId: string; referralId: string },
  unknown,
  z.infer<typeof TransitionBody>
>(transitionReferralRoute, async ({ caller, params, body, language, preconditions }) => {
  const canton = await callerCanton(caller, params.cantonId);
  const referral = await moveReferral({
    cantonId: canton.id,
    referralId: params.referralId,
    caller,
    action: body.action,
    input: { reason: body.reason, counterReferral: body.counterReferral, note: body.note },
    checkVersion: (current) => requirePreconditions(preconditions, entityTag(current.version)),
  });
  return { body: referralView(referral, language) };
});
