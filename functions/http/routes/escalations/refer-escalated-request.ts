import type { RouteDefinition } from '../../route.js';
import { CreateReferralBody } from '../../schemas/referrals.js';
import { EscalatedRequestPath } from '../../schemas/request-path.js';
import { ReferralView } from '../../schemas/referral-view.js';

export const referEscalatedRequestRoute: RouteDefinition = {
  operationId: 'referEscalatedRequest',
  method: 'POST',
  path: '/cantons/{cantonId}/escalations/{originCantonId}/{requestId}/referrals',
  handler: 'handlers/referrals/create-national',
  nationalIdKey: true,
  auth: 'token',
  roles: ['swcs-officer', 'coordinator'],
  tableAccess: 'read-write',
  summary: 'Refer an escalated request to a national service (national only)',
  tag: 'referrals',
  pathParams: EscalatedRequestPath,
  body: CreateReferralBody,
  etag: true,
  successStatus: 201,
  response: ReferralView,
};
