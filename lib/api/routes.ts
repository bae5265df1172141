import type { RouteDefinition } from '../../functions/http/route.js';
import { SYSTEM_ROUTES } from '../../functions/http/routes/system.js';
import { REQUEST_ROUTES } from '../../functions/http/routes/requests.js';
import { CATALOGUE_ROUTES } from '../../functions/http/routes/catalogue.js';
import { PROTOCOL_ROUTES } from '../../functions/http/routes/protocols.js';
import { REFERRAL_ROUTES } from '../../functions/http/routes/referrals.js';
import { ESCALATION_ROUTES } from '../../functions/http/routes/escalations.js';
import { REGISTRY_ROUTES } from '../../functions/http/routes/registry.js';
import { LINK_ROUTES } from '../../functions/http/routes/links.js';
import { COMPLAINT_ROUTES } from '../../functions/http/routes/complaints.js';
import { REROUTE_ROUTES } from '../../functions/http/routes/reroutes.js';
import { CONFIRMATION_ROUTES } from '../../functions/http/routes/confirmations.js';
import { SOCIAL_REPORT_ROUTES } from '../../functions/http/routes/social-reports.js';
import { CASEWORK_ROUTES } from '../../functions/http/routes/casework.js';

export {
  acceptsIdempotencyKey,
  binaryMediaTypesOf,
  type HttpMethod,
  type RouteDefinition,
} from '../../functions/http/route.js';

/**
 * The route table: one entry per API operation, gathered from each capability's routes
 * (functions/http/routes/<capability>.ts). The CDK stack builds API Gateway methods and Lambda functions from it,
 * the local runtime dispatches HTTP requests with it, and the OpenAPI document is generated from it, in this order.
 * A handler takes its own route from its operation's module (functions/http/routes/<capability>/<operation>.ts),
 * so that its bundle carries no other operation's schemas. Changing a route there changes it everywhere.
 */
export const ROUTES: readonly RouteDefinition[] = [
  ...SYSTEM_ROUTES,
  ...REQUEST_ROUTES,
  ...CATALOGUE_ROUTES,
  ...PROTOCOL_ROUTES,
  ...REFERRAL_ROUTES,
  ...ESCALATION_ROUTES,
  ...REGISTRY_ROUTES,
  ...LINK_ROUTES,
  ...COMPLAINT_ROUTES,
  ...REROUTE_ROUTES,
  ...CONFIRMATION_ROUTES,
  ...SOCIAL_REPORT_ROUTES,
  ...CASEWORK_ROUTES,
];

export function routeById(operationId: string): RouteDefinition {
  const route = ROUTES.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`No route with operationId ${operationId}`);
  return route;
}
