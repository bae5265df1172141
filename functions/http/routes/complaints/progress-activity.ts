import type { RouteDefinition } from '../../route.js';
import { ActivityPath } from '../../schemas/complaint-activity-path.js';
import { ActivityProgressBody } from '#domain/complaint-progress-input.js';
import { WORKERS } from './common.js';

export const progressComplaintActivityRoute: RouteDefinition = {
  operationId: 'progressComplaintActivity',
  method: 'PUT',
  path: '/cantons/{cantonId}/complaints/{complaintId}/activities/{activityNumber}',
  handler: 'handlers/complaints/progress-activity',
  auth: 'token',
  roles: WORKERS,
  tableAccess: 'read-write',
  summary: 'Move an activity on: in progress, done with its result, or cancelled with its reason',
  description: "Only the activity's assignee or a coordinator may. Done and cancelled are final.",
  tag: 'complaints',
  pathParams: ActivityPath,
  body: ActivityProgressBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
