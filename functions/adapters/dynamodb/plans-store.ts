import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { conflict } from '#kernel/errors.js';
import type { Plan, PlanCart, PlanEvent, PlanItem } from '#domain/plan.js';
import { subjectKey } from '#domain/plan.js';
import { type AuditRecord, auditItem } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryAll, queryPage, readCollection } from './collections.js';
import * as keys from './keys.js';
import type { ItemRead } from './batch-reads.js';
import type { ChangeRequest } from './registry-store.js';
import {
  type AccompanyingWrite,
  type TransactItem,
  tryWriteVersioned,
  versionedPuts,
  withoutStorageAttributes,
  writeVersioned,
} from './versioned.js';

/**
 * The DynamoDB adapter for casework. A cart is one item; a plan is one item (its items inside it: a plan is read
 * and changed whole) with its numbered events in the same collection. Beside the plan: a link item from each
 * referral or change request an item carried out (so that record's move finds its item), and one item per home
 * visit (so a visitor's visits list by date). Every write goes with the plan's, in one transaction.
 */
const CHANGED_MEANWHILE = {
  es: 'El plan cambió mientras se procesaba este cambio; vuelva a cargarlo e intente de nuevo',
  en: 'The plan changed while this change was being made; reload it and try again',
};

const cartItem = (c: PlanCart) => ({ ...keys.planCart(c.cantonId, c.cartId), entity: 'plan-cart', ...c });

function planItem(p: Plan) {
  return {
    ...keys.plan(p.cantonId, p.planId),
    entity: 'plan',
    ...p,
    GSI1PK: keys.plansAll(p.cantonId),
    GSI1SK: `${p.openedAt}#${p.planId}`,
    GSI2PK: keys.plansOfSubject(p.cantonId, subjectKey(p.subject)),
    GSI2SK: `${p.openedAt}#${p.planId}`,
    GSI3PK: keys.plansInStatus(p.cantonId, p.status),
    GSI3SK: `${p.openedAt}#${p.planId}`,
  };
}

const planEventItem = (p: Plan, e: PlanEvent) => ({
  ...keys.eventOf(keys.planCollection(p.cantonId, p.planId), e.version),
  entity: 'plan-event',
  ...e,
});

/** A home visit as its visitor's list shows it: the plan's reference and the visit, no personal data. */
export interface HomeVisit {
  readonly cantonId: string;
  readonly planId: string;
  readonly planReference: string;
  readonly item: number;
  readonly subcategory: string;
  readonly scheduledOn: string;
  readonly visitorId: string;
  readonly purpose?: string;
  readonly status: PlanItem['status'];
  readonly notes?: string;
  readonly reason?: string;
}

function visitWrite(plan: Plan, item: PlanItem): TransactItem {
  const data = item.data as { scheduledOn: string; visitorId: string; purpose?: string };
  const visit: HomeVisit = {
    cantonId: plan.cantonId,
    planId: plan.planId,
    planReference: plan.reference,
    item: item.number,
    subcategory: item.subcategory,
    scheduledOn: data.scheduledOn,
    visitorId: data.visitorId,
    ...(data.purpose ? { purpose: data.purpose } : {}),
    status: item.status,
    ...(item.notes ? { notes: item.notes } : {}),
    ...(item.reason ? { reason: item.reason } : {}),
  };
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.homeVisit(plan.cantonId, plan.planId, item.number),
        entity: 'home-visit',
        ...visit,
        GSI1PK: keys.visitsOf(plan.cantonId, data.visitorId),
        GSI1SK: `${data.scheduledOn}#${plan.planId}#${String(item.number).padStart(4, '0')}`,
      },
    },
  };
}

/** The visit items of the plan's home visits that this change touches (all of them when `items` is absent). */
export function visitWrites(plan: Plan, items?: readonly number[]): TransactItem[] {
  return plan.items
    .filter((i) => i.kind === 'home-visit' && (!items || items.includes(i.number)))
    .map((i) => visitWrite(plan, i));
}

export function planItemLinkWrite(
  plan: Plan,
  record: 'referral' | 'registry-change',
  recordId: string,
  item: number,
): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.planItemLink(plan.cantonId, record, recordId),
        entity: 'plan-item-link',
        planId: plan.planId,
        item,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function findPlanItemLink(
  cantonId: string,
  record: 'referral' | 'registry-change',
  recordId: string,
): Promise<{ planId: string; item: number } | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.planItemLink(cantonId, record, recordId),
      ConsistentRead: true,
    }),
  );
  return Item ? { planId: String(Item.planId), item: Number(Item.item) } : undefined;
}

/**
 * An information-update request created by a plan's registry-change item, in the checkout's transaction. Stored as
 * the registry's own change requests are (adapters/dynamodb/registry-store.ts), so the registry decides it as any
 * other.
 */
export function changeRequestWrite(change: ChangeRequest): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.registryChange(change.cantonId, change.changeId),
        entity: 'registry-change',
        ...change,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

// ---- Carts ----

export async function saveCart(cart: PlanCart, audit: AuditRecord) {
  const guard =
    cart.version === 1
      ? { ConditionExpression: 'attribute_not_exists(PK)' }
      : {
          ConditionExpression: '#version = :previous',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':previous': cart.version - 1 },
        };
  await writeVersionedCart([
    { Put: { TableName: TABLE_NAME, Item: cartItem(cart), ...guard } },
    { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
  ]);
}

