import type { RouteDefinition } from '../../route.js';
import { EscalationBody } from '../../schemas/escalations.js';
import { RequestPath } from '../../schemas/request-path.js';
import { RequestView } from '../../schemas/request-view.js';

export const escalateRequestRoute: RouteDefinition = {
  operationId: 'escalateRequest',
  method: 'POST',
  path: '/cantons/{cantonId}/requests/{requestId}/escalation',
  handler: 'handlers/requests/escalate',
  auth: 'token',
  roles: ['swcs-officer', 'coordinator'],
  tableAccess: 'read-write',
  summary: 'Send a request the canton cannot serve to the national single window',
  tag: 'referrals',
  pathParams: RequestPath,
  body: EscalationBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
  response: RequestView,
};
