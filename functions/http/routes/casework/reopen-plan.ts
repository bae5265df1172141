import type { RouteDefinition } from '../../route.js';
import { ReopenBody } from '#domain/plan-bodies.js';
import { PlanPath } from '../../schemas/casework-requests.js';
import { MANAGERS } from './common.js';

export const reopenPlanRoute: RouteDefinition = {
  operationId: 'reopenPlan',
  method: 'POST',
  path: '/cantons/{cantonId}/plans/{planId}/reopening',
  handler: 'handlers/casework/reopen-plan',
  auth: 'token',
  roles: MANAGERS,
  tableAccess: 'read-write',
  summary: 'Reopen a closed plan with a reason: the items named go back to in-progress',
  tag: 'casework',
  pathParams: PlanPath,
  body: ReopenBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
