import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CitizenProfileSchema } from '#domain/citizen-profile.js';

/** The question of an eligibility check: a citizen's profile, and what they need. */
export const EligibilityBody = withMeta(
  z.strictObject({
    profile: CitizenProfileSchema,
    category: z.optional(z.string()),
    subcategory: z.optional(z.string()),
    text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  }),
  { id: 'EligibilityCheck' },
);
