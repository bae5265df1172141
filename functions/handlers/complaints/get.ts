import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { getComplaintRoute } from '#http/routes/complaints/get.js';
import { complaintView } from '#http/views/complaints.js';
import { complaintCanton, visibleComplaintWithHistory } from '#app/complaints/scope.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';

export const handler = httpHandler<{ cantonId: string; complaintId: string }>(
  getComplaintRoute,
  async ({ caller, params, language }) => {
    const canton = await complaintCanton(caller, params.cantonId);
    const { complaint, history } = await visibleComplaintWithHistory(caller, canton, params.complaintId);
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'complaint.read',
        { type: 'complaint', id: complaint.complaintId },
        {
          ...(complaint.sensitive ? { details: { sensitive: true } } : {}),
        },
      ),
    );
    return {
      body: complaintView(complaint, {
        caller,
        language,
        now: clock.now(),
        timeZone: canton.timeZone,
        history,
      }),
    };
  },
);
