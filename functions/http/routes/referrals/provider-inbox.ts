import type { RouteDefinition } from '../../route.js';
import { InboxPath, InboxQuery, ReferralPage } from '../../schemas/referral-list.js';

export const providerInboxRoute: RouteDefinition = {
  operationId: 'providerInbox',
  method: 'GET',
  path: '/cantons/{cantonId}/organizations/{organizationId}/referrals',
  handler: 'handlers/referrals/inbox',
  auth: 'token',
  roles: ['contact-officer', 'swcs-officer', 'coordinator', 'auditor'],
  tableAccess: 'read',
  summary: "A provider's referral inbox, by status",
  tag: 'referrals',
  pathParams: InboxPath,
  query: InboxQuery,
  cursorKey: true,
  successStatus: 200,
  response: ReferralPage,
};
