import type { RouteDefinition } from '../../route.js';
import { ReferralPath } from '../../schemas/referral-path.js';
import { ReferralView } from '../../schemas/referral-view.js';
import { TransitionBody } from '../../schemas/referrals.js';

export const transitionReferralRoute: RouteDefinition = {
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
  answersReferralWorkflow: true,
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
};
