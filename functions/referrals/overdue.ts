import { clock } from '../commons/clock.js';
import { httpHandler } from '../commons/http.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '../commons/pagination.js';
import { callerCanton } from '../commons/tenancy.js';
import { overdueReferralsPage } from '../store/referrals-store.js';
import { referralSummary } from './view.js';

/**
 * The canton's open referrals whose current deadline has passed, most overdue first. The cursor is a position in
 * the deadline order, so a later page still ends at the present: referrals that fell overdue meanwhile join it.
 */
export const handler = httpHandler<{ cantonId: string }, PageQuery>(
  'overdueReferrals',
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
