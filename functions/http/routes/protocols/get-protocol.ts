import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_READERS } from '../roles.js';
import { ProtocolPath } from '../../schemas/protocol-requests.js';

export const getProtocolRoute: RouteDefinition = {
  operationId: 'getProtocol',
  method: 'GET',
  path: '/cantons/{cantonId}/protocols/{category}/{subcategory}',
  handler: 'handlers/protocols/get-protocol',
  auth: 'token',
  roles: CATALOGUE_READERS,
  tableAccess: 'read',
  summary:
    "The protocol in force for a subcategory, with every published version and the national templates, and where a request can go: the canton's services it refers to and the national services reached by escalation",
  tag: 'protocols',
  pathParams: ProtocolPath,
  successStatus: 200,
};
