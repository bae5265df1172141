import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/kernel/errors.js';
import { CartItemBody, ItemStatusBody } from '../../functions/domain/plan-input.js';
import { DEFAULT_PLAN_ITEMS, effectivePlanOptions } from '../../functions/domain/plan-options.js';
import {
  addCartItem,
  changeItemStatus,
  newCart,
  openPlan,
  type Plan,
  planSummary,
  removeCartItem,
  reopenPlan,
  resolveItem,
} from '../../functions/domain/plan.js';
import { CantonDefinitionSchema } from '../../functions/domain/canton.js';
import { itemMoveFor } from '../../functions/domain/plan.js';
import type { Referral } from '../../functions/domain/referral.js';

const actor = { userId: 'uio.gestora', roles: ['case-manager'] };
const ctx = { actor, now: '2026-12-01T15:00:00.000Z' };
const options = effectivePlanOptions(undefined);
const subject = {
  identification: 'national-id' as const,
  nationalId: '1710034065',
  householdId: 'HH-UIO-000000',
  memberId: '1',
};

const problemOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof AppError)
      return { status: error.statusCode, fields: error.details.map((d) => d.field) };
    throw error;
  }
  throw new Error('expected a refusal');
};

function cartWith(...items: unknown[]) {
  let cart = newCart(subject, { ...ctx, cartId: 'C1', cantonId: 'quito' });
  for (const item of items) cart = addCartItem(cart, CartItemBody.parse(item), options, ctx).cart;
  return cart;
}

const visit = {
  kind: 'home-visit',
  subcategory: 'follow-up',
  scheduledOn: '2026-12-10',
  visitorId: 'uio.gestora',
};
const food = { kind: 'in-kind-benefit', subcategory: 'food-kit', description: 'Kit de alimentos' };
const referral = {
  kind: 'referral',
  subcategory: 'internal',
  requestId: '01JD5ZQ4X8G2T1V0M3N4P5R6S7',
  serviceId: 'psj-60-y-piquito',
};

function planOf(...items: unknown[]): Plan {
  return openPlan(cartWith(...items), options, { ...ctx, planId: 'P1', reference: 'PI-1' }).plan;
}
const today = { ...ctx, today: '2026-12-01' };

describe('the cart and its catalogue of options', () => {
  it('takes only the kinds and subcategories the canton enables', () => {
    const narrow = effectivePlanOptions({ items: { 'home-visit': [...DEFAULT_PLAN_ITEMS['home-visit']] } });
    const cart = newCart(subject, { ...ctx, cartId: 'C1', cantonId: 'quito' });
    expect(problemOf(() => addCartItem(cart, CartItemBody.parse(food), narrow, ctx))).toEqual({
      status: 400,
      fields: ['kind'],
    });
    expect(
      problemOf(() => addCartItem(cart, CartItemBody.parse({ ...visit, subcategory: 'party' }), narrow, ctx)),
    ).toEqual({ status: 400, fields: ['subcategory'] });
    expect(addCartItem(cart, CartItemBody.parse(visit), narrow, ctx).cart.items).toHaveLength(1);
  });

  it('a cash benefit needs an amount above zero with at most two decimals, in the canton’s currency', () => {
    const cash = { kind: 'cash-benefit', subcategory: 'rent-support' };
    for (const amount of [undefined, 0, -10, 10.005, '50']) {
      const parsed = CartItemBody.safeParse({ ...cash, ...(amount === undefined ? {} : { amount }) });
      expect(parsed.success, String(amount)).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['amount']);
    }
    const cart = newCart(subject, { ...ctx, cartId: 'C1', cantonId: 'quito' });
    expect(
      problemOf(() =>
        addCartItem(cart, CartItemBody.parse({ ...cash, amount: 50, currency: 'EUR' }), options, ctx),
      ),
    ).toEqual({ status: 400, fields: ['currency'] });
    const added = addCartItem(cart, CartItemBody.parse({ ...cash, amount: 80.25 }), options, ctx);
    expect(added.item.data).toEqual({ amount: 80.25, currency: 'USD' });
  });

  it('an empty cart makes no plan; a checked-out cart takes no more items', () => {
    const empty = cartWith();
    expect(problemOf(() => openPlan(empty, options, { ...ctx, planId: 'P', reference: 'R' }))).toEqual({
      status: 400,
      fields: ['items'],
    });
    const { cart } = openPlan(cartWith(visit), options, { ...ctx, planId: 'P', reference: 'R' });
    expect(problemOf(() => addCartItem(cart, CartItemBody.parse(food), options, ctx)).status).toBe(409);
    expect(problemOf(() => removeCartItem(cart, 1, ctx)).status).toBe(409);
  });

  it('the canton definition accepts plan options and refuses a list without case managers', () => {
    const base = {
      id: 'demo',
      level: 'canton',
      name: 'Demo',
      province: 'Pichincha',
      code: '1799',
      timeZone: 'America/Guayaquil',
      language: 'es',
      enabledCategories: ['beneficiary-household'],
      staff: [{ id: 'demo.coord', name: 'Coord', email: 'c@example.org', roles: ['coordinator'] }],
    };
    expect(
      CantonDefinitionSchema.safeParse({ ...base, interventionPlans: { openedBy: ['swcs-officer'] } })
        .success,
    ).toBe(false);
    expect(
      CantonDefinitionSchema.safeParse({
        ...base,
        interventionPlans: { openedBy: ['case-manager', 'swcs-officer'] },
      }).success,
    ).toBe(true);
  });
});

