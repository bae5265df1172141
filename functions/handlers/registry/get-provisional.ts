import { httpHandler } from '#http/handler.js';
import { getProvisionalIdentityRoute } from '#http/routes/registry/get-provisional.js';
import { callerCanton } from '#app/tenancy.js';
import { provisionalIdentityOf, provisionalView } from '#app/registry/provisional.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';

export const handler = httpHandler<{ cantonId: string; provisionalId: string }>(
  getProvisionalIdentityRoute,
  async ({ caller, params }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const identity = await provisionalIdentityOf(canton.id, params.provisionalId);
    await recordAudit(
      auditOf(caller, canton.id, 'registry.provisional.read', {
        type: 'provisional-identity',
        id: identity.provisionalId,
      }),
    );
    return { body: provisionalView(identity) };
  },
);
