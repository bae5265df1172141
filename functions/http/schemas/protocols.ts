import * as z from 'zod';
import { CalendarDay, Timestamp } from '#model/time.js';
import { pageSchema } from '#model/page.js';
import { ProtocolDocumentSchema, PublishedProtocolSchema } from '#domain/protocol.js';
import { checkClassification } from '#domain/taxonomy-schema.js';

export const ProtocolPath = z
  .object({ cantonId: z.string(), category: z.string(), subcategory: z.string() })
  .superRefine(checkClassification);

export const ProtocolVersionPath = ProtocolPath.safeExtend({ version: z.coerce.number().int().positive() });

/** A canton reads the national template's versions too, since its own may inherit from them. */
export const ProtocolVersionQuery = z
  .object({
    source: z
      .enum(['national'])
      .optional()
      .meta({ description: "national: the national template's version, not the canton's" }),
  })
  .strict();

/** A canton's full definition, or `{ inherits: 'national', overrides }` adjusting the national template. */
export const ProtocolDocument = ProtocolDocumentSchema.meta({ id: 'ProtocolDocument' });

const VersionSummary = z.object({
  cantonId: z.string(),
  version: z.number().int(),
  validity: z.object({ from: CalendarDay, until: CalendarDay.optional() }),
  publishedAt: Timestamp,
  publishedBy: z.string(),
  inheritsFrom: z.object({ cantonId: z.string(), version: z.number().int() }).optional(),
});

const ServiceSummary = z.object({
  serviceId: z.string(),
  name: z.string(),
  organizationId: z.string(),
  status: z.string(),
});

export const ReferralTargets = z
  .object({
    services: z.array(ServiceSummary).meta({
      description:
        "Services of the canton's own catalogue that a request of this subcategory may be referred to",
    }),
    allServingSubcategory: z.boolean().meta({
      description:
        'The protocol names no services: any active service of the canton that serves the subcategory',
    }),
    escalation: z
      .object({
        route: z.string().meta({ examples: ['POST /cantons/quito/requests/{requestId}/escalation'] }),
        nationalServices: z.array(ServiceSummary).meta({
          description: 'National services the protocol reaches by escalation, never by a canton referral',
        }),
        text: z.string(),
      })
      .nullable()
      .meta({
        description:
          'How a canton reaches national services: by escalating the request to the national single window (null for national)',
      }),
  })
  .meta({ id: 'ReferralTargets' });

export const ProtocolOverview = z
  .object({
    category: z.string(),
    subcategory: z.string(),
    label: z.string(),
    inForce: PublishedProtocolSchema.nullable(),
    source: z.enum(['canton', 'national']).nullable(),
    referralTargets: ReferralTargets.nullable().meta({
      description: 'Where a request can go under the protocol in force (null when none is)',
    }),
    versions: z.array(VersionSummary),
    templateVersions: z.array(VersionSummary),
  })
  .meta({ id: 'ProtocolOverview' });

export const ProtocolList = pageSchema(
  z.object({
    category: z.string(),
    subcategory: z.string(),
    label: z.string(),
    source: z.enum(['canton', 'national']).nullable(),
    version: z.number().int().nullable(),
    handledBy: z.string().nullable(),
    validity: z.object({ from: CalendarDay, until: CalendarDay.optional() }).nullable(),
  }),
  'ProtocolList',
  'Every subcategory of the categories the canton enabled, in the order of the taxonomy',
);

export const PublishedProtocolView = PublishedProtocolSchema;
