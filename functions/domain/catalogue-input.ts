import * as z from 'zod';
import { EligibilityRuleSchema } from './eligibility.js';
import { E164 } from './request-input.js';
import { SubcategoryRef } from './taxonomy-schema.js';

/**
 * What the catalogue holds, as organizations and services are written into it (by the management API, a seed or
 * an HSDS import): aligned with Open Referral HSDS 3.0 and extended with the provider's sector and level,
 * capacity (spots, waitlist), contact officers and service status. The domain's rules take these types.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

export const SECTORS = ['public', 'private', 'non-profit', 'religious'] as const;
export const LEVELS = ['canton', 'national'] as const;
export const SERVICE_STATUSES = ['active', 'inactive', 'temporarily-closed', 'defunct'] as const;
export const NOTIFICATION_CHANNELS = ['sms', 'email'] as const;
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export const CatalogueId = z
  .string()
  .refine(
    (value) => /^[a-z0-9][a-z0-9-]{1,63}$/.test(value),
    msg(
      'debe tener letras minúsculas, dígitos y guiones (2 a 64)',
      'must be lower-case letters, digits and dashes (2–64)',
    ),
  )
  .meta({ pattern: '^[a-z0-9][a-z0-9-]{1,63}$' });

export const ServedSubcategory = SubcategoryRef;

export const ContactOfficerInput = z
  .object({
    id: CatalogueId,
    /** The staff id the contact officer signs in with (role contact-officer). */
    userId: z.string().min(1).max(64),
    name: z.string().trim().min(1).max(120),
    position: z.string().trim().min(1).max(120),
    email: z.email(),
    phone: E164,
    preferredChannel: z.enum(NOTIFICATION_CHANNELS),
    language: z.enum(['es', 'en']).default('es'),
    /** Another contact officer of the same organization, told first when this one is late. */
    supervisorId: CatalogueId.optional(),
  })
  .strict();

export const AddressInput = z
  .object({
    address1: z.string().trim().min(1).max(200),
    city: z.string().trim().min(1).max(100),
    province: z.string().trim().min(1).max(100),
    postalCode: z.string().trim().max(20).optional(),
    country: z.literal('EC').default('EC'),
  })
  .strict();

export const LocationInput = z
  .object({
    id: CatalogueId,
    name: z.string().trim().min(1).max(200),
    /** A service point is one of the single window's own offices; the others are providers' premises. */
    kind: z.enum(['service-point', 'provider-site']),
    address: AddressInput,
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .strict();

const Time = z
  .string()
  .refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), msg('debe ser una hora HH:MM', 'must be a time HH:MM'))
  .meta({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'A local time of day in the canton, HH:MM' });

export const ScheduleInput = z
  .object({
    byDay: z.array(z.enum(WEEKDAYS)).min(1),
    opensAt: Time,
    closesAt: Time,
    note: z.string().trim().max(200).optional(),
  })
  .strict()
  .refine((s) => s.opensAt < s.closesAt, {
    path: ['closesAt'],
    ...msg('debe ser posterior a la hora de apertura', 'must be after the opening time'),
  });

export const Spots = (field: string) =>
  z
    .number()
    .refine(
      (v) => Number.isInteger(v) && v >= 0,
      msg(`${field} debe ser un número entero no negativo`, `${field} must be a non-negative whole number`),
    );

export const CapacityInput = z
  .object({
    total: Spots('total'),
    available: Spots('available'),
    waitlist: z.boolean().default(false),
  })
  .strict()
  .refine((c) => c.available <= c.total, {
    path: ['available'],
    ...msg('no puede superar el total de cupos', 'cannot exceed the total number of spots'),
  });

/**
 * An HSDS record as its publisher sent it (organization without its services, or service without its
 * organization), kept when it holds fields SWCS does not model, so that an export gives them back. Only the
 * catalogue import writes it; a PUT that leaves it out drops it.
 */
export const HsdsReceived = z.record(z.string(), z.unknown()).meta({
  description:
    'The Open Referral HSDS record as its publisher sent it, kept for what SWCS does not model (exported again)',
});

export const OrganizationFields = z
  .object({
    id: CatalogueId,
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    sector: z.enum(SECTORS),
    email: z.email().optional(),
    website: z.url().optional(),
    phone: E164.optional(),
    contactOfficers: z.array(ContactOfficerInput).max(50).default([]),
    locations: z.array(LocationInput).max(100).default([]),
    hsds: HsdsReceived.optional(),
  })
  .strict();

type OrganizationShape = z.infer<typeof OrganizationFields>;

/** Contact officer ids are unique, and a supervisor is another contact officer of the same organization. */
function checkContactOfficers(org: Pick<OrganizationShape, 'contactOfficers'>, ctx: z.RefinementCtx) {
  const officerIds = new Set<string>();
  org.contactOfficers.forEach((officer, i) => {
    if (officerIds.has(officer.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactOfficers', i, 'id'],
        ...msg(`"${officer.id}" está repetido`, `"${officer.id}" is repeated`),
      });
    }
    officerIds.add(officer.id);
  });
  org.contactOfficers.forEach((officer, i) => {
    if (
      officer.supervisorId &&
      (!officerIds.has(officer.supervisorId) || officer.supervisorId === officer.id)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['contactOfficers', i, 'supervisorId'],
        ...msg(
          `"${officer.supervisorId}" no es otro funcionario de enlace de esta organización`,
          `"${officer.supervisorId}" is not another contact officer of this organization`,
        ),
      });
    }
  });
}

export const OrganizationInput = OrganizationFields.superRefine(checkContactOfficers).meta({
  id: 'Organization',
});

/** The body of PUT /organizations/{organizationId}: the id comes from the path. */
export const OrganizationBody = OrganizationFields.omit({ id: true })
  .superRefine(checkContactOfficers)
  .meta({ id: 'OrganizationBody' });

export const ServiceFields = z
  .object({
    id: CatalogueId,
    organizationId: CatalogueId,
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(4000),
    /** The subcategories of requests this service answers. */
    serves: z.array(ServedSubcategory).min(1).max(40),
    /** Machine-checked criteria (see domain/eligibility.ts); `eligibilityText` is what people read. */
    eligibility: EligibilityRuleSchema.optional(),
    eligibilityText: z.string().trim().max(2000).optional(),
    requiredDocuments: z.array(z.string().trim().min(1).max(200)).max(30).default([]),
    schedules: z.array(ScheduleInput).max(14).default([]),
    status: z.enum(SERVICE_STATUSES).default('active'),
    capacity: CapacityInput,
    /** Where the service is delivered: ids of the organization's locations. */
    locationIds: z.array(CatalogueId).max(100).default([]),
    /** Who receives referrals: ids of the organization's contact officers, the first one by default. */
    contactOfficerIds: z.array(CatalogueId).min(1).max(20),
    hsds: HsdsReceived.optional(),
  })
  .strict();

export const ServiceInput = ServiceFields.meta({ id: 'Service' });

/** The body of PUT /services/{serviceId}: the id comes from the path. */
export const ServiceBody = ServiceFields.omit({ id: true }).meta({ id: 'ServiceBody' });

export type OrganizationInputType = z.infer<typeof OrganizationInput>;
export type ServiceInputType = z.infer<typeof ServiceInput>;
