import type { RouteDefinition } from '../route.js';
import { escalateRequestRoute } from './escalations/escalate-request.js';
import { listEscalationsRoute } from './escalations/list-escalations.js';
import { getEscalatedRequestRoute } from './escalations/get-escalated-request.js';
import { referEscalatedRequestRoute } from './escalations/refer-escalated-request.js';

/**
 * The routes of escalation to the national single window: escalating a request, the national queue, and referring
 * an escalated request to a national service. Each is defined in its own module (routes/escalations/<operation>.ts),
 * which its handler imports, so that a bundle holds only its own route's schemas; this list gathers them for the
 * route table.
 */
export const ESCALATION_ROUTES: readonly RouteDefinition[] = [
  escalateRequestRoute,
  listEscalationsRoute,
  getEscalatedRequestRoute,
  referEscalatedRequestRoute,
];
