import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CatalogueId, Spots } from '#domain/catalogue-terms.js';

/** The catalogue API's paths and small bodies (schemas/catalogue.ts has the records and answers). */
const msg = (es: string, en: string) => ({ params: { es, en } });

export const OrganizationPath = z.object({ cantonId: z.string(), organizationId: CatalogueId });
export const ServicePath = z.object({ cantonId: z.string(), serviceId: CatalogueId });

export const DeactivationBody = withMeta(
  z.strictObject({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)) }),
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

export const NearestQuery = z.strictObject({
  latitude: z.coerce.number().check(z.gte(-90), z.lte(90)),
  longitude: z.coerce.number().check(z.gte(-180), z.lte(180)),
  kind: z._default(z.enum(['service-point', 'provider-site']), 'service-point'),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(20)), 3),
});
