import type * as z from 'zod/mini';
import { httpHandler } from '#http/handler.js';
import { rerouteReferralRoute } from '#http/routes/reroutes/reroute-referral.js';
import type { RerouteBody } from '#http/schemas/reroutes.js';
import { referralView } from '#http/views/referrals.js';
import { callerCanton } from '#app/tenancy.js';
import { rerouteReferral } from '#app/referrals/reroute.js';
import { findReferral } from '#adapters/dynamodb/referrals-store.js';
import { relationsOf } from '#domain/referral.js';
import { referralNotFound } from '#domain/referral-access.js';

/**
 * The referring officer (or a coordinator) re-routes a stuck referral in one action: the old one cancelled with
 * deadline-expired, or its rejection kept, its spot released; the new one created with a spot and linked; the
 * request's history showing the chain; one transaction. Answers the new referral, 201.
 */
export const handler = httpHandler<
  { cantonId: string; referralId: string },
  unknown,
  z.infer<typeof RerouteBody>
>(rerouteReferralRoute, async ({ caller, params, body, language }) => {
  const canton = await callerCanton(caller, params.cantonId);
  const referral = await findReferral(canton.id, params.referralId);
  if (!referral) throw referralNotFound(params.referralId);
  const { referral: created, location } = await rerouteReferral({
    canton,
    referral,
    serviceId: body.serviceId,
    eligibilityOverride: body.eligibilityOverride,
    caller,
    relation: relationsOf(referral, { userId: caller.userId, roles: caller.roles }),
    automatic: false,
  });
  return { statusCode: 201, headers: { location }, body: referralView(created, language) };
});
