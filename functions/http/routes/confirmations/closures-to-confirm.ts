import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ClosuresToConfirmPage } from '../../schemas/confirmations.js';
import { PageOnlyQuery } from '#model/page.js';

export const closuresToConfirmRoute: RouteDefinition = {
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
};
