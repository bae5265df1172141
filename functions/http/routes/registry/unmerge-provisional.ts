import type { RouteDefinition } from '../../route.js';
import { ProvisionalPath, UnmergeBody } from '../../schemas/registry-requests.js';
import { BENEFIT_RECORDERS } from './common.js';

export const unmergeProvisionalIdentityRoute: RouteDefinition = {
  operationId: 'unmergeProvisionalIdentity',
  method: 'POST',
  path: '/cantons/{cantonId}/registry/provisional-identities/{provisionalId}/unmerge',
  handler: 'handlers/registry/unmerge-provisional',
  auth: 'token',
  roles: BENEFIT_RECORDERS,
  tableAccess: 'read-write',
  summary: 'Undo a merge within 30 days: every request gets back the citizen it had',
  tag: 'registry',
  pathParams: ProvisionalPath,
  body: UnmergeBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
