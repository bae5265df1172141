import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';

export const complaintStatisticsRoute: RouteDefinition = {
  operationId: 'complaintStatistics',
  method: 'GET',
  path: '/cantons/{cantonId}/complaint-statistics',
  handler: 'handlers/complaints/statistics',
  auth: 'token',
  roles: ['coordinator', 'head-of-department', 'auditor'],
  tableAccess: 'read',
  summary: "The managers' view: open cases by status, type, clock and assignee; times to resolution per type",
  description:
    'From figures kept when each case is first resolved or rated and from one small entry per open case and per open activity, never from every case: the average time to resolution is exact, the median to the hour. Overdue activities are counted per person (`assigneeId`) or unit (`unitId`).',
  tag: 'complaints',
  pathParams: CantonPath,
  successStatus: 200,
};
