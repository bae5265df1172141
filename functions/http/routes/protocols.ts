import { type RouteDefinition, routeIn } from '../route.js';
import { CATALOGUE_MANAGERS, CATALOGUE_READERS } from './roles.js';
import { CantonPath } from '../schemas/canton-path.js';
import {
  ProtocolDocument,
  ProtocolList,
  ProtocolOverview,
  ProtocolPath,
  ProtocolVersionPath,
  ProtocolVersionQuery,
  PublishedProtocolView,
} from '../schemas/protocols.js';
import { PageOnlyQuery } from '#model/page.js';

/**
 * The routes of protocols: a canton's protocols, their versions, and publishing one.
 * Their handlers take their definitions from here, and bundle only these schemas.
 */
export const PROTOCOL_ROUTES: readonly RouteDefinition[] = [
  {
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
    response: PublishedProtocolView,
  },
  {
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
    response: ProtocolList,
  },
  {
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
    response: ProtocolOverview,
  },
  {
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
    response: PublishedProtocolView,
  },
];

export const protocolRoute = routeIn(PROTOCOL_ROUTES);
