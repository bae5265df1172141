import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_MANAGERS } from '../roles.js';
import { ServiceBody } from '#domain/catalogue-input.js';
import { ServicePath } from '../../schemas/catalogue-requests.js';

export const putServiceRoute: RouteDefinition = {
  operationId: 'putService',
  method: 'PUT',
  path: '/cantons/{cantonId}/services/{serviceId}',
  handler: 'handlers/catalogue/put-service',
  auth: 'token',
  roles: CATALOGUE_MANAGERS,
  tableAccess: 'read-write',
  summary: 'Create or replace a service of the catalogue',
  tag: 'catalogue',
  pathParams: ServicePath,
  body: ServiceBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
