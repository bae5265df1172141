import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CalendarDay } from '#model/time.js';

/**
 * The bodies of the casework operations that take no cart item: opening a cart, checking it out, an item's status
 * and reopening a plan (plan-input.ts has the items, and re-exports these).
 */
export const boundedText = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const Text = boundedText;

/** Whose plan it is: a member of a registry household by national ID, or — explicitly — a provisional identity. */
export const PlanSubjectInput = z.strictObject({
  nationalId: withMeta(z.optional(z.string().check(z.regex(/^\d{10}$/))), {
    description: 'The screened member of a Social Registry household (10 digits)',
  }),
  provisionalId: withMeta(z.optional(z.string().check(z.regex(/^PRV-[0-9A-HJKMNP-TV-Z]{26}$/))), {
    description:
      'Attention without ID: a provisional identity of the canton. The only way to open a plan for a household not in the Social Registry',
  }),
});

export const OpenCartBody = withMeta(PlanSubjectInput, { id: 'OpenPlanCart' });
export type OpenCartInput = z.infer<typeof OpenCartBody>;

export const CheckoutBody = withMeta(
  z.strictObject({
    agreedWithCitizen: withMeta(z.literal(true), {
      description: 'The citizen agreed the plan with the case manager: required, and true',
    }),
    note: z.optional(Text(1000)),
  }),
  { id: 'PlanCheckout' },
);
export type CheckoutInput = z.infer<typeof CheckoutBody>;

/**
 * A change of an item's management status — the only thing that changes on an item once the plan exists. Any
 * other field (amount, scheduledOn, serviceId…) answers 400 naming it.
 */
export const ItemStatusBody = withMeta(
  z.strictObject({
    status: z.enum(['in-progress', 'done', 'not-done']),
    reason: withMeta(z.optional(Text(500)), { description: 'Why not done: required with not-done' }),
    notes: withMeta(z.optional(Text(2000)), {
      description: "A home visit's outcome notes: required when a visit is marked done",
    }),
    deliveredOn: withMeta(z.optional(CalendarDay), {
      description: "An in-kind or cash benefit: the day it was delivered (today in the canton's calendar)",
    }),
    reportId: withMeta(z.optional(z.string().check(z.regex(/^[0-9A-Za-z-]{1,40}$/))), {
      description: 'A social report item: the id of the report that fulfils it',
    }),
  }),
  { id: 'PlanItemStatusChange' },
);
export type ItemStatusInput = z.infer<typeof ItemStatusBody>;

export const ReopenBody = withMeta(
  z.strictObject({
    reason: Text(500),
    items: withMeta(z.array(z.number().check(z.int(), z.gte(1))).check(z.minLength(1), z.maxLength(100)), {
      description: 'The items (by number) that go back to in-progress',
    }),
  }),
  { id: 'PlanReopening' },
);
export type ReopenInput = z.infer<typeof ReopenBody>;
