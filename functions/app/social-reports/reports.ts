import { ulid } from '#kernel/ids.js';
import { type AuditRecord, auditOf } from '#adapters/dynamodb/audit.js';
import { findHousehold } from '#adapters/dynamodb/registry-store.js';
import { findReport, findReportWithHistory, saveReport } from '#adapters/dynamodb/social-reports-store.js';
import type { CantonDefinition } from '#domain/canton.js';
import {
  approvalRequiredIn,
  type DraftReportInput,
  draftReport,
  type ReportChange,
  type SocialReport,
} from '#domain/social-report.js';
import { badRequest, notFound } from '#kernel/errors.js';
import type { Caller } from '#model/caller.js';

/**
 * The use cases social reports share: finding one in the caller's canton (any other canton's, or none, is the same
 * 404), drafting one from the registry's household, and the audit record every read and write leaves.
 */
export const reportNotFound = (reportId: string) =>
  notFound({ es: `No existe el informe social ${reportId}`, en: `There is no social report ${reportId}` });

export async function reportIn(canton: CantonDefinition, reportId: string): Promise<SocialReport> {
  const report = await findReport(canton.id, reportId);
  if (!report) throw reportNotFound(reportId);
  return report;
}

export async function reportWithHistoryIn(canton: CantonDefinition, reportId: string) {
  const found = await findReportWithHistory(canton.id, reportId);
  if (!found) throw reportNotFound(reportId);
  return found;
}

/** The audit record of an action on a report: it names the report and its household, never a person. */
export function reportAudit(
  caller: Caller,
  report: Pick<SocialReport, 'cantonId' | 'reportId' | 'householdId'>,
  action: string,
  at: string,
  details: Record<string, unknown> = {},
): AuditRecord {
  return auditOf(
    caller,
    report.cantonId,
    `social-report.${action}`,
    { type: 'social-report', id: report.reportId },
    { at, details: { householdId: report.householdId, ...details } },
  );
}

/** A new draft on a registry household: the members prefilled from the registry unless the body gives them. */
export async function draftReportFor(
  caller: Caller,
  canton: CantonDefinition,
  input: DraftReportInput,
  now: string,
): Promise<ReportChange> {
  const stored = await findHousehold(input.householdId);
  if (!stored) {
    throw badRequest('householdId', {
      es: 'el Registro Social no tiene un hogar con este identificador (búsquelo con una ficha de atención)',
      en: 'the Social Registry has no household with this id (find it with a screening)',
    });
  }
  const change = draftReport(input, {
    caller,
    reportId: ulid(),
    now,
    household: stored.household,
    approvalRequired: approvalRequiredIn(canton),
  });
  await saveReport(change, reportAudit(caller, change.report, 'draft', now, { plan: change.report.plan }));
  return change;
}
