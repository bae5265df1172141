import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { STUCK_REASONS } from '#domain/notifications.js';
import { CatalogueId } from '#domain/catalogue-id.js';

/** A stuck referral's next services: what the referring officer chooses from, and why each would or would not do. */
export const AlternativesView = withMeta(
  z.object({
    referralId: z.string(),
    reference: z.string(),
    stuck: withMeta(z.nullable(z.enum(STUCK_REASONS)), {
      description:
        'Why the referral may be re-routed: its acknowledgement ladder ran out (deadline-expired), or it was rejected for no-capacity or outside-service-area; null when it may not (not stuck, or re-routed already)',
    }),
    reroutedTo: withMeta(z.optional(z.object({ referralId: z.string(), reference: z.string() })), {
      description: 'The referral it was re-routed to, once it was',
    }),
    services: withMeta(
      z.array(
        z.object({
          serviceId: z.string(),
          name: z.string(),
          organizationId: z.string(),
          available: withMeta(z.number().check(z.int()), { description: 'Spots free now' }),
          eligible: withMeta(z.boolean(), {
            description:
              "The citizen meets the service's and the protocol's rules on what the referral kept of them; if not, re-route with eligibilityOverride",
          }),
          unmet: withMeta(z.array(z.string()), {
            description: 'The criteria not met, in the language of the answer',
          }),
          providerTried: withMeta(z.boolean(), {
            description:
              'A provider this referral or an earlier one of its chain already went to; an automatic re-route skips it',
          }),
        }),
      ),
      {
        description:
          "The protocol's services with a spot free now that the chain has not tried, eligible ones first, then those of untried providers",
      },
    ),
  }),
  { id: 'RerouteAlternatives' },
);

export const RerouteBody = withMeta(
  z.strictObject({
    serviceId: CatalogueId,
    /** Re-route although the citizen does not meet the service's rule, saying why. */
    eligibilityOverride: z.optional(
      z.strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(1000)) }),
    ),
  }),
  { id: 'Reroute' },
);
