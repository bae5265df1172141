import * as z from 'zod';
import { CalendarDay, Timestamp } from '#model/time.js';
import { pageParameters, pageSchema } from '#model/page.js';
import { ITEM_STATUSES, PLAN_STATUSES } from '#domain/plan.js';
import { ITEM_KINDS } from '#domain/plan-options.js';
import { CantonPath } from './canton-path.js';

/**
 * The API contract of casework (intervention plans and home visits): the bodies are the domain's own schemas
 * (domain/plan-input.ts); the answers are described here as the views build them (http/views/casework.ts).
 */
export {
  OpenCartBody,
  CartItemBody,
  CheckoutBody,
  ItemStatusBody,
  ReopenBody,
  type OpenCartInput,
  type CartItemInput,
  type CheckoutInput,
  type ItemStatusInput,
  type ReopenInput,
} from '#domain/plan-input.js';

export { CantonPath };

const msg = (es: string, en: string) => ({ params: { es, en } });
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const Ulid = (what: { es: string; en: string }) =>
  z
    .string()
    .refine((value) => ULID.test(value), msg(what.es, what.en))
    .meta({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' });

export const CartPath = CantonPath.extend({
  cartId: Ulid({ es: 'no es un identificador de carrito', en: 'is not a cart id' }),
});
export const CartItemPath = CartPath.extend({ itemNumber: z.coerce.number().int().min(1).max(10000) });
export const PlanPath = CantonPath.extend({
  planId: Ulid({ es: 'no es un identificador de plan', en: 'is not a plan id' }),
});
export const PlanItemPath = PlanPath.extend({ itemNumber: z.coerce.number().int().min(1).max(10000) });

export const ListPlansQuery = z
  .object({
    status: z.enum(PLAN_STATUSES).optional(),
    ...pageParameters(),
  })
  .strict();
export type ListPlansInput = z.infer<typeof ListPlansQuery>;

export const ListVisitsQuery = z
  .object({
    visitorId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/)
      .optional()
      .meta({ description: 'Whose visits (a staff id); the caller’s own when absent' }),
    from: CalendarDay.optional().meta({ description: 'From this day (inclusive); any day when absent' }),
    to: CalendarDay.optional().meta({ description: 'Up to this day (inclusive); any day when absent' }),
    ...pageParameters(),
  })
  .strict();
export type ListVisitsInput = z.infer<typeof ListVisitsQuery>;

// ---- Answers ----

const Subject = z
  .discriminatedUnion('identification', [
    z.object({
      identification: z.literal('national-id'),
      nationalId: z.string(),
      householdId: z.string(),
      memberId: z.string(),
    }),
    z.object({ identification: z.literal('provisional'), provisionalId: z.string() }),
  ])
  .meta({ id: 'PlanSubject' });

const Kind = z.enum(ITEM_KINDS);
const Status = z.enum(ITEM_STATUSES);

export const CartView = z
  .object({
    cartId: z.string(),
    cantonId: z.string(),
    subject: Subject,
    status: z.enum(['open', 'checked-out']),
    items: z.array(
      z.object({
        number: z.number().int(),
        kind: Kind,
        group: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
        subcategory: z.string(),
        label: z.string(),
        data: z.record(z.string(), z.unknown()),
        addedAt: Timestamp,
        addedBy: z.string(),
      }),
    ),
    planId: z.string().optional(),
    createdBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'PlanCart' });

const ItemChange = z.object({
  at: Timestamp,
  by: z.string(),
  from: Status.optional(),
  to: Status,
  via: z.enum(['checkout', 'manual', 'referral', 'registry-change', 'reopening']),
  reason: z.string().optional(),
});

const PlanItemView = z.object({
  number: z.number().int(),
  kind: Kind,
  group: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  subcategory: z.string(),
  label: z.string(),
  data: z.record(z.string(), z.unknown()).meta({ description: 'As it was in the cart: it never changes' }),
  status: Status,
  colour: z.enum(['red', 'amber', 'green', 'grey']),
  reason: z.string().optional(),
  notes: z.string().optional(),
  deliveredOn: CalendarDay.optional(),
  links: z
    .object({
      referralId: z.string().optional(),
      changeId: z.string().optional(),
      benefitId: z.string().optional(),
      reportId: z.string().optional(),
    })
    .meta({
      description: 'What carrying the item out created: its referral, change request, benefit record, report',
    }),
  carriedOut: z.boolean().meta({
    description:
      'false only for a referral item whose referral is not made yet: POST the checkout of its cart again to retry',
  }),
  history: z.array(ItemChange),
});

const Summary = z
  .object({
    total: z.number().int(),
    counts: z.object(Object.fromEntries(ITEM_STATUSES.map((s) => [s, z.number().int()])) as never),
    items: z.array(
      z.object({
        number: z.number().int(),
        group: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
        kind: Kind,
        label: z.string(),
        status: Status,
        colour: z.enum(['red', 'amber', 'green', 'grey']),
      }),
    ),
  })
  .meta({
    id: 'PlanSummary',
    description:
      'What a console draws: counts by status, and each item with its colour (pending red, done green)',
  });

export const PlanView = z
  .object({
    planId: z.string(),
    cantonId: z.string(),
    reference: z.string(),
    cartId: z.string(),
    subject: Subject,
    status: z.enum(PLAN_STATUSES),
    items: z.array(PlanItemView),
    summary: Summary,
    openedBy: z.string(),
    openedAt: Timestamp,
    agreement: z.object({ agreedWithCitizen: z.literal(true), note: z.string().optional() }),
    closedAt: Timestamp.optional(),
    reopenings: z.array(
      z.object({ at: Timestamp, by: z.string(), reason: z.string(), items: z.array(z.number().int()) }),
    ),
    outstanding: z
      .array(z.object({ item: z.number().int(), problem: z.string() }))
      .optional()
      .meta({ description: 'At checkout: referral items that could not be carried out now, and why' }),
    history: z
      .array(
        z.object({
          at: Timestamp,
          by: z.object({ userId: z.string(), roles: z.array(z.string()) }),
          action: z.enum(['opened', 'item-changed', 'item-linked', 'reopened']),
          details: z.record(z.string(), z.unknown()),
        }),
      )
      .optional(),
    version: z.number().int(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'InterventionPlan' });

export const PlanPage = pageSchema(
  z.object({
    planId: z.string(),
    reference: z.string(),
    status: z.enum(PLAN_STATUSES),
    subjectKey: z.string().meta({ description: 'The household id, or the provisional identity' }),
    openedBy: z.string(),
    openedAt: Timestamp,
    summary: Summary,
  }),
  'PlanPage',
  "The canton's plans, newest first",
);

export const VisitPage = pageSchema(
  z.object({
    planId: z.string(),
    planReference: z.string(),
    item: z.number().int(),
    subcategory: z.string(),
    scheduledOn: CalendarDay,
    visitorId: z.string(),
    purpose: z.string().optional(),
    status: Status,
    notes: z.string().optional(),
    reason: z.string().optional(),
  }),
  'HomeVisitPage',
  "The visitor's home visits by scheduled day, earliest first",
);

export const HouseholdFilePath = CantonPath.extend({
  subjectKey: z
    .string()
    .regex(/^(PRV-[0-9A-HJKMNP-TV-Z]{26}|[A-Z0-9-]{3,40})$/)
    .meta({ description: 'A Social Registry household id, or a provisional identity (PRV-…)' }),
});

const FILE_ENTRY_TYPES = ['plan', 'home-visit', 'request', 'referral', 'complaint', 'benefit'] as const;

export const HouseholdFileView = z
  .object({
    subjectKey: z.string(),
    kind: z.enum(['household', 'provisional-identity']),
    counts: z.object(Object.fromEntries(FILE_ENTRY_TYPES.map((t) => [t, z.number().int()])) as never),
    entries: z
      .array(
        z.object({
          at: Timestamp,
          type: z.enum(FILE_ENTRY_TYPES),
          id: z.string(),
          reference: z.string().optional(),
          status: z.string().optional(),
          summary: z.string(),
          planId: z.string().optional(),
          requestId: z.string().optional(),
        }),
      )
      .meta({ description: 'Newest first; a visit or a benefit is dated at noon UTC of its day' }),
  })
  .meta({ id: 'HouseholdFile' });
