import type { RouteDefinition } from '../../route.js';
import { AlternativesView } from '../../schemas/reroutes.js';
import { ReferralPath } from '../../schemas/referral-path.js';

export const referralAlternativesRoute: RouteDefinition = {
  operationId: 'referralAlternatives',
  method: 'GET',
  path: '/cantons/{cantonId}/referrals/{referralId}/alternatives',
  handler: 'handlers/referrals/alternatives',
  auth: 'token',
  // A case manager is the referring officer of the referrals their plans made (app/casework/checkout.ts).
  roles: ['swcs-officer', 'case-manager', 'coordinator'],
  tableAccess: 'read',
  summary:
    "A stuck referral's next services under the same protocol, with spots now: where it can be re-routed in one step",
  description:
    'A referral is stuck when its acknowledgement ladder ran out unanswered, or the provider rejected it for no-capacity or outside-service-area. Eligibility is checked on what the referral kept of the citizen; services the chain already went to are left out',
  tag: 'referrals',
  pathParams: ReferralPath,
  successStatus: 200,
  response: AlternativesView,
};
