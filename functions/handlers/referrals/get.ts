import { httpHandler } from '#http/handler.js';
import { getReferralRoute } from '#http/routes/referrals/get-referral.js';
import { callerCanton } from '#app/tenancy.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { findReferralWithHistory } from '#adapters/dynamodb/referrals-store.js';
import { assertCanSee, referralNotFound } from '#domain/referral-access.js';
import { referralView } from '#http/views/referrals.js';
import { registryShareFor } from '#app/registry/sharing.js';

export const handler = httpHandler<{ cantonId: string; referralId: string }>(
  getReferralRoute,
  async ({ caller, params, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const found = await findReferralWithHistory(canton.id, params.referralId);
    if (!found) throw referralNotFound(params.referralId);
    assertCanSee(found.record, caller);
    await recordAudit(
      auditOf(caller, canton.id, 'referral.read', { type: 'referral', id: params.referralId }),
    );
    // A contact officer sees registry data only with the citizen's consent for their provider (audited).
    const registry = caller.roles.includes('contact-officer')
      ? await registryShareFor(found.record, caller)
      : undefined;
    return {
      body: { ...referralView(found.record, language, found.history), ...(registry ? { registry } : {}) },
    };
  },
);
