import type { RouteDefinition } from '../../route.js';
import { READERS } from '../roles.js';
import { ReferralPath } from '../../schemas/referral-path.js';
import { ReferralView } from '../../schemas/referral-view.js';

export const getReferralRoute: RouteDefinition = {
  operationId: 'getReferral',
  method: 'GET',
  path: '/cantons/{cantonId}/referrals/{referralId}',
  handler: 'handlers/referrals/get',
  auth: 'token',
  roles: [...READERS, 'case-manager', 'contact-officer'],
  tableAccess: 'read-write',
  // The registry data a contact officer sees with the citizen's consent (app/registry/sharing.ts).
  nationalIdKey: true,
  summary: 'A referral with its history (contact officers: only their own provider’s)',
  tag: 'referrals',
  pathParams: ReferralPath,
  etag: true,
  successStatus: 200,
  response: ReferralView,
};