describe('items after checkout', () => {
  it('change only their status; the data schema refuses any data field', () => {
    expect(
      ItemStatusBody.safeParse({ status: 'done', scheduledOn: '2026-12-11' }).error?.issues[0],
    ).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['scheduledOn'],
    });
  });

  it('move pending → in-progress → done | not-done, with a reason for not-done and notes for a visit done', () => {
    const plan = planOf(visit, food);
    expect(problemOf(() => changeItemStatus(plan, 2, { status: 'not-done' }, today))).toEqual({
      status: 400,
      fields: ['reason'],
    });
    expect(problemOf(() => changeItemStatus(plan, 1, { status: 'done' }, today))).toEqual({
      status: 400,
      fields: ['notes'],
    });
    const started = changeItemStatus(plan, 1, { status: 'in-progress' }, today).plan;
    const done = changeItemStatus(started, 1, { status: 'done', notes: 'ok' }, today).plan;
    expect(problemOf(() => changeItemStatus(done, 1, { status: 'in-progress' }, today)).status).toBe(409);
    expect(done.status).toBe('open');
    const delivered = changeItemStatus(done, 2, { status: 'done' }, today);
    expect(delivered.plan.status).toBe('closed');
    expect(delivered.item.deliveredOn).toBe('2026-12-01');
    expect(delivered.event.details).toMatchObject({ planClosed: true });
    expect(
      problemOf(() => changeItemStatus(done, 2, { status: 'done', deliveredOn: '2026-12-02' }, today)),
    ).toEqual({
      status: 400,
      fields: ['deliveredOn'],
    });
  });

  it('referral items follow their referral; nobody moves them by hand', () => {
    const plan = planOf(referral, visit);
    const linked = {
      ...plan,
      items: plan.items.map((i) => (i.number === 1 ? { ...i, links: { referralId: 'R1' } } : i)),
    };
    expect(problemOf(() => changeItemStatus(linked, 1, { status: 'done' }, today)).status).toBe(409);
    const accepted = resolveItem(linked, 1, { to: 'in-progress', via: 'referral' }, ctx);
    expect(accepted?.plan.items[0]?.status).toBe('in-progress');
    expect(resolveItem(accepted!.plan, 1, { to: 'in-progress', via: 'referral' }, ctx)).toBeUndefined();
    const done = resolveItem(accepted!.plan, 1, { to: 'done', via: 'referral' }, ctx);
    expect(done?.plan.status).toBe('open');
    expect(resolveItem(done!.plan, 1, { to: 'not-done', via: 'referral' }, ctx)).toBeUndefined();
  });

  it('map each referral outcome to its item: assisted done, unserved not-done with the reason', () => {
    const base = { reference: 'AB12-CD34' } as Referral;
    expect(itemMoveFor({ ...base, status: 'accepted' } as Referral)?.to).toBe('in-progress');
    expect(
      itemMoveFor({
        ...base,
        status: 'completed',
        counterReferral: { assisted: true, outcome: 'ok' },
      } as Referral),
    ).toMatchObject({ to: 'done' });
    expect(
      itemMoveFor({
        ...base,
        status: 'completed',
        counterReferral: { assisted: false, outcome: 'no vino' },
      } as Referral),
    ).toMatchObject({ to: 'not-done', reason: expect.stringContaining('no vino') });
    expect(
      itemMoveFor({ ...base, status: 'rejected', reason: { code: 'no-capacity' } } as Referral),
    ).toMatchObject({ to: 'not-done', reason: expect.stringContaining('no-capacity') });
    expect(itemMoveFor({ ...base, status: 'requested' } as Referral)).toBeUndefined();
  });
});

describe('closing and reopening', () => {
  it('reopens only a closed plan, with a reason, putting the named items back in progress', () => {
    const plan = planOf(visit, referral);
    expect(problemOf(() => reopenPlan(plan, { reason: 'x', items: [1] }, ctx)).status).toBe(409);
    let closed = changeItemStatus(plan, 1, { status: 'not-done', reason: 'No estaba' }, today).plan;
    closed = resolveItem(closed, 2, { to: 'not-done', via: 'referral', reason: 'cancelled' }, ctx)!.plan;
    expect(closed.status).toBe('closed');
    expect(problemOf(() => reopenPlan(closed, { reason: 'x', items: [2] }, ctx))).toEqual({
      status: 400,
      fields: ['items.0'],
    });
    expect(problemOf(() => reopenPlan(closed, { reason: 'x', items: [9] }, ctx))).toEqual({
      status: 400,
      fields: ['items.0'],
    });
    const { plan: reopened, event } = reopenPlan(closed, { reason: 'Nueva visita', items: [1] }, ctx);
    expect(reopened).toMatchObject({ status: 'open', reopenings: [{ reason: 'Nueva visita', items: [1] }] });
    expect(reopened.closedAt).toBeUndefined();
    expect(reopened.items[0]).toMatchObject({ status: 'in-progress' });
    expect(reopened.items[0]?.reason).toBeUndefined();
    expect(event.action).toBe('reopened');
  });

  it('summarises counts and per-item colours for a console', () => {
    const plan = changeItemStatus(planOf(visit, food), 2, { status: 'done' }, today).plan;
    expect(planSummary(plan, 'en')).toEqual({
      total: 2,
      counts: { pending: 1, 'in-progress': 0, done: 1, 'not-done': 0 },
      items: [
        {
          number: 1,
          group: 'B',
          kind: 'home-visit',
          label: 'Follow-up visit',
          status: 'pending',
          colour: 'red',
        },
        {
          number: 2,
          group: 'E',
          kind: 'in-kind-benefit',
          label: 'Food kit',
          status: 'done',
          colour: 'green',
        },
      ],
    });
  });
});
