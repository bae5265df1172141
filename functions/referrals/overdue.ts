import { clock } from '../commons/clock.js';
import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { overdueReferrals } from '../store/referrals-store.js';
import { referralView } from './view.js';

/** The canton's open referrals whose current deadline has passed, most overdue first. */
export const handler = httpHandler<{ cantonId: string }>(
  'overdueReferrals',
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const referrals = await overdueReferrals(canton.id, clock.now().toISOString());
    return { body: { items: referrals.map((r) => referralView(r, language)) } };
  },
);
