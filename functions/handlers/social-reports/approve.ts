import { clock } from '#kernel/clock.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { approveSocialReportRoute } from '#http/routes/social-reports/approve.js';
import type { ApprovalInput } from '#http/schemas/social-reports.js';
import { reportView } from '#http/views/social-reports.js';
import { callerCanton } from '#app/tenancy.js';
import { staffName } from '#app/social-reports/document.js';
import { reportAudit, reportIn } from '#app/social-reports/reports.js';
import { saveReport } from '#adapters/dynamodb/social-reports-store.js';
import { approveReport } from '#domain/social-report.js';

export const handler = httpHandler<{ cantonId: string; reportId: string }, unknown, ApprovalInput>(
  approveSocialReportRoute,
  async ({ caller, params, body, preconditions }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const report = await reportIn(canton, params.reportId);
    requirePreconditions(preconditions, entityTag(report.version));
    const now = clock.now().toISOString();
    const change = approveReport(report, {
      caller,
      now,
      approverName: staffName(canton, caller.userId),
      ...(body.note ? { note: body.note } : {}),
    });
    await saveReport(change, reportAudit(caller, report, 'approve', now));
    return { body: reportView(change.report) };
  },
);
