import type { RouteDefinition } from '../../route.js';
import { EscalatedRequestPath } from '../../schemas/request-path.js';
import { EscalatedRequestView } from '../../schemas/escalated-request.js';

export const getEscalatedRequestRoute: RouteDefinition = {
  operationId: 'getEscalatedRequest',
  method: 'GET',
  path: '/cantons/{cantonId}/escalations/{originCantonId}/{requestId}',
  handler: 'handlers/requests/get-escalated',
  auth: 'token',
  roles: ['swcs-officer', 'coordinator', 'auditor'],
  tableAccess: 'read-write',
  summary: 'An escalated request with its shared history and referrals (national only)',
  tag: 'referrals',
  pathParams: EscalatedRequestPath,
  etag: true,
  successStatus: 200,
  response: EscalatedRequestView,
};
