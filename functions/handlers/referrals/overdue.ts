import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { overdueReferralsRoute } from '#http/routes/referrals/overdue-referrals.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '#http/pagination.js';
import { callerCanton } from '#app/tenancy.js';
import { overdueReferralsPage } from '#adapters/dynamodb/referrals-store.js';
import { referralSummary } from '#http/views/referrals.js';

/**
 * The canton's open referrals whose current deadline has passed, most overdue first. The cursor is a position in
 * the deadline order, so a later page still ends at the present: referrals that fell overdue meanwhile join it.
 */
export const handler = httpHandler<{ cantonId: string }, PageQuery>(
  overdueReferralsRoute,
  async ({ caller, params, query }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const scope = listScope('overdueReferrals', { canton: canton.id });
    const page = await overdueReferralsPage(canton.id, clock.now().toISOString(), {
      limit: query.limit,
      startKey: await startKeyOf(query, scope),
    });
    return { body: await pageBody(page.referrals.map(referralSummary), page.lastKey, scope) };
  },
);
