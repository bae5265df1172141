import * as z from 'zod/mini';
import { pageParameters } from '#model/page.js';
import { checkClassification } from '#domain/taxonomy-schema.js';
import { SERVICE_STATUSES } from '#domain/catalogue-terms.js';

/** A search of the catalogue's services (GET /cantons/{cantonId}/services). */
const booleanQuery = z.pipe(
  z.enum(['true', 'false']),
  z.transform((v) => v === 'true'),
);

export const ServiceSearchQuery = z
  .strictObject({
    category: z.optional(z.string()),
    subcategory: z.optional(z.string()),
    text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    status: z.optional(z.enum(SERVICE_STATUSES)),
    /** Only services that can take a citizen now: active, with spots or a waitlist. */
    available: z.optional(booleanQuery),
    /** National services, which a canton reaches by escalation; included unless `false`. */
    includeNational: z._default(booleanQuery, true),
    ...pageParameters(),
  })
  .check(z.superRefine(checkClassification));
