import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { pageParameters } from '#model/page.js';
import { COMPLAINT_TYPES } from '#domain/complaint-input.js';
import { CLOCK_STATES } from '#domain/complaint-clock.js';
import { CantonPath } from './canton-path.js';

/** The paths and the list query of complaint cases (schemas/complaints.ts has the answers). */
const msg = (es: string, en: string) => ({ params: { es, en } });

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const ComplaintPath = z.extend(CantonPath, {
  complaintId: withMeta(
    z
      .string()
      .check(
        z.refine((value) => ULID.test(value), msg('no es un identificador de caso', 'is not a case id')),
      ),
    { pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' },
  ),
});

export const ActivityPath = z.extend(ComplaintPath, {
  activityNumber: z.coerce.number().check(z.int(), z.gte(1), z.lte(10)),
});

export const ReferencePath = z.extend(CantonPath, {
  reference: withMeta(
    z
      .string()
      .check(
        z.refine(
          (value) => /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(value),
          msg('no es una referencia como F9MZ-NGF8', 'is not a reference such as F9MZ-NGF8'),
        ),
      ),
    { pattern: '^[0-9A-Z]{4}-[0-9A-Z]{4}$' },
  ),
});

export const ListComplaintsQuery = z.strictObject({
  status: z.optional(z.enum(['open', 'in-progress', 'resolved'])),
  type: z.optional(z.enum(COMPLAINT_TYPES)),
  clock: z.optional(z.enum(CLOCK_STATES)),
  assigneeId: withMeta(z.optional(z.string().check(z.minLength(1), z.maxLength(64))), {
    description: "Cases the person owns or has an activity of (the caller's level's staff)",
  }),
  unitId: withMeta(z.optional(z.string().check(z.minLength(1), z.maxLength(64))), {
    description: "Cases with an activity assigned to the unit (a unit of the caller's canton, or national)",
  }),
  ...pageParameters(),
});
export type ListComplaintsInput = z.infer<typeof ListComplaintsQuery>;
