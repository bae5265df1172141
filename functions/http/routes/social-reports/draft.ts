import type { RouteDefinition } from '../../route.js';
import { CantonPath, DraftReportBody } from '../../schemas/social-reports.js';
import { WRITERS } from './common.js';

export const draftSocialReportRoute: RouteDefinition = {
  operationId: 'draftSocialReport',
  method: 'POST',
  path: '/cantons/{cantonId}/social-reports',
  handler: 'handlers/social-reports/draft',
  auth: 'token',
  roles: WRITERS,
  tableAccess: 'read-write',
  summary: 'Draft a social report on a household of the Social Registry',
  description:
    'The members come from the registry unless given (edit them here; the registry is not changed). Sections ' +
    '(socio-economic, housing, health) are switched on by being present. The professional opinion and the ' +
    'request are mandatory. `planId` and `itemId` link the report to the intervention plan item that asked ' +
    'for it. A household the registry does not have is a 400 naming `householdId`.',
  tag: 'social-reports',
  pathParams: CantonPath,
  body: DraftReportBody,
  etag: true,
  successStatus: 201,
};
