import type { RouteDefinition } from '../route.js';
import { SocialReportPage, SocialReportView } from '../schemas/social-reports.js';
import { draftSocialReportRoute } from './social-reports/draft.js';
import { getSocialReportRoute } from './social-reports/get.js';
import { updateSocialReportRoute } from './social-reports/update.js';
import { signSocialReportRoute } from './social-reports/sign.js';
import { approveSocialReportRoute } from './social-reports/approve.js';
import { correctSocialReportRoute } from './social-reports/correct.js';
import { listHouseholdSocialReportsRoute } from './social-reports/list.js';
import { getSocialReportPdfRoute } from './social-reports/pdf.js';

/**
 * The routes of social reports (informes sociales): draft, edit, sign, approve, correct, read, list a household's,
 * and download as PDF. Every read and write is audited.
 * Each operation is defined in its own module (routes/social-reports/<handler>.ts), which its handler imports: a bundle
 * then holds only its own operation's schemas. This list gathers them for ROUTES, the gateway and the document.
 */
export const SOCIAL_REPORT_ROUTES: readonly RouteDefinition[] = [
  { ...draftSocialReportRoute, response: SocialReportView },
  { ...getSocialReportRoute, response: SocialReportView },
  { ...updateSocialReportRoute, response: SocialReportView },
  { ...signSocialReportRoute, response: SocialReportView },
  { ...approveSocialReportRoute, response: SocialReportView },
  { ...correctSocialReportRoute, response: SocialReportView },
  { ...listHouseholdSocialReportsRoute, response: SocialReportPage },
  getSocialReportPdfRoute,
];
