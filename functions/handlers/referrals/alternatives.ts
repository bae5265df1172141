import { httpHandler } from '#http/handler.js';
import { referralAlternativesRoute } from '#http/routes/reroutes/referral-alternatives.js';
import { callerCanton } from '#app/tenancy.js';
import { alternativesOf } from '#app/referrals/alternatives.js';
import { findReferral } from '#adapters/dynamodb/referrals-store.js';
import { referralNotFound } from '#domain/referral-access.js';
import { whyStuck } from '#domain/reroute.js';

/**
 * A stuck referral's next services under its protocol (domain/reroute.ts): what the referring officer is offered
 * when the ladder runs out or the provider had no room or no reach. A referral that is not stuck lists none.
 */
export const handler = httpHandler<{ cantonId: string; referralId: string }>(
  referralAlternativesRoute,
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const referral = await findReferral(canton.id, params.referralId);
    if (!referral) throw referralNotFound(params.referralId);
    const stuck = whyStuck(referral) ?? null;
    const alternatives = stuck ? await alternativesOf(canton, referral) : [];
    return {
      body: {
        referralId: referral.referralId,
        reference: referral.reference,
        stuck,
        ...(referral.reroutedTo
          ? {
              reroutedTo: {
                referralId: referral.reroutedTo.referralId,
                reference: referral.reroutedTo.reference,
              },
            }
          : {}),
        services: alternatives.map((a) => ({
          serviceId: a.service.id,
          name: a.service.name,
          organizationId: a.service.organizationId,
          available: a.service.capacity.available,
          eligible: a.eligible,
          unmet: a.unmet.map((u) => u.text[language]),
          providerTried: a.providerTried,
        })),
      },
    };
  },
);
