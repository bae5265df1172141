import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CalendarDay } from '#model/time.js';
import { CitizenProfileSchema } from './citizen-attributes.js';
import { FieldChangeInput, SupportingDocument } from './registry-change.js';

/**
 * The bodies of casework operations (intervention plans): the cart, its items, and what may later change on an
 * item — only its management status, never its data.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const Ulid = withMeta(
  z
    .string()
    .check(
      z.refine((v) => ULID_PATTERN.test(v), msg('no es un identificador (ULID)', 'is not an id (ULID)')),
    ),
  { pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' },
);

const Subcategory = withMeta(z.string().check(z.regex(/^[a-z][a-z0-9-]{1,39}$/)), {
  description: "A subcategory code of the kind, from the canton's plan options",
});

const Text = (max: number) => z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(max));

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

const RegistryChangeItem = z.strictObject({
  kind: z.literal('registry-change'),
  subcategory: Subcategory,
  changes: z.array(FieldChangeInput).check(z.minLength(1)).check(z.maxLength(20)),
  documents: z._default(z.array(SupportingDocument).check(z.maxLength(10)), []),
});

const HomeVisitItem = z.strictObject({
  kind: z.literal('home-visit'),
  subcategory: Subcategory,
  scheduledOn: withMeta(CalendarDay, { description: "The day of the visit, in the canton's calendar" }),
  visitorId: withMeta(z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/)), {
    description: 'The staff id of who visits (a case manager of the canton)',
  }),
  purpose: z.optional(Text(500)),
});

const SocialReportItem = z.strictObject({
  kind: z.literal('social-report'),
  subcategory: Subcategory,
  purpose: withMeta(Text(500), {
    description: 'What the report is for (the service or benefit it supports)',
  }),
});

const ReferralItem = z.strictObject({
  kind: z.literal('referral'),
  subcategory: Subcategory,
  requestId: withMeta(Ulid, { description: "The citizen's request the referral is made for (classified)" }),
  serviceId: withMeta(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,79}$/)), {
    description: 'The catalogue service, as for POST …/requests/{requestId}/referrals',
  }),
  citizenProfile: z._default(CitizenProfileSchema, {}),
  eligibilityOverride: z.optional(
    z.strictObject({ reason: z.string().check(z.trim()).check(z.minLength(3)).check(z.maxLength(1000)) }),
  ),
  waitlistIfFull: z._default(z.boolean(), true),
});

const InKindItem = z.strictObject({
  kind: z.literal('in-kind-benefit'),
  subcategory: Subcategory,
  description: Text(300),
  quantity: z._default(z.number().check(z.int()).check(z.gte(1)).check(z.lte(1000)), 1),
});

const CashItem = z.strictObject({
  kind: z.literal('cash-benefit'),
  subcategory: Subcategory,
  amount: z
    .number()
    .check(z.refine((n) => n > 0, msg('debe ser mayor que cero', 'must be greater than zero')))
    .check(
      z.refine(
        (n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
        msg('a lo sumo dos decimales', 'at most two decimals'),
      ),
    )
    .check(z.refine((n) => n <= 100000, msg('a lo sumo 100000', 'at most 100000'))),
  currency: withMeta(z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))), {
    description: "ISO 4217; the canton's currency (USD) when absent",
  }),
  description: z.optional(Text(300)),
});

export const CartItemBody = withMeta(
  z.discriminatedUnion('kind', [
    RegistryChangeItem,
    HomeVisitItem,
    SocialReportItem,
    ReferralItem,
    InKindItem,
    CashItem,
  ]),
  { id: 'PlanCartItemInput' },
);
export type CartItemInput = z.infer<typeof CartItemBody>;

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
    items: withMeta(
      z
        .array(z.number().check(z.int()).check(z.gte(1)))
        .check(z.minLength(1))
        .check(z.maxLength(100)),
      { description: 'The items (by number) that go back to in-progress' },
    ),
  }),
  { id: 'PlanReopening' },
);
export type ReopenInput = z.infer<typeof ReopenBody>;
