import { httpHandler } from '#http/handler.js';
import { listScope, pageBody, startKeyOf } from '#http/pagination.js';
import { listHomeVisitsRoute } from '#http/routes/casework/list-visits.js';
import type { ListVisitsInput } from '#http/schemas/casework.js';
import { caseworkCanton } from '#app/casework/scope.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { visitsPage } from '#adapters/dynamodb/plans-store.js';

/** A visitor's home visits, by scheduled day: one DynamoDB page of the visitor's index partition. */
export const handler = httpHandler<{ cantonId: string }, ListVisitsInput>(
  listHomeVisitsRoute,
  async ({ caller, params, query }) => {
    const { canton } = await caseworkCanton(caller, params.cantonId, 'read');
    const visitorId = query.visitorId ?? caller.userId;
    const range = { from: query.from ?? '0000-00-00', to: query.to ?? '9999-99-99' };
    const scope = listScope('listHomeVisits', { canton: canton.id, visitorId, ...range });
    const { visits, lastKey } = await visitsPage(canton.id, visitorId, range, {
      limit: query.limit,
      startKey: await startKeyOf(query, scope),
    });
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'plan.visits.list',
        { type: 'home-visit' },
        { details: { visitorId, count: visits.length } },
      ),
    );
    return {
      body: await pageBody(
        visits.map(({ cantonId: _c, ...v }) => v),
        lastKey,
        scope,
      ),
    };
  },
);
