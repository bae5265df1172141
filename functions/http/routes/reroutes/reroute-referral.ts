import type { RouteDefinition } from '../../route.js';
import { ReferralPath } from '../../schemas/referral-path.js';
import { ReferralView } from '../../schemas/referral-view.js';
import { RerouteBody } from '../../schemas/reroutes.js';

export const rerouteReferralRoute: RouteDefinition = {
  operationId: 'rerouteReferral',
  method: 'POST',
  path: '/cantons/{cantonId}/referrals/{referralId}/reroute',
  handler: 'handlers/referrals/reroute',
  // The new referral is planned as any other: it reads the citizen's registry record by their national ID's digest.
  nationalIdKey: true,
  auth: 'token',
  // A case manager is the referring officer of the referrals their plans made (app/casework/checkout.ts).
  roles: ['swcs-officer', 'case-manager', 'coordinator'],
  tableAccess: 'read-write',
  answersReferralWorkflow: true,
  summary:
    'Re-route a stuck referral to another service: the old one cancelled with deadline-expired (or its rejection kept) and its spot released, the new one created with a spot and linked, in one transaction',
  description:
    'Only the referring officer or a coordinator, once per referral. The new referral goes through the same checks as a referral (consent, protocol in force, service active, serving the subcategory, eligibility or an override) and must take a spot: a waitlist place is refused. Both referrals name each other (reroutedTo, reroutedFrom) and the request history records the new one with reroutedFrom',
  tag: 'referrals',
  pathParams: ReferralPath,
  body: RerouteBody,
  successStatus: 201,
  response: ReferralView,
};
