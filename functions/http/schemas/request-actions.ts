import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { ReasonSchema } from '#domain/referral-record.js';

/** What an officer sends to answer, assign or close one request: each route's body. */

export const AnswerBody = withMeta(
  z.strictObject({ answer: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)) }),
  { id: 'Answer' },
);

export const AssignBody = withMeta(
  z.strictObject({
    officerId: z.string().check(z.minLength(1), z.maxLength(64)),
    note: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  }),
  { id: 'Assign' },
);

export const CloseBody = withMeta(z.strictObject({ reason: ReasonSchema }), { id: 'RequestClosure' });
