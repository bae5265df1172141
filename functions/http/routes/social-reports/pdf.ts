import type { RouteDefinition } from '../../route.js';
import { ReportPath } from '../../schemas/social-reports.js';
import { READERS, REPORT } from './common.js';

export const getSocialReportPdfRoute: RouteDefinition = {
  operationId: 'getSocialReportPdf',
  method: 'GET',
  path: `${REPORT}/pdf`,
  handler: 'handlers/social-reports/pdf',
  auth: 'token',
  roles: READERS,
  tableAccess: 'read-write',
  summary: 'A social report as PDF (Spanish unless Accept-Language asks for English)',
  description:
    'A4, with the canton’s and the ministry’s header, reference and dates, members, the sections switched ' +
    'on, opinion, request, the signature with its hash and the approval. Send `Accept: application/pdf` ' +
    '(API Gateway passes the bytes as binary for that type). A draft prints marked as a draft. Audited.',
  tag: 'social-reports',
  pathParams: ReportPath,
  etag: true,
  file: { contentType: 'application/pdf', description: 'The report as a PDF document' },
  successStatus: 200,
};
