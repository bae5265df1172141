import type { RouteDefinition } from '../../route.js';
import { ClassifyBody } from '../../schemas/requests.js';
import { INTAKE } from '../roles.js';
import { RequestPath } from '../../schemas/request-path.js';
import { RequestView } from '../../schemas/request-view.js';

export const classifyRequestRoute: RouteDefinition = {
  operationId: 'classifyRequest',
  method: 'PUT',
  path: '/cantons/{cantonId}/requests/{requestId}/classification',
  handler: 'handlers/requests/classify',
  auth: 'token',
  roles: INTAKE,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary: 'Classify or reclassify a request (the earlier classification stays in the history)',
  tag: 'intake',
  pathParams: RequestPath,
  body: ClassifyBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
  response: RequestView,
};
