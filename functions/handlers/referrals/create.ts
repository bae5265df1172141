import type * as z from 'zod';
import { callerCanton } from '#app/tenancy.js';
import { referRequest } from '#app/referrals/refer.js';
import { requestNotFound } from '#app/requests/not-found.js';
import { versionsOf } from '#adapters/dynamodb/protocols-store.js';
import { findRequest } from '#adapters/dynamodb/requests-store.js';
import { httpHandler } from '#http/handler.js';
import { referralRoute } from '#http/routes/referrals.js';
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
>(referralRoute('createReferral'), async ({ caller, params, body, language }) => {
  const canton = await callerCanton(caller, params.cantonId);
  const request = await findRequest(canton.id, params.requestId);
  if (!request) throw requestNotFound(params.requestId);
  // The version the request was classified under: a later version never changes a request in progress.
  const protocol =
    request.classification && request.protocol
      ? (
          await versionsOf(
            request.protocol.cantonId,
            request.classification.category,
            request.classification.subcategory,
          )
        ).find((v) => v.version === request.protocol?.version)
      : undefined;
  const { referral, location } = await referRequest({ canton, request, protocol, body, caller });
  return { statusCode: 201, headers: { location }, body: referralView(referral, language) };
});
