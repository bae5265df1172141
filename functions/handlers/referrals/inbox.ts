import { organizationNotFound } from '#app/catalogue/not-found.js';
import { httpHandler } from '#http/handler.js';
import { providerInboxRoute } from '#http/routes/referrals/provider-inbox.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '#http/pagination.js';
import { callerCanton } from '#app/tenancy.js';
import { findOrganization } from '#adapters/dynamodb/catalogue-store.js';
import { providerInboxPage } from '#adapters/dynamodb/referrals-store.js';
import { referralSummary } from '#http/views/referrals.js';

const STAFF = ['swcs-officer', 'coordinator', 'auditor'];

/** A provider's referrals, optionally of one status: for its contact officers, and for the canton's staff. */
export const handler = httpHandler<
  { cantonId: string; organizationId: string },
  PageQuery & { status?: string }
>(providerInboxRoute, async ({ caller, params, query }) => {
  const canton = await callerCanton(caller, params.cantonId);
  const organization = await findOrganization(canton.id, params.organizationId);
  const isStaff = caller.roles.some((r) => STAFF.includes(r));
  const isOwnOfficer = organization?.contactOfficers.some((o) => o.userId === caller.userId) ?? false;
  // Another provider's inbox is answered like one that does not exist: nobody learns whose referrals exist.
  if (!organization || (!isStaff && !isOwnOfficer)) {
    throw organizationNotFound(params.organizationId);
  }
  const { cursor: _cursor, limit: _limit, ...filters } = query;
  const scope = listScope('providerInbox', { canton: canton.id, organization: organization.id, ...filters });
  const page = await providerInboxPage(canton.id, organization.id, query.status, {
    limit: query.limit,
    startKey: await startKeyOf(query, scope),
  });
  return { body: await pageBody(page.referrals.map(referralSummary), page.lastKey, scope) };
});
