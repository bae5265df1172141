import { AppError, notFound } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';
import { wallClock } from '#kernel/time-zone.js';
import type { Caller } from '#model/caller.js';
import type { CantonDefinition } from '#domain/canton.js';
import { effectivePlanOptions } from '#domain/plan-options.js';
import type { Plan, PlanCart } from '#domain/plan.js';
import { findCart, findPlan, findPlanWithHistory } from '#adapters/dynamodb/plans-store.js';
import { callerCanton } from '../tenancy.js';

/**
 * Who reaches casework: the route table admits case managers, SWCS officers, heads of department, coordinators
 * and auditors (a contact officer or an operator never reaches a plan); here the canton is the caller's own, and a
 * write needs a case manager — or an SWCS officer where the canton's plan options say so. Auditors, heads of
 * department and coordinators read.
 */
export async function caseworkCanton(caller: Caller, cantonId: string, access: 'read' | 'write') {
  const canton = await callerCanton(caller, cantonId);
  const options = effectivePlanOptions(canton.interventionPlans);
  if (access === 'write' && !caller.roles.some((r) => (options.openedBy as readonly string[]).includes(r))) {
    throw new AppError(403, 'forbidden', {
      es: `En ${canton.name} gestionan planes de intervención: ${options.openedBy.join(', ')}`,
      en: `In ${canton.name} intervention plans are managed by: ${options.openedBy.join(', ')}`,
    });
  }
  return { canton, options };
}

export const cartNotFound = (cartId: string) =>
  notFound({ es: `No existe el carrito ${cartId}`, en: `There is no cart ${cartId}` });
export const planNotFound = (planId: string) =>
  notFound({ es: `No existe el plan ${planId}`, en: `There is no plan ${planId}` });

export async function cartOf(canton: CantonDefinition, cartId: string): Promise<PlanCart> {
  const cart = await findCart(canton.id, cartId);
  if (!cart) throw cartNotFound(cartId);
  return cart;
}

export async function planOf(canton: CantonDefinition, planId: string): Promise<Plan> {
  const plan = await findPlan(canton.id, planId);
  if (!plan) throw planNotFound(planId);
  return plan;
}

export async function planWithHistoryOf(canton: CantonDefinition, planId: string) {
  const found = await findPlanWithHistory(canton.id, planId);
  if (!found) throw planNotFound(planId);
  return found;
}

/** Today in the canton's calendar (YYYY-MM-DD). */
export function cantonToday(canton: CantonDefinition, at: Date = clock.now()): string {
  const { year, month, day } = wallClock(at, canton.timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
