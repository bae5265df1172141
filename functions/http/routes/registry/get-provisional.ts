import type { RouteDefinition } from '../../route.js';
import { ProvisionalPath } from '../../schemas/registry-requests.js';
import { SCREENERS } from './common.js';

export const getProvisionalIdentityRoute: RouteDefinition = {
  operationId: 'getProvisionalIdentity',
  method: 'GET',
  path: '/cantons/{cantonId}/registry/provisional-identities/{provisionalId}',
  handler: 'handlers/registry/get-provisional',
  auth: 'token',
  roles: SCREENERS,
  tableAccess: 'read-write',
  summary: 'A provisional identity with its requests and its merge history',
  tag: 'registry',
  pathParams: ProvisionalPath,
  etag: true,
  successStatus: 200,
};
