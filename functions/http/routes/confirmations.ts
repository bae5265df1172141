import { type RouteDefinition, routeIn } from '../route.js';
import { CantonPath } from '../schemas/canton-path.js';
import { ReferralPath, ReferralView } from '../schemas/referrals.js';
import { ClosuresToConfirmPage } from '../schemas/confirmations.js';
import { ConfirmationBody } from '#domain/citizen-confirmation.js';
import { PageOnlyQuery } from '#model/page.js';

/**
 * The routes of the citizen's confirmation that they were served (domain/citizen-confirmation.ts): the operators'
 * call-back list, and the answer an operator records from the call. The citizen's own answer comes through their
 * link's page (routes/links.ts). Their handlers take their definitions from here, and bundle only these schemas.
 */
export const CONFIRMATION_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'closuresToConfirm',
    method: 'GET',
    path: '/cantons/{cantonId}/referrals/to-confirm',
    handler: 'handlers/confirmations/list',
    auth: 'token',
    roles: ['operator', 'swcs-officer', 'coordinator'],
    tableAccess: 'read-write',
    cursorKey: true,
    summary:
      "Closures to confirm: completed referrals whose citizen has no phone or consent for the SMS, or did not answer it within the protocol's period — the operators' call-back list",
    description:
      'Longest due first; initials and references only (GET the request for the phone, which is audited). Each page is an audit record. A referral leaves the list once its confirmation is recorded, through the citizen’s link or POST …/confirmation',
    tag: 'referrals',
    pathParams: CantonPath,
    query: PageOnlyQuery,
    successStatus: 200,
    response: ClosuresToConfirmPage,
  },
  {
    operationId: 'recordCitizenConfirmation',
    method: 'POST',
    path: '/cantons/{cantonId}/referrals/{referralId}/confirmation',
    handler: 'handlers/confirmations/answer',
    auth: 'token',
    roles: ['operator', 'swcs-officer', 'coordinator'],
    tableAccess: 'read-write',
    notifies: true,
    summary:
      "Record the citizen's confirmation of a completed referral from a call: confirmed (with an optional 1–5 rating), denied or unreachable",
    description:
      'Once per referral, whoever answers first (the citizen through their link, or an operator): a second answer is a 409 that changes nothing. A denial puts the request back in the referring officer’s queue (needs-referral) in the same transaction, with a follow-up-reopened event, and e-mails the referring officer',
    tag: 'referrals',
    pathParams: ReferralPath,
    body: ConfirmationBody,
    etag: true,
    ifMatch: true,
    successStatus: 200,
    response: ReferralView,
  },
];

export const confirmationRoute = routeIn(CONFIRMATION_ROUTES);
