import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { changePlanItemStatusRoute } from '#http/routes/casework/change-item.js';
import type { ItemStatusInput } from '#http/schemas/casework.js';
import { planView } from '#http/views/casework.js';
import { moveItem } from '#app/casework/items.js';
import { caseworkCanton, planOf } from '#app/casework/scope.js';

export const handler = httpHandler<
  { cantonId: string; planId: string; itemNumber: number },
  unknown,
  ItemStatusInput
>(changePlanItemStatusRoute, async ({ caller, params, body, language, preconditions }) => {
  const { canton } = await caseworkCanton(caller, params.cantonId, 'write');
  const plan = await planOf(canton, params.planId);
  requirePreconditions(preconditions, entityTag(plan.version));
  const next = await moveItem({ canton, plan, number: params.itemNumber, body, caller });
  return { body: planView(next, language) };
});
