import { httpHandler } from '#http/handler.js';
import { getEscalatedRequestRoute } from '#http/routes/escalations/get-escalated-request.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { referralView } from '#http/views/referrals.js';
import { escalatedRequestWithHistory } from '#app/requests/national.js';
import { requestView } from '#http/views/requests.js';

/**
 * An escalated request as the national single window sees it: the canton's request with its whole history and its
 * referrals (the canton's and the national ones). The read is audited in the canton the citizen belongs to.
 */
export const handler = httpHandler<{ cantonId: string; originCantonId: string; requestId: string }>(
  getEscalatedRequestRoute,
  async ({ caller, params, language }) => {
    const { request, history, referrals } = await escalatedRequestWithHistory(caller, params);
    await recordAudit(
      auditOf(caller, request.cantonId, 'request.read-national', { type: 'request', id: request.requestId }),
    );
    return {
      body: {
        ...requestView(request, language, history),
        referrals: referrals.map((r) => referralView(r, language)),
      },
    };
  },
);
