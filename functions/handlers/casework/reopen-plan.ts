import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { reopenPlanRoute } from '#http/routes/casework/reopen-plan.js';
import type { ReopenInput } from '#http/schemas/casework.js';
import { planView } from '#http/views/casework.js';
import { reopen } from '#app/casework/items.js';
import { caseworkCanton, planOf } from '#app/casework/scope.js';

export const handler = httpHandler<{ cantonId: string; planId: string }, unknown, ReopenInput>(
  reopenPlanRoute,
  async ({ caller, params, body, language, preconditions }) => {
    const { canton } = await caseworkCanton(caller, params.cantonId, 'write');
    const plan = await planOf(canton, params.planId);
    requirePreconditions(preconditions, entityTag(plan.version));
    return { body: planView(await reopen({ plan, body, caller }), language) };
  },
);
