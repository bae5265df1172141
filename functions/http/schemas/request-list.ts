import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { pageParameters, pageSchema } from '#model/page.js';
import { checkClassification } from '#domain/taxonomy-schema.js';
import { REQUEST_STATUSES, URGENCIES } from '#domain/request-vocabulary.js';
import { requestHead } from './request-fields.js';

/** The list of a canton's requests: its filters, and the summaries it shows. */

const msg = (es: string, en: string) => ({ params: { es, en } });

/** Dates a list can be filtered by: ISO 8601, between 2000 and 2100 (a year 9999 bound is a typo, not a query). */
const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).check(
  z.refine(
    (value) => {
      const at = Date.parse(value);
      return at >= Date.UTC(2000, 0, 1) && at < Date.UTC(2100, 0, 1);
    },
    msg('debe ser una fecha entre los años 2000 y 2099', 'must be a date between the years 2000 and 2099'),
  ),
);

export const ListRequestsQuery = z
  .strictObject({
    status: z.optional(z.enum(REQUEST_STATUSES)),
    category: z.optional(z.string().check(z.maxLength(60))),
    assignedOfficer: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
    from: z.optional(isoDate),
    to: z.optional(isoDate),
    ...pageParameters(),
  })
  // Whether `to` comes before `from` is asked once both are instants (the handler): a bare date is the canton's
  // day, which depends on its time zone, so raw strings of two forms cannot be compared here.
  .check(z.superRefine(checkClassification));

export type ListRequestsInput = z.infer<typeof ListRequestsQuery>;

/**
 * A request as a list shows it: enough to find and triage it, nothing that identifies or describes the citizen
 * (national ID, name, phone, e-mail, description), which only the single-record read shows — and audits.
 */
export const RequestSummary = withMeta(
  z.object({
    ...requestHead,
    classification: z.optional(
      z.object({ category: z.string(), subcategory: z.string(), label: z.string() }),
    ),
    urgency: z.enum(URGENCIES),
    assignedOfficer: z.optional(z.string()),
    citizenInitials: withMeta(z.optional(z.string()), {
      description: "The citizen's initials (given, family), when a name was recorded",
      examples: ['R. G.'],
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: withMeta(z.number().check(z.int()), {
      description: 'Increments with every change of the request',
    }),
  }),
  { id: 'RequestSummary' },
);

export const RequestPage = pageSchema(
  RequestSummary,
  'RequestPage',
  'Requests newest first, as summaries: GET the request for the citizen and the description',
);
