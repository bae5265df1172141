import type { RouteDefinition } from '../../route.js';
import { AppealBody } from '#domain/complaint-decision-input.js';
import { ComplaintPath } from '../../schemas/complaint-requests.js';
import { RECORDERS } from './common.js';

export const appealComplaintRoute: RouteDefinition = {
  operationId: 'appealComplaint',
  method: 'POST',
  path: '/cantons/{cantonId}/complaints/{complaintId}/appeal',
  handler: 'handlers/complaints/appeal',
  auth: 'token',
  roles: RECORDERS,
  tableAccess: 'read-write',
  summary: "Record the citizen's appeal of a canton decision: the case reopens at the national level",
  description:
    'Within 15 working days of the decision, once: later, or a second time, is 409 `appeal_not_allowed`. The case gets new deadlines from the national protocol and keeps its whole history.',
  tag: 'complaints',
  pathParams: ComplaintPath,
  body: AppealBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
