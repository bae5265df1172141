import type * as z from 'zod/mini';
import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { referEscalatedRequestRoute } from '#http/routes/escalations/refer-escalated-request.js';
import { withKeptProtocols } from '#app/protocols/effective.js';
import type { NamedWrite } from '#adapters/dynamodb/versioned.js';
import { escalatedRequest } from '#app/requests/national.js';
import { prefetchReferral, referRequest } from '#app/referrals/refer.js';
import { NATIONAL } from '#app/tenancy.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
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
>(referEscalatedRequestRoute, async ({ caller, params, body, language }) => {
  // The protocol in force comes from the container's kept versions, and the referral's transaction checks they
  // are still current (if not, the referral is made once more on the stored ones, nothing written the first time).
  const { referral, location } = await withKeptProtocols(async (protocols) => {
    // The canton's request, the national service and the request's active referral to it: one read.
    const reads = new BatchReads();
    prefetchReferral(reads, {
      cantonId: NATIONAL,
      requestCantonId: params.originCantonId,
      requestId: params.requestId,
      serviceId: body.serviceId,
    });
    const { national, request } = await escalatedRequest(caller, params, reads);
    let checks: readonly NamedWrite[] = [];
    const protocol = request.classification
      ? protocols
          .effective(
            national,
            request.classification.category,
            request.classification.subcategory,
            clock.now(),
          )
          .then((chosen) => {
            checks = chosen.checks;
            return chosen.effective?.protocol;
          })
      : undefined;
    protocol?.catch(() => undefined);
    return referRequest({
      canton: national,
      request,
      protocol,
      body,
      caller,
      reads,
      // From here a refusal is the write's own (the service full, a duplicate), not made again.
      alsoWrite: () => protocols.toWrite(checks),
    });
  });
  return { statusCode: 201, headers: { location }, body: referralView(referral, language) };
});
