import { type RouteDefinition, routeIn } from '../route.js';
import { READERS } from './roles.js';
import { RequestPath } from '../schemas/requests.js';
import { CantonPath } from '../schemas/canton-path.js';
import {
  CreateReferralBody,
  InboxPath,
  InboxQuery,
  ReferralPage,
  ReferralPath,
  ReferralView,
  TransitionBody,
} from '../schemas/referrals.js';
import { PageOnlyQuery } from '#model/page.js';

/**
 * The routes of referrals: referring a request, a referral's transitions, a contact officer's inbox, overdue referrals.
 * Their handlers take their definitions from here, and bundle only these schemas.
 */
export const REFERRAL_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'createReferral',
    method: 'POST',
    path: '/cantons/{cantonId}/requests/{requestId}/referrals',
    handler: 'handlers/referrals/create',
    nationalIdKey: true,
    auth: 'token',
    roles: ['swcs-officer', 'coordinator'],
    tableAccess: 'read-write',
    workflowAccess: true,
    summary:
      "Refer a request to a service of the canton's catalogue: consent, protocol, service, eligibility (or an override) checked, a spot reserved or a waitlist place taken, and the provider's contact officer notified. A national service is refused with 409 escalation_required: escalate the request instead",
    tag: 'referrals',
    pathParams: RequestPath,
    body: CreateReferralBody,
    etag: true,
    successStatus: 201,
    response: ReferralView,
  },
  {
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
  },
  {
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
  },
  {
    operationId: 'transitionReferral',
    method: 'POST',
    path: '/cantons/{cantonId}/referrals/{referralId}/transitions',
    handler: 'handlers/referrals/transition',
    auth: 'token',
    // A case manager acts (cancel, …) on the referrals their plans made, as their referring officer.
    roles: ['contact-officer', 'swcs-officer', 'case-manager', 'coordinator'],
    tableAccess: 'read-write',
    // A completion records the citizen's local benefit in their file, by the national ID's digest.
    nationalIdKey: true,
    workflowAccess: true,
    // A completion sends the citizen's one SMS asking whether they were served (app/referrals/citizen-confirmation.ts).
    notifies: true,
    summary:
      'Move a referral: acknowledge, accept, reject, start, hold, complete with the counter-referral, fail, cancel, or mark entered in error',
    tag: 'referrals',
    pathParams: ReferralPath,
    body: TransitionBody,
    etag: true,
    ifMatch: true,
    successStatus: 200,
    response: ReferralView,
  },
  {
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
  },
  {
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
  },
];

export const referralRoute = routeIn(REFERRAL_ROUTES);
