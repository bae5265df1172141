import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { LocalBenefitBody } from '../../schemas/registry-requests.js';
import { BENEFIT_RECORDERS } from './common.js';

export const recordLocalBenefitRoute: RouteDefinition = {
  operationId: 'recordLocalBenefit',
  method: 'POST',
  path: '/cantons/{cantonId}/registry/benefits',
  handler: 'handlers/registry/record-benefit',
  auth: 'token',
  roles: BENEFIT_RECORDERS,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary: "Record a benefit the canton's own programs delivered to a citizen (in kind or cash)",
  tag: 'registry',
  pathParams: CantonPath,
  body: LocalBenefitBody,
  // 200, not 201: a benefit is read back only through the citizen's screening, so it has no address of its own.
  successStatus: 200,
};
