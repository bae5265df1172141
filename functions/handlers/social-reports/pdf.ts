import { clock } from '#kernel/clock.js';
import { entityTag } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { getSocialReportPdfRoute } from '#http/routes/social-reports/pdf.js';
import { callerCanton } from '#app/tenancy.js';
import { reportDocument } from '#app/social-reports/document.js';
import { reportAudit, reportIn } from '#app/social-reports/reports.js';
import { recordAudit } from '#adapters/dynamodb/audit.js';
import { renderPdf } from '#adapters/pdf/render.js';

/** The report drawn as PDF in the caller's language; its ETag is the report's version (a 304 draws nothing). */
export const handler = httpHandler<{ cantonId: string; reportId: string }>(
  getSocialReportPdfRoute,
  async ({ caller, params, language, preconditions }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const report = await reportIn(canton, params.reportId);
    const tag = entityTag(report.version);
    await recordAudit(reportAudit(caller, report, 'pdf', clock.now().toISOString(), { language }));
    const notModified =
      preconditions.ifNoneMatch !== undefined && preconditions.ifNoneMatch !== '*'
        ? preconditions.ifNoneMatch.includes(String(report.version))
        : false;
    const bytes = notModified ? new Uint8Array() : await renderPdf(reportDocument(report, canton, language));
    return {
      headers: {
        etag: tag,
        'content-disposition': `inline; filename="${report.reference}.pdf"`,
      },
      body: bytes,
    };
  },
);
