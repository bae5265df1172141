import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ChangeRequestBody } from '../../schemas/registry-change-request.js';
import { CHANGE_OFFICERS } from './common.js';

export const proposeRegistryChangeRoute: RouteDefinition = {
  operationId: 'proposeRegistryChange',
  method: 'POST',
  path: '/cantons/{cantonId}/registry/change-requests',
  handler: 'handlers/registry/propose-change',
  auth: 'token',
  roles: CHANGE_OFFICERS,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary: "Propose an information update of a household's registry data, field by field, with its evidence",
  description:
    'Each change names a field (`address.parish`, `contact.phone`, a member field with `memberId`, ' +
    '`member.add` with the new member, `member.remove`); the answer records its old and new value. The ' +
    'household the changes would make is checked whole first. Another person decides it.',
  tag: 'registry',
  pathParams: CantonPath,
  body: ChangeRequestBody,
  etag: true,
  successStatus: 201,
};
