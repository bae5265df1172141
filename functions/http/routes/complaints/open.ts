import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { OpenComplaintBody } from '#domain/complaint-open-input.js';
import { RECORDERS } from './common.js';

export const openComplaintRoute: RouteDefinition = {
  operationId: 'openComplaint',
  method: 'POST',
  path: '/cantons/{cantonId}/complaints',
  handler: 'handlers/complaints/open',
  auth: 'token',
  roles: RECORDERS,
  tableAccess: 'read-write',
  nationalIdKey: true,
  summary:
    'Open a complaint case (question, complaint, claim, suggestion, information request, congratulation)',
  description:
    'A case also opens when a request is classified under the `complaint` category. An anonymous complainant carries no identity and no contact: they follow the case by its reference. The deadlines to acknowledge and resolve come from the protocol of the type, in working days of the canton.',
  tag: 'complaints',
  pathParams: CantonPath,
  body: OpenComplaintBody,
  etag: true,
  successStatus: 201,
};
