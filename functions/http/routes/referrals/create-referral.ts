import type { RouteDefinition } from '../../route.js';
import { CreateReferralBody } from '../../schemas/referrals.js';
import { ReferralView } from '../../schemas/referral-view.js';
import { RequestPath } from '../../schemas/request-path.js';

export const createReferralRoute: RouteDefinition = {
  operationId: 'createReferral',
  method: 'POST',
  path: '/cantons/{cantonId}/requests/{requestId}/referrals',
  handler: 'handlers/referrals/create',
  nationalIdKey: true,
  auth: 'token',
  roles: ['swcs-officer', 'coordinator'],
  tableAccess: 'read-write',
  summary:
    "Refer a request to a service of the canton's catalogue: consent, protocol, service, eligibility (or an override) checked, a spot reserved or a waitlist place taken, and the provider's contact officer notified. A national service is refused with 409 escalation_required: escalate the request instead",
  tag: 'referrals',
  pathParams: RequestPath,
  body: CreateReferralBody,
  etag: true,
  successStatus: 201,
  response: ReferralView,
};
