import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { DECISIONS, Text } from './complaint-input.js';

/** The bodies of what ends a level's work on a case: its resolution with the reply, an appeal, the citizen's rating. */
export const ResolutionBody = withMeta(
  z.strictObject({
    decision: withMeta(z.enum(DECISIONS), { description: 'The decision code' }),
    reply: z.strictObject({
      text: withMeta(Text(2000), { description: 'The answer to the citizen, in plain words' }),
      givenBy: withMeta(z.optional(z.enum(['phone', 'in-person'])), {
        description:
          'The reply was given by phone or in person: it is recorded as given rather than sent through the case’s reply channel',
      }),
    }),
  }),
  { id: 'ComplaintResolution' },
);
export type ResolutionInput = z.infer<typeof ResolutionBody>;

export const AppealBody = withMeta(
  z.strictObject({
    reason: withMeta(Text(2000), { description: 'Why the citizen disagrees with the decision' }),
  }),
  { id: 'ComplaintAppeal' },
);
export type AppealInput = z.infer<typeof AppealBody>;

export const SatisfactionBody = withMeta(
  z.strictObject({
    rating: withMeta(z.number().check(z.int(), z.gte(1), z.lte(5)), {
      description: '1 (very unsatisfied) to 5 (very satisfied)',
    }),
    comment: z.optional(Text(1000)),
  }),
  { id: 'ComplaintSatisfaction' },
);
export type SatisfactionInput = z.infer<typeof SatisfactionBody>;
