import * as z from 'zod';
import { CalendarDay } from '#model/time.js';
import { CitizenProfileSchema } from './citizen-attributes.js';
import { FieldChangeInput, SupportingDocument } from './registry-change.js';

/**
 * The bodies of casework operations (intervention plans): the cart, its items, and what may later change on an
 * item — only its management status, never its data.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const Ulid = z
  .string()
  .refine((v) => ULID_PATTERN.test(v), msg('no es un identificador (ULID)', 'is not an id (ULID)'))
  .meta({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' });

const Subcategory = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/)
  .meta({ description: "A subcategory code of the kind, from the canton's plan options" });

const Text = (max: number) => z.string().trim().min(1).max(max);

/** Whose plan it is: a member of a registry household by national ID, or — explicitly — a provisional identity. */
export const PlanSubjectInput = z
  .object({
    nationalId: z
      .string()
      .regex(/^\d{10}$/)
      .optional()
      .meta({ description: 'The screened member of a Social Registry household (10 digits)' }),
    provisionalId: z
      .string()
      .regex(/^PRV-[0-9A-HJKMNP-TV-Z]{26}$/)
      .optional()
      .meta({
        description:
          'Attention without ID: a provisional identity of the canton. The only way to open a plan for a household not in the Social Registry',
      }),
  })
  .strict();

export const OpenCartBody = PlanSubjectInput.meta({ id: 'OpenPlanCart' });
export type OpenCartInput = z.infer<typeof OpenCartBody>;

const RegistryChangeItem = z
  .object({
    kind: z.literal('registry-change'),
    subcategory: Subcategory,
    changes: z.array(FieldChangeInput).min(1).max(20),
    documents: z.array(SupportingDocument).max(10).default([]),
  })
  .strict();

const HomeVisitItem = z
  .object({
    kind: z.literal('home-visit'),
    subcategory: Subcategory,
    scheduledOn: CalendarDay.meta({ description: "The day of the visit, in the canton's calendar" }),
    visitorId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/)
      .meta({ description: 'The staff id of who visits (a case manager of the canton)' }),
    purpose: Text(500).optional(),
  })
  .strict();

const SocialReportItem = z
  .object({
    kind: z.literal('social-report'),
    subcategory: Subcategory,
    purpose: Text(500).meta({ description: 'What the report is for (the service or benefit it supports)' }),
  })
  .strict();

const ReferralItem = z
  .object({
    kind: z.literal('referral'),
    subcategory: Subcategory,
    requestId: Ulid.meta({ description: "The citizen's request the referral is made for (classified)" }),
    serviceId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,79}$/)
      .meta({ description: 'The catalogue service, as for POST …/requests/{requestId}/referrals' }),
    citizenProfile: CitizenProfileSchema.default({}),
    eligibilityOverride: z
      .object({ reason: z.string().trim().min(3).max(1000) })
      .strict()
      .optional(),
    waitlistIfFull: z.boolean().default(true),
  })
  .strict();

const InKindItem = z
  .object({
    kind: z.literal('in-kind-benefit'),
    subcategory: Subcategory,
    description: Text(300),
    quantity: z.number().int().min(1).max(1000).default(1),
  })
  .strict();

const CashItem = z
  .object({
    kind: z.literal('cash-benefit'),
    subcategory: Subcategory,
    amount: z
      .number()
      .refine((n) => n > 0, msg('debe ser mayor que cero', 'must be greater than zero'))
      .refine(
        (n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
        msg('a lo sumo dos decimales', 'at most two decimals'),
      )
      .refine((n) => n <= 100000, msg('a lo sumo 100000', 'at most 100000')),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .meta({ description: "ISO 4217; the canton's currency (USD) when absent" }),
    description: Text(300).optional(),
  })
  .strict();

export const CartItemBody = z
  .discriminatedUnion('kind', [
    RegistryChangeItem,
    HomeVisitItem,
    SocialReportItem,
    ReferralItem,
    InKindItem,
    CashItem,
  ])
  .meta({ id: 'PlanCartItemInput' });
export type CartItemInput = z.infer<typeof CartItemBody>;

export const CheckoutBody = z
  .object({
    agreedWithCitizen: z.literal(true).meta({
      description: 'The citizen agreed the plan with the case manager: required, and true',
    }),
    note: Text(1000).optional(),
  })
  .strict()
  .meta({ id: 'PlanCheckout' });
export type CheckoutInput = z.infer<typeof CheckoutBody>;

/**
 * A change of an item's management status — the only thing that changes on an item once the plan exists. Any
 * other field (amount, scheduledOn, serviceId…) answers 400 naming it.
 */
export const ItemStatusBody = z
  .object({
    status: z.enum(['in-progress', 'done', 'not-done']),
    reason: Text(500).optional().meta({ description: 'Why not done: required with not-done' }),
    notes: Text(2000)
      .optional()
      .meta({ description: "A home visit's outcome notes: required when a visit is marked done" }),
    deliveredOn: CalendarDay.optional().meta({
      description: "An in-kind or cash benefit: the day it was delivered (today in the canton's calendar)",
    }),
    reportId: z
      .string()
      .regex(/^[0-9A-Za-z-]{1,40}$/)
      .optional()
      .meta({ description: 'A social report item: the id of the report that fulfils it' }),
  })
  .strict()
  .meta({ id: 'PlanItemStatusChange' });
export type ItemStatusInput = z.infer<typeof ItemStatusBody>;

export const ReopenBody = z
  .object({
    reason: Text(500),
    items: z
      .array(z.number().int().min(1))
      .min(1)
      .max(100)
      .meta({ description: 'The items (by number) that go back to in-progress' }),
  })
  .strict()
  .meta({ id: 'PlanReopening' });
export type ReopenInput = z.infer<typeof ReopenBody>;
