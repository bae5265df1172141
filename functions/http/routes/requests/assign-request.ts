import type { RouteDefinition } from '../../route.js';
import { AssignBody } from '../../schemas/request-actions.js';
import { RequestPath } from '../../schemas/request-path.js';
import { RequestView } from '../../schemas/request-view.js';

export const assignRequestRoute: RouteDefinition = {
  operationId: 'assignRequest',
  method: 'PUT',
  path: '/cantons/{cantonId}/requests/{requestId}/assignment',
  handler: 'handlers/requests/assign',
  auth: 'token',
  roles: ['operator', 'swcs-officer', 'coordinator'],
  tableAccess: 'read-write',
  summary: 'Assign (or reassign) a classified request to an SWCS officer of the canton',
  tag: 'intake',
  pathParams: RequestPath,
  body: AssignBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
  response: RequestView,
};
