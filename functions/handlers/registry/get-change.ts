import { httpHandler } from '#http/handler.js';
import { getRegistryChangeRoute } from '#http/routes/registry/get-change.js';
import { callerCanton } from '#app/tenancy.js';
import { changeNotFound } from '#app/registry/changes.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { findChangeRequest } from '#adapters/dynamodb/registry-store.js';

export const handler = httpHandler<{ cantonId: string; changeId: string }>(
  getRegistryChangeRoute,
  async ({ caller, params }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const change = await findChangeRequest(canton.id, params.changeId);
    if (!change) throw changeNotFound(params.changeId);
    await recordAudit(
      auditOf(caller, canton.id, 'registry.change.read', { type: 'registry-change', id: change.changeId }),
    );
    return { body: change };
  },
);
