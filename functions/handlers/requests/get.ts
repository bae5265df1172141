import { requestNotFound } from '#app/requests/not-found.js';
import { httpHandler } from '#http/handler.js';
import { getRequestRoute } from '#http/routes/requests/get-request.js';
import { callerCanton } from '#app/tenancy.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { findRequestWithHistory } from '#adapters/dynamodb/requests-store.js';
import { requestView } from '#http/views/requests.js';

export const handler = httpHandler<{ cantonId: string; requestId: string }>(
  getRequestRoute,
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const found = await findRequestWithHistory(canton.id, params.requestId);
    if (!found) throw requestNotFound(params.requestId);
    await recordAudit(auditOf(caller, canton.id, 'request.read', { type: 'request', id: params.requestId }));
    return { body: requestView(found.request, language, found.history) };
  },
);
