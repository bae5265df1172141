import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { draftSocialReportRoute } from '#http/routes/social-reports/draft.js';
import type { DraftReportBodyInput } from '#http/schemas/social-reports.js';
import { reportView } from '#http/views/social-reports.js';
import { callerCanton } from '#app/tenancy.js';
import { draftReportFor } from '#app/social-reports/reports.js';

export const handler = httpHandler<{ cantonId: string }, unknown, DraftReportBodyInput>(
  draftSocialReportRoute,
  async ({ caller, params, body }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const { report, event } = await draftReportFor(caller, canton, body, clock.now().toISOString());
    return {
      statusCode: 201,
      headers: { location: `/cantons/${canton.id}/social-reports/${report.reportId}` },
      body: reportView(report, [event]),
    };
  },
);
