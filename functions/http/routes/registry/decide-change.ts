import type { RouteDefinition } from '../../route.js';
import { ChangeRequestPath, DecisionBody } from '../../schemas/registry-requests.js';
import { CHANGE_OFFICERS } from './common.js';

export const decideRegistryChangeRoute: RouteDefinition = {
  operationId: 'decideRegistryChange',
  method: 'POST',
  path: '/cantons/{cantonId}/registry/change-requests/{changeId}/decision',
  handler: 'handlers/registry/decide-change',
  // An approved change rewrites the household's person items, keyed by its members' national-ID digests.
  nationalIdKey: true,
  auth: 'token',
  roles: CHANGE_OFFICERS,
  tableAccess: 'read-write',
  summary: 'Approve or reject an information-update request (never one you proposed: 403)',
  description:
    'An approval applies the changes to the registry copy (a new household version, with its history) and ' +
    'queues them for the national registry (the outbox), all in one transaction; the citizen’s request, if ' +
    'named, closes with the outcome. A household changed since the proposal is a 409; a decided request too.',
  tag: 'registry',
  pathParams: ChangeRequestPath,
  body: DecisionBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