async function writeVersionedCart(items: TransactItem[]) {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      throw conflict({
        es: 'El carrito cambió mientras se procesaba este cambio; vuelva a cargarlo e intente de nuevo',
        en: 'The cart changed while this change was being made; reload it and try again',
      });
    }
    throw error;
  }
}

export async function findCart(cantonId: string, cartId: string): Promise<PlanCart | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.planCart(cantonId, cartId), ConsistentRead: true }),
  );
  return Item ? withoutStorageAttributes<PlanCart>(Item) : undefined;
}

// ---- Plans ----

/**
 * Checkout, all or nothing: the plan (version 1) and its event, the cart marked checked out (guarded by the
 * version read, so two checkouts of one cart cannot both win), what the items carry out in the same transaction
 * (change requests and their links, home visits) and the audit record.
 */
export async function saveCheckout(
  plan: Plan,
  event: PlanEvent,
  cart: PlanCart,
  audit: AuditRecord,
  alsoWrite: readonly TransactItem[],
) {
  await writeVersioned({
    item: planItem(plan),
    event: planEventItem(plan, event),
    audit,
    alsoWrite: [
      {
        name: 'cart',
        write: {
          Put: {
            TableName: TABLE_NAME,
            Item: cartItem(cart),
            ConditionExpression: '#version = :previous AND #status = :open',
            ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
            ExpressionAttributeValues: { ':previous': cart.version - 1, ':open': 'open' },
          },
        },
      },
      ...visitWrites(plan),
      ...alsoWrite,
    ],
    conflictText: {
      es: 'El carrito cambió o ya se convirtió en plan mientras se procesaba; vuelva a cargarlo',
      en: 'The cart changed or already became a plan meanwhile; reload it',
    },
  });
}

/** The plan's new version and its event, for another record's transaction (a referral's move, a decision). */
export function planChangeWrites(plan: Plan, event: PlanEvent): TransactItem[] {
  return versionedPuts(planItem(plan), planEventItem(plan, event));
}

/** A change of a plan with its event, audit record and accompanying writes; 409 if it changed meanwhile. */
export async function savePlanChange(
  plan: Plan,
  event: PlanEvent,
  audit: AuditRecord,
  alsoWrite: readonly AccompanyingWrite[] = [],
) {
  return tryWriteVersioned({
    item: planItem(plan),
    event: planEventItem(plan, event),
    audit,
    alsoWrite,
    conflictText: CHANGED_MEANWHILE,
  });
}

export async function findPlan(cantonId: string, planId: string): Promise<Plan | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.plan(cantonId, planId), ConsistentRead: true }),
  );
  return Item ? withoutStorageAttributes<Plan>(Item) : undefined;
}

/** The plan as a read that joins an operation's batch (batch-reads.ts). */
export const planRead = (cantonId: string, planId: string): ItemRead<Plan> => ({
  key: keys.plan(cantonId, planId),
  decode: (item) => withoutStorageAttributes<Plan>(item),
});

/** The plan item a record carries out, as a read that joins an operation's batch. */
export const planItemLinkRead = (
  cantonId: string,
  record: 'referral' | 'registry-change',
  recordId: string,
): ItemRead<{ planId: string; item: number }> => ({
  key: keys.planItemLink(cantonId, record, recordId),
  decode: (item) => ({ planId: String(item.planId), item: Number(item.item) }),
});

export async function findPlanWithHistory(cantonId: string, planId: string) {
  const found = await readCollection<Plan, PlanEvent>(keys.planCollection(cantonId, planId), 'PLAN');
  return found ? { plan: found.record, history: found.history } : undefined;
}

/** One page of the canton's plans, newest first. */
/** One page of the canton's plans, newest first: all of them, or those in one status (GSI3). */
export async function plansPage(
  cantonId: string,
  page: { limit: number; startKey?: Record<string, unknown> | undefined; status?: string | undefined },
) {
  const found = await queryPage({
    ...(page.status
      ? {
          IndexName: 'GSI3',
          KeyConditionExpression: 'GSI3PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.plansInStatus(cantonId, page.status) },
        }
      : {
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': keys.plansAll(cantonId) },
        }),
    ScanIndexForward: false,
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  return { plans: found.items.map((i) => withoutStorageAttributes<Plan>(i)), lastKey: found.lastKey };
}

/** Every plan of a household (or provisional identity) in the canton, oldest first. */
export async function plansOfSubject(cantonId: string, key: string): Promise<Plan[]> {
  const items = await queryAll({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.plansOfSubject(cantonId, key) },
  });
  return items.map((i) => withoutStorageAttributes<Plan>(i));
}

/** One page of a visitor's home visits by scheduled day (oldest first), between two days inclusive. */
export async function visitsPage(
  cantonId: string,
  visitorId: string,
  range: { from: string; to: string },
  page: { limit: number; startKey?: Record<string, unknown> | undefined },
) {
  const found = await queryPage({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': keys.visitsOf(cantonId, visitorId),
      ':from': range.from,
      ':to': `${range.to}#~`,
    },
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  return { visits: found.items.map((i) => withoutStorageAttributes<HomeVisit>(i)), lastKey: found.lastKey };
}
