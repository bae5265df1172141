import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { HouseholdBatchBody } from '../../schemas/registry-batch.js';

export const importRegistryHouseholdsRoute: RouteDefinition = {
  operationId: 'importRegistryHouseholds',
  method: 'POST',
  path: '/cantons/{cantonId}/registry/households',
  handler: 'handlers/registry/import-households',
  auth: 'token',
  roles: ['admin', 'coordinator'],
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary: "The ministry's periodic update of the social registry: up to 100 households per call",
  description:
    'National level only (any other canton answers 404). Households are written whole, each with its members, ' +
    'in one transaction; a household already as sent is left alone, so a batch sent again changes nothing. ' +
    'A national ID that belongs to a member of another stored household refuses the whole batch (409, each ' +
    'conflict named). docs/registry.md describes every field.',
  tag: 'registry',
  pathParams: CantonPath,
  body: HouseholdBatchBody,
  maxBodyBytes: 1024 * 1024,
  successStatus: 200,
};
