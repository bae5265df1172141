import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ServiceSearchQuery } from '../../schemas/catalogue-search.js';

export const searchServicesRoute: RouteDefinition = {
  operationId: 'searchServices',
  method: 'GET',
  path: '/cantons/{cantonId}/services',
  handler: 'handlers/catalogue/search-services',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary:
    "Find services by category, subcategory, text, status or room, in the canton's and national catalogue",
  tag: 'catalogue',
  pathParams: CantonPath,
  query: ServiceSearchQuery,
  cursorKey: true,
  successStatus: 200,
};
