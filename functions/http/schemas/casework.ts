import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CalendarDay, Timestamp } from '#model/time.js';
import { pageSchema } from '#model/page.js';
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

// The paths and queries, in a module of their own: an operation's module takes them without the answers below,
// which only the OpenAPI document reads.
export * from './casework-requests.js';

// ---- Answers ----

const Subject = withMeta(
  z.discriminatedUnion('identification', [
    z.object({
      identification: z.literal('national-id'),
      nationalId: z.string(),
      householdId: z.string(),
      memberId: z.string(),
    }),
    z.object({ identification: z.literal('provisional'), provisionalId: z.string() }),
  ]),
  { id: 'PlanSubject' },
);

const Kind = z.enum(ITEM_KINDS);
const Status = z.enum(ITEM_STATUSES);

export const CartView = withMeta(
  z.object({
    cartId: z.string(),
    cantonId: z.string(),
    subject: Subject,
    status: z.enum(['open', 'checked-out']),
    items: z.array(
      z.object({
        number: z.number().check(z.int()),
        kind: Kind,
        group: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
        subcategory: z.string(),
        label: z.string(),
        data: z.record(z.string(), z.unknown()),
        addedAt: Timestamp,
        addedBy: z.string(),
      }),
    ),
    planId: z.optional(z.string()),
    createdBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().check(z.int()),
  }),
  { id: 'PlanCart' },
);

const ItemChange = z.object({
  at: Timestamp,
  by: z.string(),
  from: z.optional(Status),
  to: Status,
  via: z.enum(['checkout', 'manual', 'referral', 'registry-change', 'reopening']),
  reason: z.optional(z.string()),
});

const PlanItemView = z.object({
  number: z.number().check(z.int()),
  kind: Kind,
  group: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
  subcategory: z.string(),
  label: z.string(),
  data: withMeta(z.record(z.string(), z.unknown()), {
    description: 'As it was in the cart: it never changes',
  }),
  status: Status,
  colour: z.enum(['red', 'amber', 'green', 'grey']),
  reason: z.optional(z.string()),
  notes: z.optional(z.string()),
  deliveredOn: z.optional(CalendarDay),
  links: withMeta(
    z.object({
      referralId: z.optional(z.string()),
      changeId: z.optional(z.string()),
      benefitId: z.optional(z.string()),
      reportId: z.optional(z.string()),
    }),
    {
      description: 'What carrying the item out created: its referral, change request, benefit record, report',
    },
  ),
  carriedOut: withMeta(z.boolean(), {
    description:
      'false only for a referral item whose referral is not made yet: POST the checkout of its cart again to retry',
  }),
  history: z.array(ItemChange),
});

const Summary = withMeta(
  z.object({
    total: z.number().check(z.int()),
    counts: z.object(Object.fromEntries(ITEM_STATUSES.map((s) => [s, z.number().check(z.int())])) as never),
    items: z.array(
      z.object({
        number: z.number().check(z.int()),
        group: z.enum(['A', 'B', 'C', 'D', 'E', 'F']),
        kind: Kind,
        label: z.string(),
        status: Status,
        colour: z.enum(['red', 'amber', 'green', 'grey']),
      }),
    ),
  }),
  {
    id: 'PlanSummary',
    description:
      'What a console draws: counts by status, and each item with its colour (pending red, done green)',
  },
);

export const PlanView = withMeta(
  z.object({
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
    agreement: z.object({ agreedWithCitizen: z.literal(true), note: z.optional(z.string()) }),
    closedAt: z.optional(Timestamp),
    reopenings: z.array(
      z.object({
        at: Timestamp,
        by: z.string(),
        reason: z.string(),
        items: z.array(z.number().check(z.int())),
      }),
    ),
    outstanding: withMeta(
      z.optional(z.array(z.object({ item: z.number().check(z.int()), problem: z.string() }))),
      { description: 'At checkout: referral items that could not be carried out now, and why' },
    ),
    history: z.optional(
      z.array(
        z.object({
          at: Timestamp,
          by: z.object({ userId: z.string(), roles: z.array(z.string()) }),
          action: z.enum(['opened', 'item-changed', 'item-linked', 'reopened']),
          details: z.record(z.string(), z.unknown()),
        }),
      ),
    ),
    version: z.number().check(z.int()),
    updatedAt: Timestamp,
  }),
  { id: 'InterventionPlan' },
);

export const PlanPage = pageSchema(
  z.object({
    planId: z.string(),
    reference: z.string(),
    status: z.enum(PLAN_STATUSES),
    subjectKey: withMeta(z.string(), { description: 'The household id, or the provisional identity' }),
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
    item: z.number().check(z.int()),
    subcategory: z.string(),
    scheduledOn: CalendarDay,
    visitorId: z.string(),
    purpose: z.optional(z.string()),
    status: Status,
    notes: z.optional(z.string()),
    reason: z.optional(z.string()),
  }),
  'HomeVisitPage',
  "The visitor's home visits by scheduled day, earliest first",
);

const FILE_ENTRY_TYPES = ['plan', 'home-visit', 'request', 'referral', 'complaint', 'benefit'] as const;

export const HouseholdFileView = withMeta(
  z.object({
    subjectKey: z.string(),
    kind: z.enum(['household', 'provisional-identity']),
    counts: z.object(
      Object.fromEntries(FILE_ENTRY_TYPES.map((t) => [t, z.number().check(z.int())])) as never,
    ),
    entries: withMeta(
      z.array(
        z.object({
          at: Timestamp,
          type: z.enum(FILE_ENTRY_TYPES),
          id: z.string(),
          reference: z.optional(z.string()),
          status: z.optional(z.string()),
          summary: z.string(),
          planId: z.optional(z.string()),
          requestId: z.optional(z.string()),
        }),
      ),
      { description: 'Newest first; a visit or a benefit is dated at noon UTC of its day' },
    ),
  }),
  { id: 'HouseholdFile' },
);
