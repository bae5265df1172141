import type { RouteDefinition } from '../../route.js';
import { ReportPath } from '../../schemas/social-reports.js';
import { READERS, REPORT } from './common.js';

export const getSocialReportRoute: RouteDefinition = {
  operationId: 'getSocialReport',
  method: 'GET',
  path: REPORT,
  handler: 'handlers/social-reports/get',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  summary: 'A social report with its signature, approval and history',
  description:
    'Superseded reports stay readable, with `supersededBy` naming their correction. `signature.intact` says ' +
    'whether the stored content still matches the signed hash. Every read is audited.',
  tag: 'social-reports',
  pathParams: ReportPath,
  etag: true,
  successStatus: 200,
};
