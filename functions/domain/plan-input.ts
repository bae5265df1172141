import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CalendarDay } from '#model/time.js';
import { CitizenProfileSchema } from './citizen-profile.js';
import { FieldChangeInput, SupportingDocument } from './registry-change.js';
import { boundedText as Text } from './plan-bodies.js';

/**
 * The bodies of casework operations (intervention plans): the cart's items here, with the citizen profile and
 * registry changes they carry; opening a cart, checking it out and what may later change on an item — only its
 * management status, never its data — in plan-bodies.ts, which the operations that take them load alone.
 */
export * from './plan-bodies.js';
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

const RegistryChangeItem = z.strictObject({
  kind: z.literal('registry-change'),
  subcategory: Subcategory,
  changes: z.array(FieldChangeInput).check(z.minLength(1), z.maxLength(20)),
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
    z.strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(1000)) }),
  ),
  waitlistIfFull: z._default(z.boolean(), true),
});

const InKindItem = z.strictObject({
  kind: z.literal('in-kind-benefit'),
  subcategory: Subcategory,
  description: Text(300),
  quantity: z._default(z.number().check(z.int(), z.gte(1), z.lte(1000)), 1),
});

const CashItem = z.strictObject({
  kind: z.literal('cash-benefit'),
  subcategory: Subcategory,
  amount: z.number().check(
    z.refine((n) => n > 0, msg('debe ser mayor que cero', 'must be greater than zero')),
    z.refine(
      (n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
      msg('a lo sumo dos decimales', 'at most two decimals'),
    ),
    z.refine((n) => n <= 100000, msg('a lo sumo 100000', 'at most 100000')),
  ),
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
