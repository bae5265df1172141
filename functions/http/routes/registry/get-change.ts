import type { RouteDefinition } from '../../route.js';
import { ChangeRequestPath } from '../../schemas/registry-requests.js';
import { CHANGE_OFFICERS } from './common.js';

export const getRegistryChangeRoute: RouteDefinition = {
  operationId: 'getRegistryChange',
  method: 'GET',
  path: '/cantons/{cantonId}/registry/change-requests/{changeId}',
  handler: 'handlers/registry/get-change',
  auth: 'token',
  roles: [...CHANGE_OFFICERS, 'auditor'],
  tableAccess: 'read-write',
  summary: 'An information-update request with its fields, old and new, and its decision',
  tag: 'registry',
  pathParams: ChangeRequestPath,
  etag: true,
  successStatus: 200,
};
