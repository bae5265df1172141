import { ulid } from '#kernel/ids.js';
import { AppError, badRequest, invalidInput } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';
import type { Language } from '#kernel/messages.js';
import type { Caller } from '#model/caller.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { EffectivePlanOptions } from '#domain/plan-options.js';
import { linkItem, openPlan, type Plan, type PlanCart, type PlanItem } from '#domain/plan.js';
import { proposeChanges } from '#domain/registry-change.js';
import { internalOrganizationsOf } from '#domain/units.js';
import type { CitizenRequest } from '#domain/request.js';
import type { Referral } from '#domain/referral.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { findOrganization } from '#adapters/dynamodb/catalogue-store.js';
import {
  changeRequestWrite,
  findPlan,
  planChangeWrites,
  planItemLinkWrite,
  saveCheckout,
} from '#adapters/dynamodb/plans-store.js';
import { versionsOf } from '#adapters/dynamodb/protocols-store.js';
import { findHousehold, type ChangeRequest } from '#adapters/dynamodb/registry-store.js';
import { findRequest } from '#adapters/dynamodb/requests-store.js';
import type { TransactItem } from '#adapters/dynamodb/versioned.js';
import { planReferral, referRequest, type ReferralChoice } from '../referrals/refer.js';
import { findCitizen } from '../registry/find-citizen.js';
import { registryToday } from '../registry/load.js';
import { planOf } from './scope.js';

/**
 * Checkout: the cart becomes the plan and each item is carried out.
 *
 * Everything is checked first, against the records as they are now: each registry-change item's changes on the
 * household, each referral item with every rule of a referral (app/referrals/refer.ts), each visitor a case
 * manager of the canton. Then ONE transaction writes the plan (`open`, every item pending), its event, the cart
 * marked checked out, each registry-change item's change request with its link, each home visit, and the audit
 * record: the plan never exists half-written.
 *
 * A referral cannot join that transaction (it has its own: spot, request, claim, then its workflow starts), so
 * each referral item is carried out after it, in the referral's own transaction, which also writes the item's link
 * to the referral and the plan's new version: an item is never linked to a referral that does not exist, nor a
 * referral made for an item without the item knowing. If one fails (the last spot taken meanwhile), or the process
 * stops between two, the plan is still whole, the item shows `carriedOut: false`, and calling checkout again on the
 * same cart resumes: it carries out only the referral items not yet linked (idempotent). A referral item that
 * cannot be carried out may be marked not-done with a reason.
 */
export interface CheckoutResult {
  readonly plan: Plan;
  /** Referral items that could not be carried out now, with why; checkout again to retry. */
  readonly outstanding: readonly { readonly item: number; readonly problem: string }[];
  readonly resumed: boolean;
}

const itemField = (index: number, field: string) => `items.${index}.${field}`;

async function protocolOf(request: CitizenRequest) {
  if (!request.classification || !request.protocol) return undefined;
  const versions = await versionsOf(
    request.protocol.cantonId,
    request.classification.category,
    request.classification.subcategory,
  );
  return versions.find((v) => v.version === request.protocol?.version);
}

const choiceOf = (item: { data: Readonly<Record<string, unknown>> }): ReferralChoice => {
  const data = item.data as unknown as ReferralChoice & { requestId: string };
  return {
    serviceId: data.serviceId,
    citizenProfile: data.citizenProfile ?? {},
    ...(data.eligibilityOverride ? { eligibilityOverride: data.eligibilityOverride } : {}),
    waitlistIfFull: data.waitlistIfFull ?? true,
  };
};

