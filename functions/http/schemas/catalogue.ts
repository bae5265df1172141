import * as z from 'zod';
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

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ServiceSearchQuery = z
  .object({
    category: z.string().optional(),
    subcategory: z.string().optional(),
    text: z.string().trim().min(1).max(200).optional(),
    status: z.enum(SERVICE_STATUSES).optional(),
    /** Only services that can take a citizen now: active, with spots or a waitlist. */
    available: booleanQuery.optional(),
    /** National services, which a canton reaches by escalation; included unless `false`. */
    includeNational: booleanQuery.default(true),
    ...pageParameters(),
  })
  .strict()
  .superRefine(checkClassification);

export const DeactivationBody = z
  .object({ reason: z.string().trim().min(1).max(1000) })
  .strict()
  .meta({ id: 'Deactivation' });

export const AvailabilityBody = z
  .object({
    available: Spots('available').optional(),
    status: z.enum(['active', 'temporarily-closed']).optional(),
    waitlist: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.available !== undefined || b.status !== undefined || b.waitlist !== undefined, {
    ...msg('indique available, status o waitlist', 'give available, status or waitlist'),
  })
  .meta({ id: 'Availability' });

export const EligibilityBody = z
  .object({
    profile: CitizenProfileSchema,
    category: z.string().optional(),
    subcategory: z.string().optional(),
    text: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'EligibilityCheck' });

export const NearestQuery = z
  .object({
    latitude: z.coerce.number().min(-90).max(90),
    longitude: z.coerce.number().min(-180).max(180),
    kind: z.enum(['service-point', 'provider-site']).default('service-point'),
    limit: z.coerce.number().int().min(1).max(20).default(3),
  })
  .strict();

const Stamp = {
  cantonId: z.string(),
  level: z.enum(LEVELS),
  version: z.number().int(),
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

export const OrganizationView = OrganizationFields.extend({
  ...Stamp,
  history: z.array(CatalogueEventView).optional(),
}).meta({ id: 'OrganizationRecord' });

export const ServiceView = ServiceFields.extend({
  ...Stamp,
  eligibilityDescription: z.string().optional().meta({ description: 'The eligibility rule in words' }),
  history: z.array(CatalogueEventView).optional(),
}).meta({ id: 'ServiceRecord' });

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
export const EligibilityAnswer = z
  .object({
    escalation: z
      .object({
        serviceIds: z.array(z.string()),
        route: z.string().meta({ examples: ['POST /cantons/quito/requests/{requestId}/escalation'] }),
        text: z.string(),
      })
      .nullable()
      .meta({
        description:
          'National services in the answer: a canton reaches them by escalating the request to the national single window, not by referring it (null when there are none, and for national)',
      }),
    eligible: z.array(ServiceView),
    ineligible: z.array(z.object({ service: ServiceView, unmet: z.array(Unmet) })),
  })
  .meta({ id: 'EligibilityAnswer' });

export const NearestAnswer = z
  .object({
    items: z.array(
      z.object({
        organizationId: z.string(),
        organizationName: z.string(),
        cantonId: z.string(),
        location: LocationInput,
        distanceKm: z.number(),
      }),
    ),
  })
  .meta({ id: 'NearestServicePoints' });

export const ImportSummary = z
  .object({
    organizations: z.number().int(),
    services: z.number().int(),
    written: z.number().int().meta({ description: 'Records created or changed' }),
    unchanged: z.number().int().meta({ description: 'Records already identical' }),
    kept: z.array(z.object({ field: z.string(), count: z.number().int() })).meta({
      description:
        'Fields of the document that SWCS keeps as received without modelling them (exported again), by HSDS object and field, e.g. `phone.extension`, counted',
    }),
  })
  .meta({ id: 'ImportSummary' });
