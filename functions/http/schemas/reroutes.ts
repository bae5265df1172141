import * as z from 'zod';
import { STUCK_REASONS } from '#domain/notifications.js';
import { CatalogueId } from './catalogue.js';

/** A stuck referral's next services: what the referring officer chooses from, and why each would or would not do. */
export const AlternativesView = z
  .object({
    referralId: z.string(),
    reference: z.string(),
    stuck: z.enum(STUCK_REASONS).nullable().meta({
      description:
        'Why the referral may be re-routed: its acknowledgement ladder ran out (deadline-expired), or it was rejected for no-capacity or outside-service-area; null when it may not (not stuck, or re-routed already)',
    }),
    reroutedTo: z
      .object({ referralId: z.string(), reference: z.string() })
      .optional()
      .meta({ description: 'The referral it was re-routed to, once it was' }),
    services: z
      .array(
        z.object({
          serviceId: z.string(),
          name: z.string(),
          organizationId: z.string(),
          available: z.number().int().meta({ description: 'Spots free now' }),
          eligible: z.boolean().meta({
            description:
              "The citizen meets the service's and the protocol's rules on what the referral kept of them; if not, re-route with eligibilityOverride",
          }),
          unmet: z
            .array(z.string())
            .meta({ description: 'The criteria not met, in the language of the answer' }),
          providerTried: z.boolean().meta({
            description:
              'A provider this referral or an earlier one of its chain already went to; an automatic re-route skips it',
          }),
        }),
      )
      .meta({
        description:
          "The protocol's services with a spot free now that the chain has not tried, eligible ones first, then those of untried providers",
      }),
  })
  .meta({ id: 'RerouteAlternatives' });

export const RerouteBody = z
  .object({
    serviceId: CatalogueId,
    /** Re-route although the citizen does not meet the service's rule, saying why. */
    eligibilityOverride: z
      .object({ reason: z.string().trim().min(3).max(1000) })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'Reroute' });
