import type { Language } from '#domain/taxonomy.js';
import type { EffectivePlanOptions } from '#domain/plan-options.js';
import { KIND_GROUP } from '#domain/plan-options.js';
import {
  type Plan,
  type PlanCart,
  type PlanEvent,
  planSummary,
  STATUS_COLOUR,
  subjectKey,
} from '#domain/plan.js';

/** The API shapes of carts and plans, in the caller's language. */
export function cartView(cart: PlanCart, options: EffectivePlanOptions, language: Language) {
  const { nextNumber: _next, ...rest } = cart;
  return {
    ...rest,
    items: cart.items.map((i) => ({
      ...i,
      group: KIND_GROUP[i.kind],
      label: options.items[i.kind]?.find((s) => s.code === i.subcategory)?.label[language] ?? i.subcategory,
    })),
  };
}

export function planView(
  plan: Plan,
  language: Language,
  extra: {
    history?: readonly PlanEvent[];
    outstanding?: readonly { item: number; problem: string }[];
  } = {},
) {
  return {
    ...plan,
    items: plan.items.map((i) => ({
      ...i,
      label: i.label[language],
      colour: STATUS_COLOUR[i.status],
      carriedOut: i.kind !== 'referral' || Boolean(i.links.referralId) || i.status !== 'pending',
    })),
    summary: planSummary(plan, language),
    ...(extra.outstanding ? { outstanding: extra.outstanding } : {}),
    ...(extra.history ? { history: extra.history.map(({ version: _v, ...e }) => e) } : {}),
  };
}

export function planListItem(plan: Plan, language: Language) {
  return {
    planId: plan.planId,
    reference: plan.reference,
    status: plan.status,
    subjectKey: subjectKey(plan.subject),
    openedBy: plan.openedBy,
    openedAt: plan.openedAt,
    summary: planSummary(plan, language),
  };
}
