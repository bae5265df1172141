import type { RouteDefinition } from '../../route.js';
import { ComplaintPath } from '../../schemas/complaint-requests.js';
import { SatisfactionBody } from '#domain/complaint-decision-input.js';
import { RECORDERS } from './common.js';

export const rateComplaintRoute: RouteDefinition = {
  operationId: 'rateComplaint',
  method: 'POST',
  path: '/cantons/{cantonId}/complaints/{complaintId}/satisfaction',
  handler: 'handlers/complaints/rate',
  auth: 'token',
  roles: RECORDERS,
  tableAccess: 'read-write',
  summary: "Record the citizen's satisfaction with the reply (1–5, optional comment), once",
  tag: 'complaints',
  pathParams: ComplaintPath,
  body: SatisfactionBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
