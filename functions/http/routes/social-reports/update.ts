import type { RouteDefinition } from '../../route.js';
import { ReportContentBody, ReportPath } from '../../schemas/social-reports.js';
import { WRITERS, REPORT } from './common.js';

export const updateSocialReportRoute: RouteDefinition = {
  operationId: 'updateSocialReport',
  method: 'PUT',
  path: REPORT,
  handler: 'handlers/social-reports/update',
  auth: 'token',
  roles: WRITERS,
  tableAccess: 'read-write',
  summary: "Replace a draft's content (its author only; a signed report never changes: 409)",
  description:
    'The whole content: purpose, members, sections (absent ones are switched off), opinion and request. Send ' +
    'If-Match with the ETag read, so that a change made meanwhile is not overwritten (412).',
  tag: 'social-reports',
  pathParams: ReportPath,
  body: ReportContentBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