/** The request a referral item refers: the canton's, recorded for a member of the plan's household. */
async function requestOfItem(
  canton: CantonDefinition,
  cart: PlanCart,
  data: Readonly<Record<string, unknown>>,
  index: number,
): Promise<CitizenRequest> {
  const requestId = String(data.requestId);
  const request = await findRequest(canton.id, requestId);
  const refuse = () =>
    badRequest(itemField(index, 'requestId'), {
      es: 'no es una solicitud del cantón registrada para un miembro del hogar del plan',
      en: "is not a request of the canton recorded for a member of the plan's household",
    });
  if (!request) throw refuse();
  const { subject } = cart;
  const { citizen } = request;
  if (subject.identification === 'provisional') {
    if (citizen.identification !== 'provisional' || citizen.provisionalId !== subject.provisionalId)
      throw refuse();
    return request;
  }
  if (citizen.identification !== 'national-id') throw refuse();
  if (citizen.nationalId !== subject.nationalId) {
    const found = await findCitizen(citizen.nationalId);
    if (found.stored?.household.householdId !== subject.householdId) throw refuse();
  }
  return request;
}

/** Prefixes a check's field problems with the item they belong to. */
async function forItem<T>(index: number, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 400 && error.details.length > 0) {
      throw new AppError(
        400,
        'invalid_input',
        error.text,
        error.details.map((d) =>
          d.field.startsWith('items.') ? d : { ...d, field: itemField(index, d.field) },
        ),
      );
    }
    throw error;
  }
}

export async function checkout(input: {
  canton: CantonDefinition;
  options: EffectivePlanOptions;
  cart: PlanCart;
  caller: Caller;
  note?: string | undefined;
  language: Language;
}): Promise<CheckoutResult> {
  const { canton, options, cart, caller, language } = input;
  if (cart.status === 'checked-out' && cart.planId) {
    const plan = await planOf(canton, cart.planId);
    return { ...(await carryOutReferrals(canton, plan, caller, language)), resumed: true };
  }
  const now = clock.now().toISOString();
  const actor = { userId: caller.userId, roles: caller.roles };
  const planId = ulid();
  const opened = openPlan(cart, options, {
    actor,
    now,
    planId,
    reference: `PI-${planId.slice(-8)}`,
    note: input.note,
  });

  // Every item checked against the records as they are now, before anything is written.
  const today = registryToday();
  const writes: TransactItem[] = [];
  let plan = opened.plan;
  const household =
    cart.subject.identification === 'national-id' ? await findHousehold(cart.subject.householdId) : undefined;
  for (const [index, item] of cart.items.entries()) {
    if (item.kind === 'registry-change') {
      if (!household)
        throw badRequest(itemField(index, 'kind'), {
          es: 'el hogar ya no consta en el Registro Social',
          en: 'the household is no longer in the Social Registry',
        });
      const data = item.data as { changes: never[]; documents: ChangeRequest['documents'] };
      const proposed = proposeChanges(household.household, data.changes, today);
      if (!proposed.ok) {
        throw invalidInput(
          proposed.problems.map((p) => ({
            field: [itemField(index, 'changes'), ...p.path].join('.'),
            problem: p.problem[language],
          })),
        );
      }
      const change: ChangeRequest = {
        changeId: ulid(),
        cantonId: canton.id,
        householdId: household.household.householdId,
        changes: proposed.changes,
        documents: data.documents,
        status: 'pending',
        proposedBy: caller.userId,
        proposedAt: now,
        householdVersion: household.version,
        version: 1,
        updatedAt: now,
      };
      writes.push(
        changeRequestWrite(change),
        planItemLinkWrite(plan, 'registry-change', change.changeId, item.number),
      );
      // Linked in the plan's first version: the change request is written with it.
      plan = {
        ...plan,
        items: plan.items.map((i) =>
          i.number === item.number ? { ...i, links: { ...i.links, changeId: change.changeId } } : i,
        ),
      };
    }
    if (item.kind === 'home-visit') {
      const visitorId = String(item.data.visitorId);
      const staff = canton.staff.find((s) => s.id === visitorId);
      if (!staff || !staff.roles.some((r) => (options.openedBy as readonly string[]).includes(r))) {
        throw badRequest(itemField(index, 'visitorId'), {
          es: `"${visitorId}" no es personal del cantón que gestione planes (${options.openedBy.join(', ')})`,
          en: `"${visitorId}" is not staff of the canton who manages plans (${options.openedBy.join(', ')})`,
        });
      }
    }
    if (item.kind === 'referral') {
      const request = await requestOfItem(canton, cart, item.data, index);
      const protocol = await protocolOf(request);
      const checked = await forItem(index, () =>
        planReferral({ canton, request, protocol, body: choiceOf(item) }),
      );
      await forItem(index, () => checkReferralScope(canton, item.subcategory, checked.service));
    }
  }

  await saveCheckout(
    plan,
    opened.event,
    opened.cart,
    auditOf(
      caller,
      canton.id,
      'plan.open',
      { type: 'plan', id: plan.planId },
      { at: now, details: { cartId: cart.cartId, items: plan.items.length } },
    ),
    writes,
  );
  return { ...(await carryOutReferrals(canton, plan, caller, language)), resumed: false };
}

