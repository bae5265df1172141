import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { PageOnlyQuery } from '#model/page.js';

export const listProtocolsRoute: RouteDefinition = {
  operationId: 'listProtocols',
  method: 'GET',
  path: '/cantons/{cantonId}/protocols',
  handler: 'handlers/protocols/list-protocols',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary: 'Every subcategory the canton handles, with the protocol in force for it',
  tag: 'protocols',
  pathParams: CantonPath,
  query: PageOnlyQuery,
  cursorKey: true,
  successStatus: 200,
};
