import { type RouteDefinition, routeIn } from '../route.js';
import { ReferralPath, ReferralView } from '../schemas/referrals.js';
import { AlternativesView, RerouteBody } from '../schemas/reroutes.js';

/**
 * The routes of re-routing a stuck referral (domain/reroute.ts): its next services, and the one action that
 * re-refers. Their handlers take their definitions from here, and bundle only these schemas.
 */
export const REROUTE_ROUTES: readonly RouteDefinition[] = [
  {
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
  },
  {
    operationId: 'rerouteReferral',
    method: 'POST',
    path: '/cantons/{cantonId}/referrals/{referralId}/reroute',
    handler: 'handlers/referrals/reroute',
    auth: 'token',
    // A case manager is the referring officer of the referrals their plans made (app/casework/checkout.ts).
    roles: ['swcs-officer', 'case-manager', 'coordinator'],
    tableAccess: 'read-write',
    workflowAccess: true,
    summary:
      'Re-route a stuck referral to another service: the old one cancelled with deadline-expired (or its rejection kept) and its spot released, the new one created with a spot and linked, in one transaction',
    description:
      'Only the referring officer or a coordinator, once per referral. The new referral goes through the same checks as a referral (consent, protocol in force, service active, serving the subcategory, eligibility or an override) and must take a spot: a waitlist place is refused. Both referrals name each other (reroutedTo, reroutedFrom) and the request history records the new one with reroutedFrom',
    tag: 'referrals',
    pathParams: ReferralPath,
    body: RerouteBody,
    successStatus: 201,
    response: ReferralView,
  },
];

export const rerouteRoute = routeIn(REROUTE_ROUTES);
