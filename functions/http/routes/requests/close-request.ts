import type { RouteDefinition } from '../../route.js';
import { CloseBody } from '../../schemas/request-actions.js';
import { RequestPath } from '../../schemas/request-path.js';
import { RequestView } from '../../schemas/request-view.js';

export const closeRequestRoute: RouteDefinition = {
  operationId: 'closeRequest',
  method: 'POST',
  path: '/cantons/{cantonId}/requests/{requestId}/closure',
  handler: 'handlers/requests/close',
  auth: 'token',
  roles: ['swcs-officer', 'coordinator'],
  tableAccess: 'read-write',
  summary:
    'Close a request no referral will serve (e.g. one that needs another referral), with the reason code',
  tag: 'intake',
  pathParams: RequestPath,
  body: CloseBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
  response: RequestView,
};
