import type { RouteDefinition } from '../../route.js';
import { CartItemPath } from '../../schemas/casework-requests.js';
import { MANAGERS } from './common.js';

export const removePlanCartItemRoute: RouteDefinition = {
  operationId: 'removePlanCartItem',
  method: 'DELETE',
  path: '/cantons/{cantonId}/plan-carts/{cartId}/items/{itemNumber}',
  handler: 'handlers/casework/remove-cart-item',
  auth: 'token',
  roles: MANAGERS,
  tableAccess: 'read-write',
  summary: 'Remove an item from the cart (before checkout only)',
  tag: 'casework',
  pathParams: CartItemPath,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
