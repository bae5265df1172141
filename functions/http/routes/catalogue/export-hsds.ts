import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { CantonPath } from '../../schemas/canton-path.js';

export const exportCatalogueRoute: RouteDefinition = {
  operationId: 'exportCatalogue',
  method: 'GET',
  path: '/cantons/{cantonId}/catalogue/hsds',
  handler: 'handlers/catalogue/export-hsds',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary: "The canton's catalogue as an Open Referral HSDS 3.1 document",
  tag: 'catalogue',
  pathParams: CantonPath,
  successStatus: 200,
};
