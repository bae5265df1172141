import type { RouteDefinition } from '../../route.js';
import { CorrectionBody, ReportPath } from '../../schemas/social-reports.js';
import { WRITERS, REPORT } from './common.js';

export const correctSocialReportRoute: RouteDefinition = {
  operationId: 'correctSocialReport',
  method: 'POST',
  path: `${REPORT}/corrections`,
  handler: 'handlers/social-reports/correct',
  auth: 'token',
  roles: WRITERS,
  tableAccess: 'read-write',
  summary: 'Correct a signed report: a new draft version that points to the old one',
  description:
    'The new draft starts with the old content and `supersedes` naming it; edit it, then sign it. The old ' +
    'report stays as it is (and readable) until the correction is signed, then it is marked superseded. One ' +
    'correction at a time (409 while one is in draft); a draft is edited, not corrected (409).',
  tag: 'social-reports',
  pathParams: ReportPath,
  body: CorrectionBody,
  etag: true,
  successStatus: 201,
};
