import { clock } from '#kernel/clock.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { signSocialReportRoute } from '#http/routes/social-reports/sign.js';
import { reportView } from '#http/views/social-reports.js';
import { callerCanton } from '#app/tenancy.js';
import { staffName } from '#app/social-reports/document.js';
import { reportAudit, reportIn } from '#app/social-reports/reports.js';
import { saveReport } from '#adapters/dynamodb/social-reports-store.js';
import { approvalRequiredIn, signReport, supersede } from '#domain/social-report.js';

/** The author signs; a correction's signature supersedes the report it corrects, in the same transaction. */
export const handler = httpHandler<{ cantonId: string; reportId: string }>(
  signSocialReportRoute,
  async ({ caller, params, preconditions }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const report = await reportIn(canton, params.reportId);
    requirePreconditions(preconditions, entityTag(report.version));
    const now = clock.now().toISOString();
    const change = signReport(report, {
      caller,
      now,
      signerName: staffName(canton, caller.userId),
      approvalRequired: approvalRequiredIn(canton),
    });
    const old = report.supersedes ? await reportIn(canton, report.supersedes) : undefined;
    const superseded = old ? supersede(old, change.report, caller, now) : undefined;
    await saveReport(
      change,
      reportAudit(caller, report, 'sign', now, {
        hash: change.report.signature?.hash,
        ...(old ? { supersedes: old.reportId } : {}),
      }),
      superseded,
    );
    return { body: reportView(change.report) };
  },
);
