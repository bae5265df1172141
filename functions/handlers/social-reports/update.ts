import { clock } from '#kernel/clock.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { updateSocialReportRoute } from '#http/routes/social-reports/update.js';
import type { ReportContentInput } from '#http/schemas/social-reports.js';
import { reportView } from '#http/views/social-reports.js';
import { callerCanton } from '#app/tenancy.js';
import { reportAudit, reportIn } from '#app/social-reports/reports.js';
import { saveReport } from '#adapters/dynamodb/social-reports-store.js';
import { editDraft, sameContent } from '#domain/social-report.js';

/** PUT a draft's whole content; the same content sent again changes nothing (and writes no event). */
export const handler = httpHandler<{ cantonId: string; reportId: string }, unknown, ReportContentInput>(
  updateSocialReportRoute,
  async ({ caller, params, body, preconditions }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const report = await reportIn(canton, params.reportId);
    const unchanged =
      report.status === 'draft' && report.createdBy === caller.userId && sameContent(report, body);
    requirePreconditions(preconditions, entityTag(report.version), unchanged ? 'unchanged' : 'changes');
    if (unchanged) return { body: reportView(report) };
    const now = clock.now().toISOString();
    const change = editDraft(report, body, caller, now);
    await saveReport(
      change,
      reportAudit(caller, report, 'edit', now, { fields: change.event.details?.fields }),
    );
    return { body: reportView(change.report) };
  },
);
