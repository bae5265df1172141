import type { RouteDefinition } from '../../route.js';
import { ReferencePath } from '../../schemas/complaint-requests.js';
import { RECORDERS } from './common.js';

export const followComplaintRoute: RouteDefinition = {
  operationId: 'followComplaint',
  method: 'GET',
  path: '/cantons/{cantonId}/complaint-references/{reference}',
  handler: 'handlers/complaints/follow-up',
  auth: 'token',
  roles: RECORDERS,
  tableAccess: 'read-write',
  summary: 'Follow a case by its reference: its status and next date, nothing else',
  description:
    'What the call centre tells a citizen (an anonymous one too) who gives their reference; audited.',
  tag: 'complaints',
  pathParams: ReferencePath,
  successStatus: 200,
};
