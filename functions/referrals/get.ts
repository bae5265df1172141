import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { auditOf, recordAudit } from '../store/audit.js';
import { findReferralWithHistory } from '../store/referrals-store.js';
import { assertCanSee, referralNotFound } from './access.js';
import { referralView } from './view.js';

export const handler = httpHandler<{ cantonId: string; referralId: string }>(
  'getReferral',
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const found = await findReferralWithHistory(canton.id, params.referralId);
    if (!found) throw referralNotFound(params.referralId);
    assertCanSee(found.record, caller);
    await recordAudit(
      auditOf(caller, canton.id, 'referral.read', { type: 'referral', id: params.referralId }),
    );
    return { body: referralView(found.record, language, found.history) };
  },
);
