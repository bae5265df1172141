import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_MANAGERS } from '../roles.js';
import { DeactivationBody, ServicePath } from '../../schemas/catalogue-requests.js';

export const deactivateServiceRoute: RouteDefinition = {
  operationId: 'deactivateService',
  method: 'POST',
  path: '/cantons/{cantonId}/services/{serviceId}/deactivation',
  handler: 'handlers/catalogue/deactivate-service',
  auth: 'token',
  roles: CATALOGUE_MANAGERS,
  tableAccess: 'read-write',
  summary: 'Deactivate a service: it stays in the catalogue but takes no new referrals',
  tag: 'catalogue',
  pathParams: ServicePath,
  body: DeactivationBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
