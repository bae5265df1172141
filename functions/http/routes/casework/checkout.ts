import type { RouteDefinition } from '../../route.js';
import { CheckoutBody } from '#domain/plan-bodies.js';
import { CartPath } from '../../schemas/casework-requests.js';
import { MANAGERS } from './common.js';

export const checkOutPlanCartRoute: RouteDefinition = {
  operationId: 'checkOutPlanCart',
  method: 'POST',
  path: '/cantons/{cantonId}/plan-carts/{cartId}/checkout',
  handler: 'handlers/casework/checkout',
  auth: 'token',
  roles: MANAGERS,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary: 'Check the cart out: the plan is created `open` and each item is carried out',
  description:
    'Every item is checked first (an empty cart is a 400 naming `items`). One transaction writes the plan, the cart checked out, each registry-change item’s information-update request and each home visit. Each referral item’s referral is then made in its own transaction, which also links it to its item; an item that could not be made is listed in `outstanding` and shows `carriedOut: false`. Checking the same cart out again resumes: it makes only the referrals still missing and answers the plan again.',
  tag: 'casework',
  pathParams: CartPath,
  body: CheckoutBody,
  etag: true,
  successStatus: 201,
};
