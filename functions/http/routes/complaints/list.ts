import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ListComplaintsQuery } from '../../schemas/complaint-list.js';
import { READERS, SENSITIVE } from './common.js';

export const listComplaintsRoute: RouteDefinition = {
  operationId: 'listComplaints',
  method: 'GET',
  path: '/cantons/{cantonId}/complaints',
  handler: 'handlers/complaints/list',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  cursorKey: true,
  summary: "List the canton's cases, newest first, by status, type, clock state, assignee or unit",
  description: `Each page comes from one index (an assignee's or a unit's cases; the open cases by when their clock is breached; the cases by status; by type; all), never from every case; the other filters are applied to that page, which can hold fewer than \`limit\` items while \`nextCursor\` says more remain. Newest first; filtered by \`clock\`, open cases only, soonest breach first. Sensitive cases the caller may not see are left out. ${SENSITIVE}`,
  tag: 'complaints',
  pathParams: CantonPath,
  query: ListComplaintsQuery,
  successStatus: 200,
};
