import type * as z from 'zod/mini';
import { callerCanton } from '#app/tenancy.js';
import { requestNotFound } from '#app/requests/not-found.js';
import { prefetchReferral, referRequest } from '#app/referrals/refer.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { protocolVersionRead } from '#adapters/dynamodb/protocols-store.js';
import { requestRead } from '#adapters/dynamodb/requests-store.js';
import { httpHandler } from '#http/handler.js';
import { createReferralRoute } from '#http/routes/referrals/create-referral.js';
import type { CreateReferralBody } from '#http/schemas/referrals.js';
import { referralView } from '#http/views/referrals.js';

/**
 * An SWCS officer refers a classified request to a service of the canton's catalogue. Everything is checked
 * first — consent, the protocol in force, the service active and serving the subcategory, eligibility or an
 * override — then the referral, its spot (or waitlist place) and the request's new status are written in one
 * transaction, and the referral's workflow starts.
 */
export const handler = httpHandler<
  { cantonId: string; requestId: string },
  unknown,
  z.infer<typeof CreateReferralBody>
>(createReferralRoute, async ({ caller, params, body, language }) => {
  const canton = await callerCanton(caller, params.cantonId);
  // The request, the service and the request's active referral to it, known from the path and the body: one read.
  const reads = new BatchReads();
  const subject = { cantonId: canton.id, requestCantonId: canton.id, requestId: params.requestId };
  prefetchReferral(reads, { ...subject, serviceId: body.serviceId });
  const request = await reads.get(requestRead(canton.id, params.requestId));
  if (!request) throw requestNotFound(params.requestId);
  // The version the request was classified under (a later version never changes a request in progress), read by
  // its number with what the service and the request name next.
  const protocol =
    request.classification && request.protocol
      ? reads.get(
          protocolVersionRead(
            request.protocol.cantonId,
            request.classification.category,
            request.classification.subcategory,
            request.protocol.version,
          ),
        )
      : undefined;
  protocol?.catch(() => undefined);
  const { referral, location } = await referRequest({ canton, request, protocol, body, caller, reads });
  return { statusCode: 201, headers: { location }, body: referralView(referral, language) };
});
