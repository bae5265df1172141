import type { RouteDefinition } from '../../route.js';
import { CartItemBody } from '#domain/plan-input.js';
import { CartPath } from '../../schemas/casework-requests.js';
import { MANAGERS } from './common.js';

export const addPlanCartItemRoute: RouteDefinition = {
  operationId: 'addPlanCartItem',
  method: 'POST',
  path: '/cantons/{cantonId}/plan-carts/{cartId}/items',
  handler: 'handlers/casework/add-cart-item',
  auth: 'token',
  roles: MANAGERS,
  tableAccess: 'read-write',
  summary:
    'Add an item to the cart: A registry change, B home visit, C social report, D referral, E in-kind or F cash benefit',
  description:
    "The kind and its subcategory must be enabled in the canton's plan options (400 naming `kind` or `subcategory`); a cash benefit needs a positive amount. A cart already checked out is a 409: a plan's items keep their data. At most 30 items.",
  tag: 'casework',
  pathParams: CartPath,
  body: CartItemBody,
  etag: true,
  ifMatch: true,
  successStatus: 201,
};
