import type { RouteDefinition } from '../../route.js';
import { ApprovalBody, ReportPath } from '../../schemas/social-reports.js';
import { APPROVERS, REPORT } from './common.js';

export const approveSocialReportRoute: RouteDefinition = {
  operationId: 'approveSocialReport',
  method: 'POST',
  path: `${REPORT}/approval`,
  handler: 'handlers/social-reports/approve',
  auth: 'token',
  roles: APPROVERS,
  tableAccess: 'read-write',
  summary: 'A head of department approves a signed report (never one they wrote: 403)',
  description:
    'A draft (not signed yet), a report already approved or superseded, or one in a canton that does not ' +
    'require approval is a 409.',
  tag: 'social-reports',
  pathParams: ReportPath,
  body: ApprovalBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
