import type { RouteDefinition } from '../../route.js';
import { CATALOGUE_MANAGERS } from '../roles.js';
import { ProtocolDocument } from '../../schemas/protocol-document.js';
import { ProtocolPath } from '../../schemas/protocol-requests.js';

export const publishProtocolRoute: RouteDefinition = {
  operationId: 'publishProtocol',
  method: 'POST',
  path: '/cantons/{cantonId}/protocols/{category}/{subcategory}/versions',
  handler: 'handlers/protocols/publish-protocol',
  auth: 'token',
  roles: CATALOGUE_MANAGERS,
  tableAccess: 'read-write',
  summary:
    "Publish a new version of the canton's protocol for a subcategory (national: a template), in full or as an override of the national template",
  tag: 'protocols',
  pathParams: ProtocolPath,
  body: ProtocolDocument,
  bodyCheckedByHandler: true,
  etag: true,
  successStatus: 201,
};
