import { ulid } from '#kernel/ids.js';
import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { correctSocialReportRoute } from '#http/routes/social-reports/correct.js';
import type { CorrectionInput } from '#http/schemas/social-reports.js';
import { reportView } from '#http/views/social-reports.js';
import { callerCanton } from '#app/tenancy.js';
import { reportAudit, reportIn } from '#app/social-reports/reports.js';
import { saveReport } from '#adapters/dynamodb/social-reports-store.js';
import { approvalRequiredIn, draftCorrection } from '#domain/social-report.js';

/** A new draft version of a signed report, and the old one marked as being corrected, in one transaction. */
export const handler = httpHandler<{ cantonId: string; reportId: string }, unknown, CorrectionInput>(
  correctSocialReportRoute,
  async ({ caller, params, body }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const old = await reportIn(canton, params.reportId);
    const now = clock.now().toISOString();
    const { correction, old: marked } = draftCorrection(old, {
      caller,
      reportId: ulid(),
      now,
      reason: body.reason,
      approvalRequired: approvalRequiredIn(canton),
    });
    await saveReport(
      correction,
      reportAudit(caller, correction.report, 'correct', now, { supersedes: old.reportId }),
      marked,
    );
    return {
      statusCode: 201,
      headers: { location: `/cantons/${canton.id}/social-reports/${correction.report.reportId}` },
      body: reportView(correction.report, [correction.event]),
    };
  },
);
