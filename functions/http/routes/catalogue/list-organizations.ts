import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { PageOnlyQuery } from '#model/page.js';

export const listOrganizationsRoute: RouteDefinition = {
  operationId: 'listOrganizations',
  method: 'GET',
  path: '/cantons/{cantonId}/organizations',
  handler: 'handlers/catalogue/list-organizations',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary: "The catalogue's provider organizations (a canton's, or the national ones)",
  tag: 'catalogue',
  pathParams: CantonPath,
  query: PageOnlyQuery,
  cursorKey: true,
  successStatus: 200,
};
