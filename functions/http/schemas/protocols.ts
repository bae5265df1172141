import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CalendarDay, Timestamp } from '#model/time.js';
import { pageSchema } from '#model/page.js';
import { ProtocolDocumentSchema, PublishedProtocolSchema } from '#domain/protocol.js';
import { checkClassification } from '#domain/taxonomy-schema.js';

export const ProtocolPath = z
  .object({ cantonId: z.string(), category: z.string(), subcategory: z.string() })
  .check(z.superRefine(checkClassification));

export const ProtocolVersionPath = z.safeExtend(ProtocolPath, {
  version: z.coerce.number().check(z.int()).check(z.positive()),
});

/** A canton reads the national template's versions too, since its own may inherit from them. */
export const ProtocolVersionQuery = z.strictObject({
  source: withMeta(z.optional(z.enum(['national'])), {
    description: "national: the national template's version, not the canton's",
  }),
});

/** A canton's full definition, or `{ inherits: 'national', overrides }` adjusting the national template. */
export const ProtocolDocument = withMeta(ProtocolDocumentSchema, { id: 'ProtocolDocument' });

const VersionSummary = z.object({
  cantonId: z.string(),
  version: z.number().check(z.int()),
  validity: z.object({ from: CalendarDay, until: z.optional(CalendarDay) }),
  publishedAt: Timestamp,
  publishedBy: z.string(),
  inheritsFrom: z.optional(z.object({ cantonId: z.string(), version: z.number().check(z.int()) })),
});

const ServiceSummary = z.object({
  serviceId: z.string(),
  name: z.string(),
  organizationId: z.string(),
  status: z.string(),
});

export const ReferralTargets = withMeta(
  z.object({
    services: withMeta(z.array(ServiceSummary), {
      description:
        "Services of the canton's own catalogue that a request of this subcategory may be referred to",
    }),
    allServingSubcategory: withMeta(z.boolean(), {
      description:
        'The protocol names no services: any active service of the canton that serves the subcategory',
    }),
    escalation: withMeta(
      z.nullable(
        z.object({
          route: withMeta(z.string(), { examples: ['POST /cantons/quito/requests/{requestId}/escalation'] }),
          nationalServices: withMeta(z.array(ServiceSummary), {
            description: 'National services the protocol reaches by escalation, never by a canton referral',
          }),
          text: z.string(),
        }),
      ),
      {
        description:
          'How a canton reaches national services: by escalating the request to the national single window (null for national)',
      },
    ),
  }),
  { id: 'ReferralTargets' },
);

export const ProtocolOverview = withMeta(
  z.object({
    category: z.string(),
    subcategory: z.string(),
    label: z.string(),
    inForce: z.nullable(PublishedProtocolSchema),
    source: z.nullable(z.enum(['canton', 'national'])),
    referralTargets: withMeta(z.nullable(ReferralTargets), {
      description: 'Where a request can go under the protocol in force (null when none is)',
    }),
    versions: z.array(VersionSummary),
    templateVersions: z.array(VersionSummary),
  }),
  { id: 'ProtocolOverview' },
);

export const ProtocolList = pageSchema(
  z.object({
    category: z.string(),
    subcategory: z.string(),
    label: z.string(),
    source: z.nullable(z.enum(['canton', 'national'])),
    version: z.nullable(z.number().check(z.int())),
    handledBy: z.nullable(z.string()),
    validity: z.nullable(z.object({ from: CalendarDay, until: z.optional(CalendarDay) })),
  }),
  'ProtocolList',
  'Every subcategory of the categories the canton enabled, in the order of the taxonomy',
);

export const PublishedProtocolView = PublishedProtocolSchema;
