import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '#http/pagination.js';
import { listHouseholdSocialReportsRoute } from '#http/routes/social-reports/list.js';
import { reportSummary } from '#http/views/social-reports.js';
import { callerCanton } from '#app/tenancy.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { householdReportsPage } from '#adapters/dynamodb/social-reports-store.js';

/** A household's reports in the caller's canton, newest first; an empty page when it has none. */
export const handler = httpHandler<{ cantonId: string; householdId: string }, PageQuery>(
  listHouseholdSocialReportsRoute,
  async ({ caller, params, query }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const scope = listScope('listHouseholdSocialReports', {
      canton: canton.id,
      household: params.householdId,
    });
    const page = await householdReportsPage(canton.id, params.householdId, {
      limit: query.limit,
      startKey: await startKeyOf(query, scope),
    });
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'social-report.list',
        { type: 'household', id: params.householdId },
        { at: clock.now().toISOString(), details: { reports: page.reports.map((r) => r.reportId) } },
      ),
    );
    return { body: await pageBody(page.reports.map(reportSummary), page.lastKey, scope) };
  },
);
