import type { RouteDefinition } from '../../route.js';
import { OpenCartBody } from '#domain/plan-bodies.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { MANAGERS, AUDITED } from './common.js';

export const openPlanCartRoute: RouteDefinition = {
  operationId: 'openPlanCart',
  method: 'POST',
  path: '/cantons/{cantonId}/plan-carts',
  handler: 'handlers/casework/open-cart',
  auth: 'token',
  roles: MANAGERS,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary: 'Open a cart for a household’s intervention plan, from its screening',
  description: `By the national ID of a member of a Social Registry household; a household not in the registry only through a provisional identity (provisionalId), given explicitly — a national ID the registry does not know is a 400 naming nationalId. ${AUDITED}`,
  tag: 'casework',
  pathParams: CantonPath,
  body: OpenCartBody,
  etag: true,
  successStatus: 201,
};