/** An internal referral goes to a unit of the canton; an external one to any other provider of the catalogue. */
async function checkReferralScope(
  canton: CantonDefinition,
  subcategory: string,
  service: { organizationId: string },
) {
  if (subcategory !== 'internal' && subcategory !== 'external') return;
  const organization = await findOrganization(canton.id, service.organizationId);
  const units = internalOrganizationsOf(canton);
  const internal = units ? units.includes(service.organizationId) : organization?.sector === 'public';
  if (internal !== (subcategory === 'internal')) {
    throw badRequest('serviceId', {
      es:
        subcategory === 'internal'
          ? 'una derivación interna va a una unidad del cantón; este servicio es de un proveedor externo'
          : 'una derivación externa va a un proveedor externo; este servicio es de una unidad del cantón',
      en:
        subcategory === 'internal'
          ? 'an internal referral goes to a unit of the canton; this service belongs to an external provider'
          : 'an external referral goes to an external provider; this service belongs to a unit of the canton',
    });
  }
}

/**
 * Makes the referral of every referral item not yet linked to one, each in the referral's own transaction with
 * the plan's new version (the link) and the link item. Stops at nothing: an item that fails is reported and left
 * for a later checkout.
 */
async function carryOutReferrals(
  canton: CantonDefinition,
  start: Plan,
  caller: Caller,
  language: Language,
): Promise<Omit<CheckoutResult, 'resumed'>> {
  let plan = start;
  const outstanding: { item: number; problem: string }[] = [];
  const waiting = (p: Plan) =>
    p.items.filter((i) => i.kind === 'referral' && !i.links.referralId && i.status === 'pending');
  for (const item of waiting(plan)) {
    try {
      plan = await carryOutReferral(canton, plan, item, caller);
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode >= 500) throw error;
      outstanding.push({ item: item.number, problem: error.text[language] });
      plan = (await findPlan(canton.id, plan.planId)) ?? plan;
    }
  }
  return { plan, outstanding };
}

async function carryOutReferral(
  canton: CantonDefinition,
  plan: Plan,
  item: PlanItem,
  caller: Caller,
): Promise<Plan> {
  const request = await findRequest(canton.id, String(item.data.requestId));
  if (!request) {
    throw badRequest('requestId', { es: 'la solicitud ya no existe', en: 'the request no longer exists' });
  }
  let linked: Plan = plan;
  await referRequest({
    canton,
    request,
    protocol: await protocolOf(request),
    body: choiceOf(item),
    caller,
    // Kept on the referral too, so that its moves find the plan without reading the link.
    planItem: { planId: plan.planId, item: item.number },
    alsoWrite: (referral: Referral) => {
      const change = linkItem(
        plan,
        item.number,
        { referralId: referral.referralId },
        { actor: { userId: caller.userId, roles: caller.roles }, now: referral.createdAt },
      );
      linked = change.plan;
      return [
        ...planChangeWrites(change.plan, change.event).map((write) => ({ name: 'plan', write })),
        planItemLinkWrite(plan, 'referral', referral.referralId, item.number),
      ];
    },
  });
  return linked;
}
