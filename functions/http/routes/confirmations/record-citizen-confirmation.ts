import type { RouteDefinition } from '../../route.js';
import { ConfirmationBody } from '#domain/citizen-confirmation.js';
import { ReferralPath } from '../../schemas/referral-path.js';
import { ReferralView } from '../../schemas/referral-view.js';

export const recordCitizenConfirmationRoute: RouteDefinition = {
  operationId: 'recordCitizenConfirmation',
  method: 'POST',
  path: '/cantons/{cantonId}/referrals/{referralId}/confirmation',
  handler: 'handlers/confirmations/answer',
  // A citizen who says they were not served has the benefit recorded as denied in their file, keyed by their digest.
  nationalIdKey: true,
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
};
