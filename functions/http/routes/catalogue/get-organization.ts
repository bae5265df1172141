import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { OrganizationPath } from '../../schemas/catalogue-requests.js';

export const getOrganizationRoute: RouteDefinition = {
  operationId: 'getOrganization',
  method: 'GET',
  path: '/cantons/{cantonId}/organizations/{organizationId}',
  handler: 'handlers/catalogue/get-organization',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary: 'A provider organization with the history of its changes',
  tag: 'catalogue',
  pathParams: OrganizationPath,
  etag: true,
  successStatus: 200,
};
