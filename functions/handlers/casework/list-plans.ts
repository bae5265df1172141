import { httpHandler } from '#http/handler.js';
import { listScope, pageBody, startKeyOf } from '#http/pagination.js';
import { listPlansRoute } from '#http/routes/casework/list-plans.js';
import type { ListPlansInput } from '#http/schemas/casework.js';
import { planListItem } from '#http/views/casework.js';
import { caseworkCanton } from '#app/casework/scope.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { plansPage } from '#adapters/dynamodb/plans-store.js';

/** A page of the canton's plans, newest first, all or in one status (each status has its own index key). */
export const handler = httpHandler<{ cantonId: string }, ListPlansInput>(
  listPlansRoute,
  async ({ caller, params, query, language }) => {
    const { canton } = await caseworkCanton(caller, params.cantonId, 'read');
    const scope = listScope('listPlans', { canton: canton.id, status: query.status });
    const { plans, lastKey } = await plansPage(canton.id, {
      limit: query.limit,
      startKey: await startKeyOf(query, scope),
      status: query.status,
    });
    await recordAudit(
      auditOf(caller, canton.id, 'plan.list', { type: 'plan' }, { details: { count: plans.length } }),
    );
    return {
      body: await pageBody(
        plans.map((p) => planListItem(p, language)),
        lastKey,
        scope,
      ),
    };
  },
);
