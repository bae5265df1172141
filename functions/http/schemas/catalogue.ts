import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { pageParameters, pageSchema } from '#model/page.js';
import { CitizenProfileSchema } from '#domain/citizen-attributes.js';
import { checkClassification } from '#domain/taxonomy-schema.js';
import {
  CatalogueId,
  LEVELS,
  LocationInput,
  OrganizationFields,
  SERVICE_STATUSES,
  ServiceFields,
  Spots,
} from '#domain/catalogue-input.js';

/**
 * The catalogue of programs and services, aligned with Open Referral HSDS 3.0 (organization, service, location,
 * service_at_location, contact, schedule, eligibility, required documents) and extended with what the single window
 * needs: provider sector and level, capacity (spots, waitlist), contact officers and service status.
 * These schemas validate the management API and generate its OpenAPI document.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

// What the catalogue holds is the domain's (domain/catalogue-input.ts); the API takes and shows it as it is.
export * from '#domain/catalogue-input.js';

// ---- API: paths, queries, bodies and answers ----

export const OrganizationPath = z.object({ cantonId: z.string(), organizationId: CatalogueId });
export const ServicePath = z.object({ cantonId: z.string(), serviceId: CatalogueId });

const booleanQuery = z.pipe(
  z.enum(['true', 'false']),
  z.transform((v) => v === 'true'),
);

export const ServiceSearchQuery = z
  .strictObject({
    category: z.optional(z.string()),
    subcategory: z.optional(z.string()),
    text: z.optional(z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(200))),
    status: z.optional(z.enum(SERVICE_STATUSES)),
    /** Only services that can take a citizen now: active, with spots or a waitlist. */
    available: z.optional(booleanQuery),
    /** National services, which a canton reaches by escalation; included unless `false`. */
    includeNational: z._default(booleanQuery, true),
    ...pageParameters(),
  })
  .check(z.superRefine(checkClassification));

export const DeactivationBody = withMeta(
  z.strictObject({ reason: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(1000)) }),
  { id: 'Deactivation' },
);

export const AvailabilityBody = withMeta(
  z
    .strictObject({
      available: z.optional(Spots('available')),
      status: z.optional(z.enum(['active', 'temporarily-closed'])),
      waitlist: z.optional(z.boolean()),
    })
    .check(
      z.refine((b) => b.available !== undefined || b.status !== undefined || b.waitlist !== undefined, {
        ...msg('indique available, status o waitlist', 'give available, status or waitlist'),
      }),
    ),
  { id: 'Availability' },
);

export const EligibilityBody = withMeta(
  z.strictObject({
    profile: CitizenProfileSchema,
    category: z.optional(z.string()),
    subcategory: z.optional(z.string()),
    text: z.optional(z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(200))),
  }),
  { id: 'EligibilityCheck' },
);

export const NearestQuery = z.strictObject({
  latitude: z.coerce.number().check(z.gte(-90)).check(z.lte(90)),
  longitude: z.coerce.number().check(z.gte(-180)).check(z.lte(180)),
  kind: z._default(z.enum(['service-point', 'provider-site']), 'service-point'),
  limit: z._default(z.coerce.number().check(z.int()).check(z.gte(1)).check(z.lte(20)), 3),
});

const Stamp = {
  cantonId: z.string(),
  level: z.enum(LEVELS),
  version: z.number().check(z.int()),
  createdAt: Timestamp,
  createdBy: z.string(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
};

const CatalogueEventView = z.object({
  at: Timestamp,
  by: z.object({ userId: z.string(), roles: z.array(z.string()) }),
  action: z.enum(['created', 'updated', 'deactivated', 'availability-changed']),
  details: z.record(z.string(), z.unknown()),
});

export const OrganizationView = withMeta(
  z.extend(OrganizationFields, {
    ...Stamp,
    history: z.optional(z.array(CatalogueEventView)),
  }),
  { id: 'OrganizationRecord' },
);

export const ServiceView = withMeta(
  z.extend(ServiceFields, {
    ...Stamp,
    eligibilityDescription: withMeta(z.optional(z.string()), {
      description: 'The eligibility rule in words',
    }),
    history: z.optional(z.array(CatalogueEventView)),
  }),
  { id: 'ServiceRecord' },
);

export const OrganizationList = pageSchema(
  OrganizationView,
  'OrganizationList',
  "The catalogue's provider organizations, by id (without their history)",
);
export const ServiceList = pageSchema(
  ServiceView,
  'ServiceList',
  'The services found, by name (without their history)',
);

const Unmet = z.object({ attribute: z.string(), reason: z.enum(['not-met', 'unknown']), text: z.string() });
export const EligibilityAnswer = withMeta(
  z.object({
    escalation: withMeta(
      z.nullable(
        z.object({
          serviceIds: z.array(z.string()),
          route: withMeta(z.string(), { examples: ['POST /cantons/quito/requests/{requestId}/escalation'] }),
          text: z.string(),
        }),
      ),
      {
        description:
          'National services in the answer: a canton reaches them by escalating the request to the national single window, not by referring it (null when there are none, and for national)',
      },
    ),
    eligible: z.array(ServiceView),
    ineligible: z.array(z.object({ service: ServiceView, unmet: z.array(Unmet) })),
  }),
  { id: 'EligibilityAnswer' },
);

export const NearestAnswer = withMeta(
  z.object({
    items: z.array(
      z.object({
        organizationId: z.string(),
        organizationName: z.string(),
        cantonId: z.string(),
        location: LocationInput,
        distanceKm: z.number(),
      }),
    ),
  }),
  { id: 'NearestServicePoints' },
);

export const ImportSummary = withMeta(
  z.object({
    organizations: z.number().check(z.int()),
    services: z.number().check(z.int()),
    written: withMeta(z.number().check(z.int()), { description: 'Records created or changed' }),
    unchanged: withMeta(z.number().check(z.int()), { description: 'Records already identical' }),
    kept: withMeta(z.array(z.object({ field: z.string(), count: z.number().check(z.int()) })), {
      description:
        'Fields of the document that SWCS keeps as received without modelling them (exported again), by HSDS object and field, e.g. `phone.extension`, counted',
    }),
  }),
  { id: 'ImportSummary' },
);
