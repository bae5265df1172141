import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ListPlansQuery } from '../../schemas/casework-requests.js';
import { READERS, AUDITED } from './common.js';

export const listPlansRoute: RouteDefinition = {
  operationId: 'listPlans',
  method: 'GET',
  path: '/cantons/{cantonId}/plans',
  handler: 'handlers/casework/list-plans',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  cursorKey: true,
  summary: "List the canton's intervention plans, newest first, with each plan's summary",
  description: AUDITED,
  tag: 'casework',
  pathParams: CantonPath,
  query: ListPlansQuery,
  successStatus: 200,
};
