import type { RouteDefinition } from '../../route.js';
import { AnswerBody } from '../../schemas/request-actions.js';
import { INTAKE } from '../roles.js';
import { RequestPath } from '../../schemas/request-path.js';
import { RequestView } from '../../schemas/request-view.js';

export const answerRequestRoute: RouteDefinition = {
  operationId: 'answerRequest',
  method: 'POST',
  path: '/cantons/{cantonId}/requests/{requestId}/answer',
  handler: 'handlers/requests/answer',
  auth: 'token',
  roles: INTAKE,
  tableAccess: 'read-write',
  summary: 'Answer a general-information request on the spot, which closes it',
  tag: 'intake',
  pathParams: RequestPath,
  body: AnswerBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
  response: RequestView,
};
