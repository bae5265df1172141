import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { EscalationPage } from '../../schemas/escalations.js';
import { PageOnlyQuery } from '#model/page.js';

export const listEscalationsRoute: RouteDefinition = {
  operationId: 'listEscalations',
  method: 'GET',
  path: '/cantons/{cantonId}/escalations',
  handler: 'handlers/requests/list-escalations',
  auth: 'token',
  roles: ['swcs-officer', 'coordinator', 'auditor'],
  tableAccess: 'read',
  summary:
    "The national single window's inbox of requests escalated by the cantons, newest first (national only)",
  tag: 'referrals',
  pathParams: CantonPath,
  query: PageOnlyQuery,
  cursorKey: true,
  successStatus: 200,
  response: EscalationPage,
};
