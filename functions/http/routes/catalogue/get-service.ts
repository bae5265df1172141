import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { ServicePath } from '../../schemas/catalogue-requests.js';

export const getServiceRoute: RouteDefinition = {
  operationId: 'getService',
  method: 'GET',
  path: '/cantons/{cantonId}/services/{serviceId}',
  handler: 'handlers/catalogue/get-service',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary: 'A service with the history of its changes',
  tag: 'catalogue',
  pathParams: ServicePath,
  etag: true,
  successStatus: 200,
};
