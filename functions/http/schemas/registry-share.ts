import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';

/**
 * What a provider's contact officer sees of the registry with a referral — only when the citizen consented to
 * share their registry data with that provider: the household size and the facts the service's eligibility rule
 * uses, nothing else. Its own module, so the referral routes carry no other registry schema.
 */
export const RegistryShareView = withMeta(
  z.object({
    inRegistry: z.boolean(),
    householdSize: z.optional(z.number().check(z.int())),
    facts: withMeta(z.optional(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]))), {
      description: "The registry's values of the attributes the service's eligibility rule uses",
    }),
    consentedAt: z.iso.datetime(),
  }),
  {
    id: 'RegistryShare',
    description:
      'The registry data the citizen consented to share with this provider (POST /cantons/{cantonId}/registry/sharing-consents); absent without that consent',
  },
);

export const SharingConsentBody = withMeta(
  z.strictObject({
    requestId: withMeta(z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)), {
      description: 'The request of the citizen (recorded with a national ID) who gives or withdraws it',
    }),
    organizationId: withMeta(z.string().check(z.minLength(1), z.maxLength(80)), {
      description: 'The provider (catalogue organization)',
    }),
    decision: z.enum(['given', 'withdrawn']),
  }),
  { id: 'SharingConsentInput' },
);
export type SharingConsentInput = z.output<typeof SharingConsentBody>;

export const SharingConsentView = withMeta(
  z.object({
    consentId: z.string(),
    cantonId: z.string(),
    requestId: z.string(),
    organizationId: z.string(),
    decision: z.enum(['given', 'withdrawn']),
    recordedBy: z.string(),
    recordedAt: z.iso.datetime(),
  }),
  { id: 'SharingConsent' },
);
