import type { RouteDefinition } from '../../route.js';
import { PageOnlyQuery } from '#model/page.js';
import { READERS } from '../roles.js';
import { ReferralPage } from '../../schemas/referral-list.js';
import { RequestPath } from '../../schemas/request-path.js';

export const listRequestReferralsRoute: RouteDefinition = {
  operationId: 'listRequestReferrals',
  method: 'GET',
  path: '/cantons/{cantonId}/requests/{requestId}/referrals',
  handler: 'handlers/referrals/list-for-request',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read',
  summary: "A request's referrals, oldest first",
  tag: 'referrals',
  pathParams: RequestPath,
  query: PageOnlyQuery,
  cursorKey: true,
  successStatus: 200,
  response: ReferralPage,
};
