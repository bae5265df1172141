import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { pageParameters } from '#model/page.js';
import { COMPLAINT_TYPES } from '#domain/complaint-input.js';
import { CLOCK_STATES } from '#domain/complaint-clock.js';

/** The query of the list of complaint cases. */
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
