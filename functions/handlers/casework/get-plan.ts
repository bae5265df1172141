import { httpHandler } from '#http/handler.js';
import { getPlanRoute } from '#http/routes/casework/get-plan.js';
import { planView } from '#http/views/casework.js';
import { caseworkCanton, planWithHistoryOf } from '#app/casework/scope.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';

export const handler = httpHandler<{ cantonId: string; planId: string }>(
  getPlanRoute,
  async ({ caller, params, language }) => {
    const { canton } = await caseworkCanton(caller, params.cantonId, 'read');
    const { plan, history } = await planWithHistoryOf(canton, params.planId);
    await recordAudit(auditOf(caller, canton.id, 'plan.read', { type: 'plan', id: plan.planId }));
    return { body: planView(plan, language, { history }) };
  },
);
