import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { ProtocolVersionPath, ProtocolVersionQuery } from '../../schemas/protocol-version-requests.js';

export const getProtocolVersionRoute: RouteDefinition = {
  operationId: 'getProtocolVersion',
  method: 'GET',
  path: '/cantons/{cantonId}/protocols/{category}/{subcategory}/versions/{version}',
  handler: 'handlers/protocols/get-protocol-version',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary: "One published version (the canton's, or with ?source=national the national template's)",
  tag: 'protocols',
  pathParams: ProtocolVersionPath,
  query: ProtocolVersionQuery,
  etag: true,
  successStatus: 200,
};
