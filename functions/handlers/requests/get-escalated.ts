import { httpHandler } from '#http/handler.js';
import { escalationRoute } from '#http/routes/escalations.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { referralsOfRequest } from '#adapters/dynamodb/referrals-store.js';
import { findRequestWithHistory } from '#adapters/dynamodb/requests-store.js';
import { referralView } from '#http/views/referrals.js';
import { escalatedRequest } from '#app/requests/national.js';
import { requestView } from '#http/views/requests.js';

/**
 * An escalated request as the national single window sees it: the canton's request with its whole history and its
 * referrals (the canton's and the national ones). The read is audited in the canton the citizen belongs to.
 */
export const handler = httpHandler<{ cantonId: string; originCantonId: string; requestId: string }>(
  escalationRoute('getEscalatedRequest'),
  async ({ caller, params, language }) => {
    const { request } = await escalatedRequest(caller, params);
    const [found, referrals] = await Promise.all([
      findRequestWithHistory(request.cantonId, request.requestId),
      referralsOfRequest(request.cantonId, request.requestId),
    ]);
    await recordAudit(
      auditOf(caller, request.cantonId, 'request.read-national', { type: 'request', id: request.requestId }),
    );
    return {
      body: {
        ...requestView(found?.request ?? request, language, found?.history ?? []),
        referrals: referrals.map((r) => referralView(r, language)),
      },
    };
  },
);
