import type { RouteDefinition } from '../../route.js';
import { HouseholdPath, PageOnlyQuery } from '../../schemas/social-reports.js';
import { READERS } from './common.js';

export const listHouseholdSocialReportsRoute: RouteDefinition = {
  operationId: 'listHouseholdSocialReports',
  method: 'GET',
  path: '/cantons/{cantonId}/households/{householdId}/social-reports',
  handler: 'handlers/social-reports/list',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  cursorKey: true,
  summary: "A household's social reports in this canton, newest first",
  description: 'Every edition is listed, superseded ones too. The read is audited.',
  tag: 'social-reports',
  pathParams: HouseholdPath,
  query: PageOnlyQuery,
  successStatus: 200,
};
