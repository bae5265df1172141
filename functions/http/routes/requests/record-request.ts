import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { INTAKE } from '../roles.js';
import { RecordRequestBody } from '../../schemas/requests.js';
import { RequestView } from '../../schemas/request-view.js';

export const recordRequestRoute: RouteDefinition = {
  operationId: 'recordRequest',
  method: 'POST',
  path: '/cantons/{cantonId}/requests',
  handler: 'handlers/requests/record',
  auth: 'token',
  roles: INTAKE,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary: "Record a citizen's request, optionally classifying it at once",
  tag: 'intake',
  pathParams: CantonPath,
  body: RecordRequestBody,
  etag: true,
  successStatus: 201,
  response: RequestView,
};
