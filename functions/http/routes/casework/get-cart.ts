import type { RouteDefinition } from '../../route.js';
import { CartPath } from '../../schemas/casework-requests.js';
import { READERS, AUDITED } from './common.js';

export const getPlanCartRoute: RouteDefinition = {
  operationId: 'getPlanCart',
  method: 'GET',
  path: '/cantons/{cantonId}/plan-carts/{cartId}',
  handler: 'handlers/casework/get-cart',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  summary: 'Get a cart with its items',
  description: AUDITED,
  tag: 'casework',
  pathParams: CartPath,
  etag: true,
  successStatus: 200,
};
