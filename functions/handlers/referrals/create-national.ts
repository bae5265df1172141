import type * as z from 'zod';
import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { escalationRoute } from '#http/routes/escalations.js';
import { effectiveProtocol } from '#app/protocols/effective.js';
import { escalatedRequest } from '#app/requests/national.js';
import { referRequest } from '#app/referrals/refer.js';
import type { CreateReferralBody } from '#http/schemas/referrals.js';
import { referralView } from '#http/views/referrals.js';

/**
 * The national single window refers an escalated request to a national service, under the national template in
 * force for its subcategory. The referral lives at the national level and closes the canton's request.
 */
export const handler = httpHandler<
  { cantonId: string; originCantonId: string; requestId: string },
  unknown,
  z.infer<typeof CreateReferralBody>
>(escalationRoute('referEscalatedRequest'), async ({ caller, params, body, language }) => {
  const { national, request } = await escalatedRequest(caller, params);
  const effective = request.classification
    ? await effectiveProtocol(
        national,
        request.classification.category,
        request.classification.subcategory,
        clock.now(),
      )
    : undefined;
  const { referral, location } = await referRequest({
    canton: national,
    request,
    protocol: effective?.protocol,
    body,
    caller,
  });
  return { statusCode: 201, headers: { location }, body: referralView(referral, language) };
});
