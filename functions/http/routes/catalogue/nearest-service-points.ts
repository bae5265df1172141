import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { NearestQuery } from '../../schemas/catalogue-requests.js';

export const nearestServicePointsRoute: RouteDefinition = {
  operationId: 'nearestServicePoints',
  method: 'GET',
  path: '/cantons/{cantonId}/service-points',
  handler: 'handlers/catalogue/nearest-service-points',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary: 'The service points (or provider sites) nearest to a place',
  tag: 'catalogue',
  pathParams: CantonPath,
  query: NearestQuery,
  successStatus: 200,
};
