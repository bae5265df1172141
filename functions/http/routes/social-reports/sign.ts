import type { RouteDefinition } from '../../route.js';
import { ReportPath, SignatureBody } from '../../schemas/social-reports.js';
import { WRITERS, REPORT } from './common.js';

export const signSocialReportRoute: RouteDefinition = {
  operationId: 'signSocialReport',
  method: 'POST',
  path: `${REPORT}/signature`,
  handler: 'handlers/social-reports/sign',
  auth: 'token',
  roles: WRITERS,
  tableAccess: 'read-write',
  summary: 'The author signs the draft: who, when and the SHA-256 of the signed content',
  description:
    'Only the author signs (403 otherwise). From then on the report cannot change (409). Where the canton ' +
    'requires it, the report then waits for a head of department’s approval (`approvalRequired`). Signing a ' +
    'correction supersedes the report it corrects, in the same transaction.',
  tag: 'social-reports',
  pathParams: ReportPath,
  body: SignatureBody,
  etag: true,
  ifMatch: true,
  successStatus: 200,
};
