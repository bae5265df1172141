import type { RouteDefinition } from '../../route.js';
import { ActivityBody } from '#domain/complaint-activity-input.js';
import { ComplaintPath } from '../../schemas/complaint-requests.js';
import { WORKERS } from './common.js';

export const addComplaintActivityRoute: RouteDefinition = {
  operationId: 'addComplaintActivity',
  method: 'POST',
  path: '/cantons/{cantonId}/complaints/{complaintId}/activities',
  handler: 'handlers/complaints/add-activity',
  auth: 'token',
  roles: WORKERS,
  tableAccess: 'read-write',
  answersComplaintClock: true,
  summary: 'Add an activity to a case (at most 10), assigned to a staff member with a due date',
  description:
    'The first activity acknowledges the case. The assignee must be staff of the canton (of the national level once appealed). An eleventh activity is refused with 409 `activity_limit`.',
  tag: 'complaints',
  pathParams: ComplaintPath,
  body: ActivityBody,
  etag: true,
  ifMatch: true,
  successStatus: 201,
};
