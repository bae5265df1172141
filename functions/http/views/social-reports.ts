import { signatureIntact, type SocialReport, type SocialReportEvent } from '#domain/social-report.js';

/** A report as the API shows it: as stored, its signature checked against its content, and its history. */
export function reportView(report: SocialReport, history?: readonly SocialReportEvent[]) {
  const { signature, ...rest } = report;
  return {
    ...rest,
    ...(signature ? { signature: { ...signature, intact: signatureIntact(report) === true } } : {}),
    ...(history ? { history: history.map(({ version: _version, ...event }) => event) } : {}),
  };
}

export function reportSummary(report: SocialReport) {
  return {
    reportId: report.reportId,
    reference: report.reference,
    householdId: report.householdId,
    status: report.status,
    edition: report.edition,
    purpose: report.purpose,
    ...(report.supersedes ? { supersedes: report.supersedes } : {}),
    ...(report.supersededBy ? { supersededBy: report.supersededBy } : {}),
    ...(report.plan ? { plan: report.plan } : {}),
    ...(report.signature ? { signedAt: report.signature.at } : {}),
    ...(report.approval ? { approvedAt: report.approval.at } : {}),
    approvalRequired: report.approvalRequired,
    version: report.version,
    createdAt: report.createdAt,
    createdBy: report.createdBy,
    updatedAt: report.updatedAt,
  };
}
