import { type RouteDefinition, routeIn } from '../route.js';
import {
  CantonPath,
  EscalatedRequestPath,
  EscalationBody,
  EscalationPage,
  RequestPath,
  RequestView,
} from '../schemas/requests.js';
import { CreateReferralBody, EscalatedRequestView, ReferralView } from '../schemas/referrals.js';
import { PageOnlyQuery } from '#model/page.js';

/**
 * The routes of escalation to the national single window: escalating a request, the national queue, and referring an escalated request to a national service.
 * Their handlers take their definitions from here, and bundle only these schemas.
 */
export const ESCALATION_ROUTES: readonly RouteDefinition[] = [
  {
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
  },
  {
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
  },
  {
    operationId: 'getEscalatedRequest',
    method: 'GET',
    path: '/cantons/{cantonId}/escalations/{originCantonId}/{requestId}',
    handler: 'handlers/requests/get-escalated',
    auth: 'token',
    roles: ['swcs-officer', 'coordinator', 'auditor'],
    tableAccess: 'read-write',
    summary: 'An escalated request with its shared history and referrals (national only)',
    tag: 'referrals',
    pathParams: EscalatedRequestPath,
    etag: true,
    successStatus: 200,
    response: EscalatedRequestView,
  },
  {
    operationId: 'referEscalatedRequest',
    method: 'POST',
    path: '/cantons/{cantonId}/escalations/{originCantonId}/{requestId}/referrals',
    handler: 'handlers/referrals/create-national',
    nationalIdKey: true,
    auth: 'token',
    roles: ['swcs-officer', 'coordinator'],
    tableAccess: 'read-write',
    workflowAccess: true,
    summary: 'Refer an escalated request to a national service (national only)',
    tag: 'referrals',
    pathParams: EscalatedRequestPath,
    body: CreateReferralBody,
    etag: true,
    successStatus: 201,
    response: ReferralView,
  },
];

export const escalationRoute = routeIn(ESCALATION_ROUTES);
