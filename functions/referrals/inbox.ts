import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { findOrganization } from '../store/catalogue-store.js';
import { providerInbox } from '../store/referrals-store.js';
import { referralView } from './view.js';

/** A provider's referrals, optionally of one status: for its contact officers, and for the canton's staff. */
export const handler = httpHandler<{ cantonId: string; organizationId: string }, { status?: string }>(
  'providerInbox',
  async ({ caller, params, query, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const organization = await findOrganization(canton.id, params.organizationId);
    const isStaff = caller.roles.some((r) => ['swcs-officer', 'coordinator', 'auditor'].includes(r));
    const isOwnOfficer = organization?.contactOfficers.some((o) => o.userId === caller.userId) ?? false;
    // Another provider's inbox looks like an empty one: nobody learns whose referrals exist.
    if (!organization || (!isStaff && !isOwnOfficer)) return { body: { items: [] } };
    const referrals = await providerInbox(canton.id, organization.id, query.status);
    return { body: { items: referrals.map((r) => referralView(r, language)) } };
  },
);
