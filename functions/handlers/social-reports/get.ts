import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { getSocialReportRoute } from '#http/routes/social-reports/get.js';
import { reportView } from '#http/views/social-reports.js';
import { callerCanton } from '#app/tenancy.js';
import { reportAudit, reportWithHistoryIn } from '#app/social-reports/reports.js';
import { recordAudit } from '#adapters/dynamodb/audit.js';

export const handler = httpHandler<{ cantonId: string; reportId: string }>(
  getSocialReportRoute,
  async ({ caller, params }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const { report, history } = await reportWithHistoryIn(canton, params.reportId);
    await recordAudit(reportAudit(caller, report, 'read', clock.now().toISOString()));
    return { body: reportView(report, history) };
  },
);
