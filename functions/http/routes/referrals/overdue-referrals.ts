import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { PageOnlyQuery } from '#model/page.js';
import { ReferralPage } from '../../schemas/referral-list.js';

export const overdueReferralsRoute: RouteDefinition = {
  operationId: 'overdueReferrals',
  method: 'GET',
  path: '/cantons/{cantonId}/referrals/overdue',
  handler: 'handlers/referrals/overdue',
  auth: 'token',
  roles: ['swcs-officer', 'coordinator', 'auditor'],
  tableAccess: 'read',
  summary: "The canton's referrals whose acknowledgement or counter-referral is late, most overdue first",
  tag: 'referrals',
  pathParams: CantonPath,
  query: PageOnlyQuery,
  cursorKey: true,
  successStatus: 200,
  response: ReferralPage,
};
