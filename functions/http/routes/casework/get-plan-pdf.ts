import type { RouteDefinition } from '../../route.js';
import { PlanPath } from '../../schemas/casework-requests.js';
import { READERS, AUDITED } from './common.js';

export const getPlanPdfRoute: RouteDefinition = {
  operationId: 'getPlanPdf',
  method: 'GET',
  path: '/cantons/{cantonId}/plans/{planId}/pdf',
  handler: 'handlers/casework/get-plan-pdf',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  summary:
    'Download a plan as PDF (Spanish): the ministry’s and canton’s header, reference, dates, items with their status',
  description: `Send \`Accept: application/pdf\` (API Gateway passes the bytes as binary for that type). Pending and in-progress items are drawn in red, done in green, not done in grey. ${AUDITED}`,
  tag: 'casework',
  pathParams: PlanPath,
  file: { contentType: 'application/pdf', description: 'The plan as a PDF document' },
  successStatus: 200,
};
