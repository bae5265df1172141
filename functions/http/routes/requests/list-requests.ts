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
  description:
    "`from` and `to` each take a date (YYYY-MM-DD: the canton's calendar day, `to` through its end) or a date-time with its offset (that instant), either with the other. A range whose `to` comes before its `from`, so compared, answers 400 naming `to`",
  tag: 'intake',
  pathParams: CantonPath,
  query: ListRequestsQuery,
  cursorKey: true,
  successStatus: 200,
  response: RequestPage,
};
