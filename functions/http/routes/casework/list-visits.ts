import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ListVisitsQuery } from '../../schemas/casework-requests.js';
import { READERS, AUDITED } from './common.js';

export const listHomeVisitsRoute: RouteDefinition = {
  operationId: 'listHomeVisits',
  method: 'GET',
  path: '/cantons/{cantonId}/home-visits',
  handler: 'handlers/casework/list-visits',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  cursorKey: true,
  summary: "List a visitor's home visits by scheduled day (the caller's own unless visitorId is given)",
  description: AUDITED,
  tag: 'casework',
  pathParams: CantonPath,
  query: ListVisitsQuery,
  successStatus: 200,
};
