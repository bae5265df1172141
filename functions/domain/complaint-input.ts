import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { findCategory } from './taxonomy.js';

/**
 * What the complaints capability receives (PQSSF: preguntas, quejas, sugerencias, solicitudes de información y
 * felicitaciones): a case as opened, an activity, its progress, a resolution with its reply, an appeal and a
 * satisfaction rating. The domain's rules take these types; the API validates its bodies with these same schemas.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

/** The PQSSF types: the subcategories of the complaint category (domain/taxonomy.ts), in the same order. */
export const COMPLAINT_TYPES = [
  'question',
  'complaint',
  'claim',
  'suggestion',
  'information-request',
  'congratulation',
] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

/** The category whose classification opens a complaint case. */
export const COMPLAINT_CATEGORY = 'complaint';

export function isComplaintType(code: string): code is ComplaintType {
  return (COMPLAINT_TYPES as readonly string[]).includes(code);
}

/** Kept in step with the taxonomy: a subcategory added there without a type here fails the domain tests. */
export const complaintSubcategories = () =>
  findCategory(COMPLAINT_CATEGORY)?.subcategories.map((s) => s.code) ?? [];

/**
 * Types whose cases are hidden from everyone but the people assigned and the coordinators (HOPE's sensitive
 * types): the unit or provider a complaint is about must never read it.
 */
export const SENSITIVE_REASONS = [
  'abuse',
  'violence',
  'sexual-exploitation',
  'corruption',
  'staff-misconduct',
  'data-breach',
] as const;
export type SensitiveReason = (typeof SENSITIVE_REASONS)[number];

/** How the reply reaches the citizen: sent by SMS or e-mail, or recorded as given by phone or in person. */
export const REPLY_CHANNELS = ['sms', 'email', 'phone', 'in-person'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export const DECISIONS = [
  'upheld',
  'partly-upheld',
  'not-upheld',
  'withdrawn',
  'referred-to-casework',
  'redirected',
] as const;
export type Decision = (typeof DECISIONS)[number];

export const ACTIVITY_STATUSES = ['pending', 'in-progress', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

const Id = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const ActivityBody = withMeta(
  z
    .strictObject({
      description: Text(1000),
      assigneeId: withMeta(z.optional(Id), {
        description:
          'A staff member of the canton (of the national level once appealed); give either this or `unitId`',
      }),
      unitId: withMeta(z.optional(Id), {
        description:
          'A unit of the canton (of the national level once appealed) whose members work the activity; give either this or `assigneeId`',
      }),
      dueDate: withMeta(z.iso.date(), { description: "The canton's calendar day by which it is due" }),
      after: withMeta(
        z.optional(z.array(z.number().check(z.int(), z.gte(1), z.lte(10))).check(z.maxLength(9))),
        { description: 'Activities (by number) this one waits for; without, it runs in parallel' },
      ),
    })
    .check(
      z.superRefine((body, ctx) => {
        if ((body.assigneeId === undefined) === (body.unitId === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [body.assigneeId === undefined ? 'assigneeId' : 'unitId'],
            ...msg(
              'una actividad se asigna a una persona (assigneeId) o a una unidad (unitId), no a ambas ni a ninguna',
              'an activity is assigned to a person (assigneeId) or to a unit (unitId): one of them, not both',
            ),
          });
        }
      }),
    ),
  { id: 'ComplaintActivity' },
);
export type ActivityInput = z.infer<typeof ActivityBody>;

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
