import type { RouteDefinition } from '../../route.js';
import { PlanPath } from '../../schemas/casework-requests.js';
import { READERS, AUDITED } from './common.js';

export const getPlanRoute: RouteDefinition = {
  operationId: 'getPlan',
  method: 'GET',
  path: '/cantons/{cantonId}/plans/{planId}',
  handler: 'handlers/casework/get-plan',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  summary:
    'Get a plan: its items with their status and history, the summary a console draws, the plan’s history',
  description: AUDITED,
  tag: 'casework',
  pathParams: PlanPath,
  etag: true,
  successStatus: 200,
};
