import { badRequest } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { listRequestsRoute } from '#http/routes/requests/list-requests.js';
import { listScope, pageBody, startKeyOf } from '#http/pagination.js';
import { callerCanton } from '#app/tenancy.js';
import { instantBounds } from '#domain/deadlines.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { listRequests } from '#adapters/dynamodb/requests-store.js';
import type { ListRequestsInput } from '#http/schemas/request-list.js';
import { requestSummary } from '#http/views/requests.js';

export const handler = httpHandler<{ cantonId: string }, ListRequestsInput>(
  listRequestsRoute,
  async ({ caller, params, query, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const { cursor: _cursor, limit, ...filters } = query;
    // A cursor opens only the query it was issued for: this list, same canton and same filters.
    const scope = listScope('listRequests', { canton: canton.id, ...filters });
    // Request times are stored in UTC; a bare date is the canton's calendar day.
    const bounds = instantBounds(filters, canton.timeZone);
    if (bounds.from !== undefined && bounds.to !== undefined && bounds.to < bounds.from) {
      throw badRequest('query.to', {
        es: 'debe ser igual o posterior a "from"',
        en: 'must not be before "from"',
      });
    }
    const page = await listRequests({
      cantonId: canton.id,
      ...filters,
      ...bounds,
      limit,
      startKey: await startKeyOf(query, scope),
    });
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'request.list',
        { type: 'request' },
        { details: { count: page.requests.length, filters: Object.keys(filters) } },
      ),
    );
    // Summaries only: the citizen's identity, contact and description stay on the (audited) single read.
    return {
      body: await pageBody(
        page.requests.map((r) => requestSummary(r, language)),
        page.lastKey,
        scope,
      ),
    };
  },
);
