import { AppError, badRequest, conflict, notFound } from '#kernel/errors.js';
import type { Localized } from '#kernel/messages.js';
import type { Actor } from '#model/caller.js';
import type { CartItemInput, ItemStatusInput, ReopenInput } from './plan-input.js';
import { type EffectivePlanOptions, type ItemKind, KIND_GROUP } from './plan-options.js';
import type { Referral } from './referral-record.js';
import type { SocialReport } from './social-report.js';

/**
 * Intervention plans (GSL's "plan de intervención"): a cart of catalogue items agreed with the citizen becomes the
 * plan at checkout. From then on an item's data never changes — only its management status, with its history —
 * and the plan closes by itself when no item is pending or in progress. Referral and registry-change items follow
 * their referral or change request on their own; the others are moved by the case manager. Pure rules here; the
 * stores and use cases are in adapters/dynamodb/plans-store.ts and app/casework/.
 */
export const ITEM_STATUSES = ['pending', 'in-progress', 'done', 'not-done'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const PLAN_STATUSES = ['open', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Items whose status follows another record (their referral, their change request): nobody moves them by hand. */
export const SELF_RESOLVING: readonly ItemKind[] = ['referral', 'registry-change'];

/** How a console draws an item's state (GSL's plan summary: pending red, done green). */
export const STATUS_COLOUR: Readonly<Record<ItemStatus, 'red' | 'amber' | 'green' | 'grey'>> = {
  pending: 'red',
  'in-progress': 'amber',
  done: 'green',
  'not-done': 'grey',
};

export type PlanSubject =
  | {
      readonly identification: 'national-id';
      readonly nationalId: string;
      readonly householdId: string;
      readonly memberId: string;
    }
  | { readonly identification: 'provisional'; readonly provisionalId: string };

/** The key a subject's plans are found by: the registry household, or the provisional identity. */
export const subjectKey = (subject: PlanSubject) =>
  subject.identification === 'national-id' ? subject.householdId : subject.provisionalId;

export interface CartItem {
  readonly number: number;
  readonly kind: ItemKind;
  readonly subcategory: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly addedAt: string;
  readonly addedBy: string;
}

export interface PlanCart {
  readonly cartId: string;
  readonly cantonId: string;
  readonly subject: PlanSubject;
  readonly status: 'open' | 'checked-out';
  readonly items: readonly CartItem[];
  readonly nextNumber: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly planId?: string;
  readonly version: number;
}

export type ChangeVia = 'checkout' | 'manual' | 'referral' | 'registry-change' | 'reopening';

export interface ItemChange {
  readonly at: string;
  readonly by: string;
  readonly from?: ItemStatus;
  readonly to: ItemStatus;
  readonly via: ChangeVia;
  readonly reason?: string;
}

export interface ItemLinks {
  readonly referralId?: string;
  readonly changeId?: string;
  readonly benefitId?: string;
  readonly reportId?: string;
}

export interface PlanItem {
  readonly number: number;
  readonly kind: ItemKind;
  readonly group: (typeof KIND_GROUP)[ItemKind];
  readonly subcategory: string;
  readonly label: Localized;
  readonly data: Readonly<Record<string, unknown>>;
  readonly status: ItemStatus;
  readonly reason?: string;
  readonly notes?: string;
  readonly deliveredOn?: string;
  readonly links: ItemLinks;
  readonly history: readonly ItemChange[];
}

export interface Reopening {
  readonly at: string;
  readonly by: string;
  readonly reason: string;
  readonly items: readonly number[];
}

export interface Plan {
  readonly planId: string;
  readonly cantonId: string;
  readonly reference: string;
  readonly cartId: string;
  readonly subject: PlanSubject;
  readonly status: PlanStatus;
  readonly items: readonly PlanItem[];
  readonly openedBy: string;
  readonly openedAt: string;
  readonly agreement: { readonly agreedWithCitizen: true; readonly note?: string };
  readonly closedAt?: string;
  readonly reopenings: readonly Reopening[];
  readonly version: number;
  readonly updatedAt: string;
}

export interface PlanEvent {
  readonly version: number;
  readonly at: string;
  readonly by: Actor;
  readonly action: 'opened' | 'item-changed' | 'item-linked' | 'reopened';
  readonly details: Readonly<Record<string, unknown>>;
}

interface Ctx {
  readonly actor: Actor;
  readonly now: string;
}

const itemNotFound = (number: number) =>
  notFound({ es: `El plan no tiene el ítem ${number}`, en: `The plan has no item ${number}` });

// ---- The cart ----

export function newCart(subject: PlanSubject, ctx: Ctx & { cartId: string; cantonId: string }): PlanCart {
  return {
    cartId: ctx.cartId,
    cantonId: ctx.cantonId,
    subject,
    status: 'open',
    items: [],
    nextNumber: 1,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    version: 1,
  };
}

const checkedOut = (cart: PlanCart) =>
  conflict({
    es: `El carrito ya se convirtió en el plan ${cart.planId}: los ítems de un plan conservan sus datos; solo cambia su estado`,
    en: `The cart has already become plan ${cart.planId}: a plan's items keep their data; only their status changes`,
  });

/** The subcategory of a kind the canton enables (400 naming `kind` or `subcategory` otherwise). */
export function subcategoryOf(options: EffectivePlanOptions, kind: ItemKind, subcategory: string) {
  const list = options.items[kind];
  if (!list) {
    throw badRequest('kind', {
      es: `el cantón no habilita ítems de tipo ${kind} en sus planes (habilitados: ${Object.keys(options.items).join(', ')})`,
      en: `the canton does not enable ${kind} items in its plans (enabled: ${Object.keys(options.items).join(', ')})`,
    });
  }
  const found = list.find((s) => s.code === subcategory);
  if (!found) {
    throw badRequest('subcategory', {
      es: `"${subcategory}" no es una subcategoría habilitada de ${kind} (habilitadas: ${list.map((s) => s.code).join(', ')})`,
      en: `"${subcategory}" is not an enabled subcategory of ${kind} (enabled: ${list.map((s) => s.code).join(', ')})`,
    });
  }
  return found;
}

/** Adds an item as the caller gave it, after the canton's catalogue of options allows its kind and subcategory. */
export function addCartItem(
  cart: PlanCart,
  input: CartItemInput,
  options: EffectivePlanOptions,
  ctx: Ctx,
): { cart: PlanCart; item: CartItem } {
  if (cart.status !== 'open') throw checkedOut(cart);
  subcategoryOf(options, input.kind, input.subcategory);
  if (input.kind === 'registry-change' && cart.subject.identification !== 'national-id') {
    throw badRequest('kind', {
      es: 'una identidad provisional no tiene datos en el Registro Social que modificar: primero debe registrarse',
      en: 'a provisional identity has no Social Registry data to change: it must be registered first',
    });
  }
  if (input.kind === 'cash-benefit' && input.currency && input.currency !== options.currency) {
    throw badRequest('currency', {
      es: `las ayudas económicas del cantón se dan en ${options.currency}`,
      en: `the canton's cash benefits are in ${options.currency}`,
    });
  }
  const { kind, subcategory, ...rest } = input;
  const data =
    input.kind === 'cash-benefit'
      ? { ...rest, currency: options.currency }
      : (rest as Record<string, unknown>);
  const item: CartItem = {
    number: cart.nextNumber,
    kind,
    subcategory,
    data,
    addedAt: ctx.now,
    addedBy: ctx.actor.userId,
  };
  return {
    cart: {
      ...cart,
      items: [...cart.items, item],
      nextNumber: cart.nextNumber + 1,
      updatedAt: ctx.now,
      version: cart.version + 1,
    },
    item,
  };
}

export function removeCartItem(cart: PlanCart, number: number, ctx: Ctx): PlanCart {
  if (cart.status !== 'open') throw checkedOut(cart);
  if (!cart.items.some((i) => i.number === number)) {
    throw notFound({ es: `El carrito no tiene el ítem ${number}`, en: `The cart has no item ${number}` });
  }
  return {
    ...cart,
    items: cart.items.filter((i) => i.number !== number),
    updatedAt: ctx.now,
    version: cart.version + 1,
  };
}

// ---- Checkout: the cart becomes the plan ----

/** The plan a cart becomes: `open`, every item pending with its data as it was in the cart. */
export function openPlan(
  cart: PlanCart,
  options: EffectivePlanOptions,
  ctx: Ctx & { planId: string; reference: string; note?: string | undefined },
): { plan: Plan; cart: PlanCart; event: PlanEvent } {
  if (cart.status !== 'open') throw checkedOut(cart);
  if (cart.items.length === 0) {
    throw badRequest('items', {
      es: 'el carrito está vacío: agregue al menos un ítem antes de crear el plan',
      en: 'the cart is empty: add at least one item before creating the plan',
    });
  }
  const items = cart.items.map((item): PlanItem => ({
    number: item.number,
    kind: item.kind,
    group: KIND_GROUP[item.kind],
    subcategory: item.subcategory,
    // The canton may have changed its options since the item was added: the item is checked again.
    label: subcategoryOf(options, item.kind, item.subcategory).label,
    data: item.data,
    status: 'pending',
    links: {},
    history: [{ at: ctx.now, by: ctx.actor.userId, to: 'pending', via: 'checkout' }],
  }));
  const plan: Plan = {
    planId: ctx.planId,
    cantonId: cart.cantonId,
    reference: ctx.reference,
    cartId: cart.cartId,
    subject: cart.subject,
    status: 'open',
    items,
    openedBy: ctx.actor.userId,
    openedAt: ctx.now,
    agreement: { agreedWithCitizen: true, ...(ctx.note ? { note: ctx.note } : {}) },
    reopenings: [],
    version: 1,
    updatedAt: ctx.now,
  };
  return {
    plan,
    cart: {
      ...cart,
      status: 'checked-out',
      planId: plan.planId,
      updatedAt: ctx.now,
      version: cart.version + 1,
    },
    event: {
      version: 1,
      at: ctx.now,
      by: ctx.actor,
      action: 'opened',
      details: { cartId: cart.cartId, items: items.length },
    },
  };
}

// ---- Items move; the plan closes by itself ----

const isOpenStatus = (s: ItemStatus) => s === 'pending' || s === 'in-progress';

const NEXT: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = {
  pending: ['in-progress', 'done', 'not-done'],
  'in-progress': ['done', 'not-done'],
  done: [],
  'not-done': [],
};

export interface ItemMove {
  readonly to: ItemStatus;
  readonly via: ChangeVia;
  readonly reason?: string | undefined;
  readonly notes?: string | undefined;
  readonly deliveredOn?: string | undefined;
  readonly links?: ItemLinks;
}

/** The plan with one item moved, closed when no item is left pending or in progress, and the change's event. */
function withItemMoved(plan: Plan, number: number, move: ItemMove, ctx: Ctx) {
  const item = plan.items.find((i) => i.number === number);
  if (!item) throw itemNotFound(number);
  const moved: PlanItem = {
    ...item,
    status: move.to,
    ...(move.reason ? { reason: move.reason } : {}),
    ...(move.notes ? { notes: move.notes } : {}),
    ...(move.deliveredOn ? { deliveredOn: move.deliveredOn } : {}),
    links: { ...item.links, ...move.links },
    history: [
      ...item.history,
      {
        at: ctx.now,
        by: ctx.actor.userId,
        from: item.status,
        to: move.to,
        via: move.via,
        ...(move.reason ? { reason: move.reason } : {}),
      },
    ],
  };
  const items = plan.items.map((i) => (i.number === number ? moved : i));
  const anyOpen = items.some((i) => isOpenStatus(i.status));
  const closes = plan.status === 'open' && !anyOpen;
  // Only a re-routed referral revives an item of a closed plan: the plan is open again with it.
  const revives = plan.status === 'closed' && anyOpen;
  const { closedAt: _closedAt, ...kept } = plan;
  const next: Plan = {
    ...(revives ? kept : plan),
    items,
    status: anyOpen ? 'open' : 'closed',
    ...(closes ? { closedAt: ctx.now } : {}),
    version: plan.version + 1,
    updatedAt: ctx.now,
  };
  const event: PlanEvent = {
    version: next.version,
    at: ctx.now,
    by: ctx.actor,
    action: 'item-changed',
    details: {
      item: number,
      from: item.status,
      to: move.to,
      via: move.via,
      ...(move.reason ? { reason: move.reason } : {}),
      ...(closes ? { planClosed: true } : {}),
      ...(revives ? { planReopened: true } : {}),
    },
  };
  return { plan: next, item: moved, event, closes };
}

/**
 * A case manager moves an item: pending → in-progress → done | not-done (a reason for not-done; outcome notes for
 * a home visit done; the delivery day for a benefit done). Referral and registry-change items resolve on their own
 * and are refused here; so is a move not allowed from the item's status.
 */
export function changeItemStatus(
  plan: Plan,
  number: number,
  input: ItemStatusInput,
  ctx: Ctx & { today: string; report?: SocialReport | undefined },
) {
  const item = plan.items.find((i) => i.number === number);
  if (!item) throw itemNotFound(number);
  // A referral item whose referral could not be made may be given up (not-done, with a reason).
  const givenUp = item.kind === 'referral' && !item.links.referralId && input.status === 'not-done';
  if (SELF_RESOLVING.includes(item.kind) && !givenUp) {
    throw conflict({
      es: `El ítem ${number} (${item.kind}) se resuelve solo cuando termina su ${item.kind === 'referral' ? 'derivación' : 'solicitud de actualización'}`,
      en: `Item ${number} (${item.kind}) resolves itself when its ${item.kind === 'referral' ? 'referral' : 'change request'} ends`,
    });
  }
  if (!NEXT[item.status].includes(input.status)) {
    throw conflict({
      es: `El ítem ${number} está ${item.status}: no puede pasar a ${input.status}${item.status === 'done' || item.status === 'not-done' ? ' (reabra el plan con un motivo)' : ''}`,
      en: `Item ${number} is ${item.status}: it cannot move to ${input.status}${item.status === 'done' || item.status === 'not-done' ? ' (reopen the plan with a reason)' : ''}`,
    });
  }
  if (input.status === 'not-done' && !input.reason) {
    throw badRequest('reason', {
      es: 'indique por qué el ítem no se realizó',
      en: 'say why the item was not done',
    });
  }
  if (input.status === 'done' && item.kind === 'home-visit' && !input.notes) {
    throw badRequest('notes', {
      es: 'una visita realizada lleva sus notas de resultado',
      en: 'a visit done carries its outcome notes',
    });
  }
  const isBenefit = item.kind === 'in-kind-benefit' || item.kind === 'cash-benefit';
  if (input.deliveredOn && !(isBenefit && input.status === 'done')) {
    throw badRequest('deliveredOn', {
      es: 'solo un beneficio entregado (done) lleva fecha de entrega',
      en: 'only a benefit delivered (done) carries a delivery day',
    });
  }
  if (input.deliveredOn && input.deliveredOn > ctx.today) {
    throw badRequest('deliveredOn', {
      es: 'la fecha de entrega no puede ser futura',
      en: 'the delivery day cannot be in the future',
    });
  }
  if (input.reportId && item.kind !== 'social-report') {
    throw badRequest('reportId', {
      es: 'solo un ítem de informe social lleva el id de su informe',
      en: "only a social report item carries its report's id",
    });
  }
  if (item.kind === 'social-report' && input.status === 'done' && !input.reportId) {
    throw badRequest('reportId', {
      es: 'un ítem de informe social se da por realizado con el id del informe que lo cumple',
      en: 'a social report item is done with the id of the report that fulfils it',
    });
  }
  if (input.reportId) checkReportFor(plan, number, input.status, ctx.report);
  return withItemMoved(
    plan,
    number,
    {
      to: input.status,
      via: 'manual',
      reason: input.status === 'not-done' ? input.reason : undefined,
      notes: input.notes,
      deliveredOn: isBenefit && input.status === 'done' ? (input.deliveredOn ?? ctx.today) : undefined,
      ...(input.reportId ? { links: { reportId: input.reportId } } : {}),
    },
    ctx,
  );
}

/**
 * The report a social-report item names must be one the item can stand on: a report of the plan's household (a
 * provisional identity has no registry household, so no report), the current edition (a superseded one was
 * corrected), drafted for this item if it was drafted for a plan at all, and — for the item to be done — final:
 * approved, or signed where the canton asks no approval. `report` is the record as read by the caller (undefined:
 * no such report in the canton).
 */
function checkReportFor(
  plan: Plan,
  number: number,
  status: ItemStatusInput['status'],
  report?: SocialReport,
) {
  const refuse = (es: string, en: string) => badRequest('reportId', { es, en });
  if (!report) {
    throw refuse(
      'no hay un informe social con este id en el cantón',
      'there is no social report with this id in the canton',
    );
  }
  const householdId = plan.subject.identification === 'national-id' ? plan.subject.householdId : undefined;
  if (report.householdId !== householdId) {
    throw refuse(
      `el informe ${report.reference} es de otro hogar, no del sujeto de este plan`,
      `report ${report.reference} is about another household, not this plan's subject`,
    );
  }
  if (report.status === 'superseded') {
    throw refuse(
      `el informe ${report.reference} fue reemplazado por una corrección: use la última versión`,
      `report ${report.reference} was superseded by a correction: use the latest version`,
    );
  }
  if (
    report.plan &&
    (report.plan.planId !== plan.planId || (report.plan.itemId ?? String(number)) !== String(number))
  ) {
    throw refuse(
      `el informe ${report.reference} se redactó para otro ítem de plan`,
      `report ${report.reference} was drafted for another plan item`,
    );
  }
  const final = report.status === 'approved' || (report.status === 'signed' && !report.approvalRequired);
  if (status === 'done' && !final) {
    throw refuse(
      report.status === 'draft'
        ? `el informe ${report.reference} es un borrador: fírmelo${report.approvalRequired ? ' y obtenga su aprobación' : ''} antes`
        : `el informe ${report.reference} espera la aprobación de la jefatura`,
      report.status === 'draft'
        ? `report ${report.reference} is a draft: sign it${report.approvalRequired ? ' and have it approved' : ''} first`
        : `report ${report.reference} awaits the head of department's approval`,
    );
  }
}

/**
 * An item that follows another record moves with it (its referral accepted, completed or ended; its change
 * request decided). Undefined when there is nothing to do: the item is already there, or already final.
 */
export function resolveItem(
  plan: Plan,
  number: number,
  move: ItemMove,
  ctx: Ctx,
  options: { revive?: boolean } = {},
) {
  const item = plan.items.find((i) => i.number === number);
  if (!item || item.status === move.to) return undefined;
  // A referral re-routed after its rejection (no capacity, outside the area) carries its item on: not-done → on.
  const revived = options.revive === true && item.status === 'not-done';
  if (!revived && !NEXT[item.status].includes(move.to)) return undefined;
  return withItemMoved(plan, number, move, ctx);
}

/** Records what carrying out an item created (its referral, its change request): data, not a status change. */
export function linkItem(plan: Plan, number: number, links: ItemLinks, ctx: Ctx) {
  const item = plan.items.find((i) => i.number === number);
  if (!item) throw itemNotFound(number);
  const next: Plan = {
    ...plan,
    items: plan.items.map((i) => (i.number === number ? { ...i, links: { ...i.links, ...links } } : i)),
    version: plan.version + 1,
    updatedAt: ctx.now,
  };
  const event: PlanEvent = {
    version: next.version,
    at: ctx.now,
    by: ctx.actor,
    action: 'item-linked',
    details: { item: number, ...links },
  };
  return { plan: next, event };
}

/**
 * A closed plan reopens with a reason: the items named go back to in-progress. Referral and registry-change items
 * cannot (their referral or request has ended; a new item is a new plan's), nor can an item still open.
 */
export function reopenPlan(plan: Plan, input: ReopenInput, ctx: Ctx) {
  if (plan.status !== 'closed') {
    throw conflict({
      es: 'El plan está abierto: solo se reabre un plan cerrado',
      en: 'The plan is open: only a closed plan is reopened',
    });
  }
  const numbers = [...new Set(input.items)];
  numbers.forEach((number, i) => {
    const item = plan.items.find((it) => it.number === number);
    if (!item) {
      throw new AppError(400, 'invalid_input', { es: 'Dato no válido: items', en: 'Invalid input: items' }, [
        {
          field: `items.${i}`,
          problem: { es: 'el plan no tiene ese ítem', en: 'the plan has no such item' },
        },
      ]);
    }
    if (SELF_RESOLVING.includes(item.kind)) {
      throw badRequest(`items.${i}`, {
        es: `el ítem ${number} (${item.kind}) siguió a su registro, que ya terminó: no se reabre`,
        en: `item ${number} (${item.kind}) followed its record, which has ended: it is not reopened`,
      });
    }
  });
  const items = plan.items.map((item): PlanItem => {
    if (!numbers.includes(item.number)) return item;
    const { reason: _reason, ...kept } = item;
    return {
      ...kept,
      status: 'in-progress',
      history: [
        ...item.history,
        {
          at: ctx.now,
          by: ctx.actor.userId,
          from: item.status,
          to: 'in-progress',
          via: 'reopening',
          reason: input.reason,
        },
      ],
    };
  });
  const { closedAt: _closedAt, ...rest } = plan;
  const next: Plan = {
    ...rest,
    items,
    status: 'open',
    reopenings: [
      ...plan.reopenings,
      { at: ctx.now, by: ctx.actor.userId, reason: input.reason, items: numbers },
    ],
    version: plan.version + 1,
    updatedAt: ctx.now,
  };
  const event: PlanEvent = {
    version: next.version,
    at: ctx.now,
    by: ctx.actor,
    action: 'reopened',
    details: { reason: input.reason, items: numbers },
  };
  return { plan: next, event };
}

/**
 * What a referral's move means for the plan item that made it:
 * - accepted, started, on hold → the item is in progress;
 * - completed with the citizen assisted (the counter-referral) → done;
 * - completed without the citizen assisted → not-done, with the counter-referral's outcome as reason;
 * - rejected, failed, cancelled, entered in error → not-done, with the referral's status and reason.
 * An unserved end is final for the item (it does not go back to pending): a new attempt is a new referral, made
 * for a new plan item, so the plan keeps what happened. Undefined: the move changes nothing of the item.
 */
export function itemMoveFor(after: Referral): ItemMove | undefined {
  switch (after.status) {
    case 'accepted':
    case 'in-progress':
    case 'on-hold':
      return { to: 'in-progress', via: 'referral' };
    case 'completed':
      return after.counterReferral?.assisted
        ? { to: 'done', via: 'referral' }
        : {
            to: 'not-done',
            via: 'referral',
            reason: `Contrarreferencia: no atendido — ${after.counterReferral?.outcome ?? ''}`.trim(),
          };
    case 'rejected':
    case 'failed':
    case 'cancelled':
    case 'entered-in-error':
      return {
        to: 'not-done',
        via: 'referral',
        reason: `Derivación ${after.reference}: ${after.status}${after.reason ? ` (${after.reason.code}${after.reason.text ? `: ${after.reason.text}` : ''})` : ''}`,
      };
    default:
      return undefined;
  }
}

// ---- The summary a console draws ----

export function planSummary(plan: Plan, language: 'es' | 'en') {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const item of plan.items) counts[item.status] += 1;
  return {
    total: plan.items.length,
    counts,
    items: plan.items.map((i) => ({
      number: i.number,
      group: i.group,
      kind: i.kind,
      label: i.label[language],
      status: i.status,
      colour: STATUS_COLOUR[i.status],
    })),
  };
}
