import type * as z from 'zod/mini';
import { httpHandler } from '#http/handler.js';
import { type LinkRevocationBody, linkRoute } from '#http/routes/links.js';
import { callerCanton } from '#app/tenancy.js';
import { revokeReferralLinks } from '#app/links/revoke.js';

/** The referring officer or a coordinator revokes every short link of a referral (app/links/revoke.ts). */
export const handler = httpHandler<
  { cantonId: string; referralId: string },
  unknown,
  z.infer<typeof LinkRevocationBody>
>(linkRoute('revokeReferralLinks'), async ({ caller, params, body }) => {
  const canton = await callerCanton(caller, params.cantonId);
  return {
    body: await revokeReferralLinks({
      cantonId: canton.id,
      referralId: params.referralId,
      caller,
      reason: body.reason,
    }),
  };
});
