import type { RouteDefinition } from '../../route.js';
import { READERS } from '../roles.js';
import { RequestPath } from '../../schemas/request-path.js';
import { RequestView } from '../../schemas/request-view.js';

export const getRequestRoute: RouteDefinition = {
  operationId: 'getRequest',
  method: 'GET',
  path: '/cantons/{cantonId}/requests/{requestId}',
  handler: 'handlers/requests/get',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  summary: 'Get a request with its history',
  tag: 'intake',
  pathParams: RequestPath,
  etag: true,
  successStatus: 200,
  response: RequestView,
};
