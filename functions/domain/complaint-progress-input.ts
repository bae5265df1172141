import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { msg, Text } from './complaint-input.js';

/** The body of an activity's progress: started, done with its result, or cancelled with its reason. */
export const ActivityProgressBody = withMeta(
  z
    .strictObject({
      status: z.enum(['in-progress', 'done', 'cancelled']),
      result: withMeta(z.optional(Text(2000)), { description: 'What was found or done; required when done' }),
      reason: withMeta(z.optional(Text(500)), {
        description: 'Why it was cancelled; required when cancelled',
      }),
    })
    .check(
      z.superRefine((body, ctx) => {
        if (body.status === 'done' && body.result === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['result'],
            ...msg('una actividad terminada necesita su resultado', 'a done activity needs its result'),
          });
        }
        if (body.status === 'cancelled' && body.reason === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['reason'],
            ...msg('una actividad cancelada necesita el motivo', 'a cancelled activity needs its reason'),
          });
        }
      }),
    ),
  { id: 'ComplaintActivityProgress' },
);
export type ActivityProgressInput = z.infer<typeof ActivityProgressBody>;
