import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ListRequestsQuery, RequestPage } from '../../schemas/request-list.js';
import { READERS } from '../roles.js';

export const listRequestsRoute: RouteDefinition = {
  operationId: 'listRequests',
  method: 'GET',
  path: '/cantons/{cantonId}/requests',
  handler: 'handlers/requests/list',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  summary: "List the canton's requests, newest first, filtered and paginated",
  tag: 'intake',
  pathParams: CantonPath,
  query: ListRequestsQuery,
  cursorKey: true,
  successStatus: 200,
  response: RequestPage,
};
