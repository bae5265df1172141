import type { RouteDefinition } from '../../route.js';
import { MergeBody, ProvisionalPath } from '../../schemas/registry-requests.js';
import { BENEFIT_RECORDERS } from './common.js';

export const mergeProvisionalIdentityRoute: RouteDefinition = {
  operationId: 'mergeProvisionalIdentity',
  method: 'POST',
  path: '/cantons/{cantonId}/registry/provisional-identities/{provisionalId}/merge',
  handler: 'handlers/registry/merge-provisional',
  auth: 'token',
  roles: BENEFIT_RECORDERS,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary: 'Merge a provisional identity into the national ID the person obtained: every request moves to it',
  description:
    'All or nothing, guarded by the identity’s version: of two officers merging the same identity at once one ' +
    'wins, the other gets 409 (or 412 with a stale If-Match). A national ID whose registry data is another ' +
    'person’s (another name or birth year) is a 409 listing what conflicts.',
  tag: 'registry',
  pathParams: ProvisionalPath,
  body: MergeBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
