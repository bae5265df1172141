import type { RouteDefinition } from '../../route.js';
import { ItemStatusBody } from '#domain/plan-bodies.js';
import { PlanItemPath } from '../../schemas/casework-requests.js';
import { MANAGERS } from './common.js';

export const changePlanItemStatusRoute: RouteDefinition = {
  operationId: 'changePlanItemStatus',
  method: 'PUT',
  path: '/cantons/{cantonId}/plans/{planId}/items/{itemNumber}/status',
  handler: 'handlers/casework/change-item',
  auth: 'token',
  roles: MANAGERS,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary:
    'Move an item: in-progress, done, or not-done with a reason — the only thing that changes on an item',
  description:
    "Any data field (amount, scheduledOn, serviceId…) is a 400 naming it: an item's data never changes after checkout. Referral and registry-change items resolve themselves (409). A home visit done needs its outcome `notes`; an in-kind or cash benefit done is recorded as a benefit delivered in the citizen's file, in the same transaction. The plan closes by itself when no item is pending or in progress.",
  tag: 'casework',
  pathParams: PlanItemPath,
  body: ItemStatusBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
