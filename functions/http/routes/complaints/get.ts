import type { RouteDefinition } from '../../route.js';
import { ComplaintPath } from '../../schemas/complaint-requests.js';
import { READERS, SENSITIVE } from './common.js';

export const getComplaintRoute: RouteDefinition = {
  operationId: 'getComplaint',
  method: 'GET',
  path: '/cantons/{cantonId}/complaints/{complaintId}',
  handler: 'handlers/complaints/get',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  summary: 'Get a case with its activities, decisions, reply, appeal and history',
  description: SENSITIVE,
  tag: 'complaints',
  pathParams: ComplaintPath,
  etag: true,
  successStatus: 200,
};
