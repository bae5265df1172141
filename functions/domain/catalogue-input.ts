import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { EligibilityRuleSchema } from './eligibility-rule-schema.js';
import { E164 } from './phone.js';
import { SubcategoryRef } from './taxonomy-schema.js';
import {
  CatalogueId,
  LEVELS,
  NOTIFICATION_CHANNELS,
  SECTORS,
  SERVICE_STATUSES,
  Spots,
  WEEKDAYS,
} from './catalogue-terms.js';

/**
 * What the catalogue holds, as organizations and services are written into it (by the management API, a seed or
 * an HSDS import): aligned with Open Referral HSDS 3.0 and extended with the provider's sector and level,
 * capacity (spots, waitlist), contact officers and service status. The domain's rules take these types.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

export { CatalogueId, LEVELS, NOTIFICATION_CHANNELS, SECTORS, SERVICE_STATUSES, Spots, WEEKDAYS };

export const ServedSubcategory = SubcategoryRef;

export const ContactOfficerInput = z.strictObject({
  id: CatalogueId,
  /** The staff id the contact officer signs in with (role contact-officer). */
  userId: z.string().check(z.minLength(1), z.maxLength(64)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  position: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  email: z.email(),
  phone: E164,
  preferredChannel: z.enum(NOTIFICATION_CHANNELS),
  language: z._default(z.enum(['es', 'en']), 'es'),
  /** Another contact officer of the same organization, told first when this one is late. */
  supervisorId: z.optional(CatalogueId),
});

export const AddressInput = z.strictObject({
  address1: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  city: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  province: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  postalCode: z.optional(z.string().check(z.trim(), z.maxLength(20))),
  country: z._default(z.literal('EC'), 'EC'),
});

export const LocationInput = z.strictObject({
  id: CatalogueId,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  /** A service point is one of the single window's own offices; the others are providers' premises. */
  kind: z.enum(['service-point', 'provider-site']),
  address: AddressInput,
  latitude: z.number().check(z.gte(-90), z.lte(90)),
  longitude: z.number().check(z.gte(-180), z.lte(180)),
});

const Time = withMeta(
  z
    .string()
    .check(
      z.refine(
        (v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v),
        msg('debe ser una hora HH:MM', 'must be a time HH:MM'),
      ),
    ),
  {
    pattern: '^([01]\\d|2[0-3]):[0-5]\\d$',
    description: 'A local time of day in the canton, HH:MM',
  },
);

export const ScheduleInput = z
  .strictObject({
    byDay: z.array(z.enum(WEEKDAYS)).check(z.minLength(1)),
    opensAt: Time,
    closesAt: Time,
    note: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  })
  .check(
    z.refine((s) => s.opensAt < s.closesAt, {
      path: ['closesAt'],
      ...msg('debe ser posterior a la hora de apertura', 'must be after the opening time'),
    }),
  );

export const CapacityInput = z
  .strictObject({
    total: Spots('total'),
    available: Spots('available'),
    waitlist: z._default(z.boolean(), false),
  })
  .check(
    z.refine((c) => c.available <= c.total, {
      path: ['available'],
      ...msg('no puede superar el total de cupos', 'cannot exceed the total number of spots'),
    }),
  );

/**
 * An HSDS record as its publisher sent it (organization without its services, or service without its
 * organization), kept when it holds fields SWCS does not model, so that an export gives them back. Only the
 * catalogue import writes it; a PUT that leaves it out drops it.
 */
export const HsdsReceived = withMeta(z.record(z.string(), z.unknown()), {
  description:
    'The Open Referral HSDS record as its publisher sent it, kept for what SWCS does not model (exported again)',
});

export const OrganizationFields = z.strictObject({
  id: CatalogueId,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  description: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  sector: z.enum(SECTORS),
  email: z.optional(z.email()),
  website: z.optional(z.url()),
  phone: z.optional(E164),
  contactOfficers: z._default(z.array(ContactOfficerInput).check(z.maxLength(50)), []),
  locations: z._default(z.array(LocationInput).check(z.maxLength(100)), []),
  hsds: z.optional(HsdsReceived),
});

type OrganizationShape = z.infer<typeof OrganizationFields>;

/** Contact officer ids are unique, and a supervisor is another contact officer of the same organization. */
function checkContactOfficers(org: Pick<OrganizationShape, 'contactOfficers'>, ctx: z.core.$RefinementCtx) {
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

export const OrganizationInput = withMeta(OrganizationFields.check(z.superRefine(checkContactOfficers)), {
  id: 'Organization',
});

/** The body of PUT /organizations/{organizationId}: the id comes from the path. */
export const OrganizationBody = withMeta(
  z.omit(OrganizationFields, { id: true }).check(z.superRefine(checkContactOfficers)),
  { id: 'OrganizationBody' },
);

export const ServiceFields = z.strictObject({
  id: CatalogueId,
  organizationId: CatalogueId,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  description: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
  /** The subcategories of requests this service answers. */
  serves: z.array(ServedSubcategory).check(z.minLength(1), z.maxLength(40)),
  /** Machine-checked criteria (see domain/eligibility.ts); `eligibilityText` is what people read. */
  eligibility: z.optional(EligibilityRuleSchema),
  eligibilityText: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
  requiredDocuments: z._default(
    z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))).check(z.maxLength(30)),
    [],
  ),
  schedules: z._default(z.array(ScheduleInput).check(z.maxLength(14)), []),
  status: z._default(z.enum(SERVICE_STATUSES), 'active'),
  capacity: CapacityInput,
  /** Where the service is delivered: ids of the organization's locations. */
  locationIds: z._default(z.array(CatalogueId).check(z.maxLength(100)), []),
  /** Who receives referrals: ids of the organization's contact officers, the first one by default. */
  contactOfficerIds: z.array(CatalogueId).check(z.minLength(1), z.maxLength(20)),
  hsds: z.optional(HsdsReceived),
});

export const ServiceInput = withMeta(ServiceFields, { id: 'Service' });

/** The body of PUT /services/{serviceId}: the id comes from the path. */
export const ServiceBody = withMeta(z.omit(ServiceFields, { id: true }), { id: 'ServiceBody' });

export type OrganizationInputType = z.infer<typeof OrganizationInput>;
export type ServiceInputType = z.infer<typeof ServiceInput>;
