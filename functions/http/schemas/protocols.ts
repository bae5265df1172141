import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CalendarDay, Timestamp } from '#model/time.js';
import { pageSchema } from '#model/page.js';
import { NATIONAL_CANTON_ID, ProtocolDefinitionSchema } from '#domain/protocol.js';

// The paths, the query and the published document, in modules of their own: an operation's module takes them without the answers below,
// which only the OpenAPI document reads.
export * from './protocol-requests.js';
export * from './protocol-version-requests.js';
export * from './protocol-document.js';

/**
 * A published version as the API answers it (domain/protocol.ts's PublishedProtocol). Here rather than in the
 * domain, which never parses one: only the OpenAPI document reads it.
 */
export const PublishedProtocolView = withMeta(
  z.strictObject({
    cantonId: z.string(),
    category: z.string(),
    subcategory: z.string(),
    version: z.number().check(z.int(), z.positive()),
    definition: ProtocolDefinitionSchema,
    publishedAt: z.iso.datetime({ offset: true }),
    publishedBy: z.string().check(z.minLength(1)),
    inheritsFrom: z.optional(
      z.strictObject({
        cantonId: z.literal(NATIONAL_CANTON_ID),
        version: z.number().check(z.int(), z.positive()),
      }),
    ),
  }),
  { id: 'PublishedProtocol' },
);

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
    inForce: z.nullable(PublishedProtocolView),
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
