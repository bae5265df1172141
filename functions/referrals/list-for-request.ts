import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { referralsOfRequest } from '../store/referrals-store.js';
import { referralView } from './view.js';

export const handler = httpHandler<{ cantonId: string; requestId: string }>(
  'listRequestReferrals',
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const referrals = await referralsOfRequest(canton.id, params.requestId);
    return { body: { items: referrals.map((r) => referralView(r, language)) } };
  },
);
