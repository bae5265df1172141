import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { pageSchema } from '#model/page.js';
import { LEVELS, LocationInput, OrganizationFields, ServiceFields } from '#domain/catalogue-input.js';

/**
 * The catalogue of programs and services, aligned with Open Referral HSDS 3.0 (organization, service, location,
 * service_at_location, contact, schedule, eligibility, required documents) and extended with what the single window
 * needs: provider sector and level, capacity (spots, waitlist), contact officers and service status.
 * These schemas validate the management API and generate its OpenAPI document.
 */

// What the catalogue holds is the domain's (domain/catalogue-input.ts); the API takes and shows it as it is.
export * from '#domain/catalogue-input.js';

// The paths, queries and bodies, in modules of their own: an operation's module takes its inputs from them without
// the answers below, which only the OpenAPI document reads.
export * from './catalogue-requests.js';
export * from './catalogue-search.js';
export * from './catalogue-eligibility.js';

// ---- API: answers ----

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
