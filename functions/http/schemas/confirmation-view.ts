import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';

/** What a referral shows of its citizen's confirmation (domain/citizen-confirmation.ts), once answered. */
export const CitizenConfirmationView = withMeta(
  z.object({
    answer: withMeta(z.enum(['confirmed', 'denied', 'unreachable']), {
      description:
        'confirmed: the citizen says they received the service; denied: they say they did not (the request went back to needs-referral); unreachable: an operator could not reach them',
    }),
    rating: withMeta(z.optional(z.number().check(z.int(), z.gte(1), z.lte(5))), {
      description: 'With confirmed: 1 to 5',
    }),
    at: Timestamp,
    via: withMeta(z.enum(['link', 'operator']), {
      description: "The citizen's own link, or an operator's call",
    }),
    by: withMeta(z.string(), { description: "The operator's user id, or `citizen` through the link" }),
  }),
  { id: 'CitizenConfirmation' },
);
