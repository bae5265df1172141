import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_MANAGERS } from '../roles.js';
import { OrganizationBody } from '#domain/catalogue-input.js';
import { OrganizationPath } from '../../schemas/catalogue-requests.js';

export const putOrganizationRoute: RouteDefinition = {
  operationId: 'putOrganization',
  method: 'PUT',
  path: '/cantons/{cantonId}/organizations/{organizationId}',
  handler: 'handlers/catalogue/put-organization',
  auth: 'token',
  roles: CATALOGUE_MANAGERS,
  tableAccess: 'read-write',
  summary: 'Create or replace a provider organization with its contact officers and locations',
  tag: 'catalogue',
  pathParams: OrganizationPath,
  body: OrganizationBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
