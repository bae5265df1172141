import type { Role } from '#model/roles.js';
import { type RouteDefinition, routeIn } from '../route.js';
import {
  ApprovalBody,
  CantonPath,
  CorrectionBody,
  DraftReportBody,
  HouseholdPath,
  PageOnlyQuery,
  ReportContentBody,
  ReportPath,
  SignatureBody,
  SocialReportPage,
  SocialReportView,
} from '../schemas/social-reports.js';

/** Who writes social reports: the case managers (social workers) of the canton. */
const WRITERS: readonly Role[] = ['case-manager'];
/** Who approves them where the canton requires it (never their own). */
const APPROVERS: readonly Role[] = ['head-of-department'];
/**
 * Who reads them: the writers and approvers, the coordinator who runs the unit, and auditors (who change nothing).
 * Operators, SWCS officers and contact officers never see a social report.
 */
const READERS: readonly Role[] = ['case-manager', 'head-of-department', 'coordinator', 'auditor'];

const REPORT = '/cantons/{cantonId}/social-reports/{reportId}';

/**
 * The routes of social reports (informes sociales): draft, edit, sign, approve, correct, read, list a household's,
 * and download as PDF. Every read and write is audited. Their handlers take their definitions from here.
 */
export const SOCIAL_REPORT_ROUTES: readonly RouteDefinition[] = [
  {
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
    response: SocialReportView,
  },
  {
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
    response: SocialReportView,
  },
  {
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
    response: SocialReportView,
  },
  {
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
    response: SocialReportView,
  },
  {
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
    response: SocialReportView,
  },
  {
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
    response: SocialReportView,
  },
  {
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
    response: SocialReportPage,
  },
  {
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
  },
];

export const socialReportRoute = routeIn(SOCIAL_REPORT_ROUTES);
