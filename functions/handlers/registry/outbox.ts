import { httpHandler } from '#http/handler.js';
import { registryRoute } from '#http/routes/registry.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '#http/pagination.js';
import { callerCanton } from '#app/tenancy.js';
import { outboxPage } from '#adapters/dynamodb/registry-store.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';

/** What the canton queued for the national registry: locally this outbox is the queue the integration reads. */
export const handler = httpHandler<{ cantonId: string }, PageQuery>(
  registryRoute('listRegistryOutbox'),
  async ({ caller, params, query }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const scope = listScope('listRegistryOutbox', { canton: canton.id });
    const page = await outboxPage(canton.id, {
      limit: query.limit,
      startKey: await startKeyOf(query, scope),
    });
    // The entries carry household data (old and new values): reading them is audited.
    await recordAudit(auditOf(caller, canton.id, 'registry.outbox.read', { type: 'registry-outbox' }));
    return { body: await pageBody(page.entries, page.lastKey, scope) };
  },
);
