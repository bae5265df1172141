import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SocialReport, SocialReportEvent } from '#domain/social-report.js';
import type { AuditRecord } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryPage, readCollection } from './collections.js';
import * as keys from './keys.js';
import { type TransactItem, versionedPuts, withoutStorageAttributes, writeVersioned } from './versioned.js';

/**
 * The DynamoDB adapter for social reports. A report, its numbered event and the audit record of the change are
 * written in one transaction guarded by the report's version; signing a correction writes the report it
 * supersedes in the same transaction, so a correction is never signed while the old report still reads as valid.
 */
function reportItem(r: SocialReport) {
  return {
    ...keys.socialReport(r.cantonId, r.reportId),
    entity: 'social-report',
    ...r,
    GSI1PK: keys.householdSocialReports(r.cantonId, r.householdId),
    GSI1SK: `${r.createdAt}#${r.reportId}`,
  };
}

const eventItem = (r: SocialReport, e: SocialReportEvent) => ({
  ...keys.eventOf(keys.socialReportCollection(r.cantonId, r.reportId), e.version),
  entity: 'social-report-event',
  ...e,
});

const CHANGED_MEANWHILE = {
  es: 'El informe cambió mientras se procesaba este cambio; vuelva a cargarlo e intente de nuevo',
  en: 'The report changed while this change was being made; reload it and try again',
};

export interface ReportWrite {
  readonly report: SocialReport;
  readonly event: SocialReportEvent;
}

/**
 * Writes a report's change (or a new report, at version 1) with its event and the audit record; `also` is another
 * report's change that must happen with it (the superseded report, the report a correction is drafted from).
 */
export async function saveReport(change: ReportWrite, audit: AuditRecord, also?: ReportWrite): Promise<void> {
  await writeVersioned({
    item: reportItem(change.report),
    event: eventItem(change.report, change.event),
    audit,
    alsoWrite: also ? versionedPuts(reportItem(also.report), eventItem(also.report, also.event)) : [],
    conflictText: CHANGED_MEANWHILE,
  });
}

export async function findReport(cantonId: string, reportId: string): Promise<SocialReport | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.socialReport(cantonId, reportId),
      ConsistentRead: true,
    }),
  );
  return Item ? withoutStorageAttributes<SocialReport>(Item) : undefined;
}

export async function findReportWithHistory(cantonId: string, reportId: string) {
  const found = await readCollection<SocialReport, SocialReportEvent>(
    keys.socialReportCollection(cantonId, reportId),
    'SOCIAL-REPORT',
  );
  return found ? { report: found.record, history: found.history } : undefined;
}

/** One page of a household's reports in the canton, newest first (one Query on GSI1). */
export async function householdReportsPage(
  cantonId: string,
  householdId: string,
  page: { limit: number; startKey?: Record<string, unknown> | undefined },
) {
  const result = await queryPage({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.householdSocialReports(cantonId, householdId) },
    ScanIndexForward: false,
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  return {
    reports: result.items.map((i) => withoutStorageAttributes<SocialReport>(i)),
    ...(result.lastKey ? { lastKey: result.lastKey } : {}),
  };
}

/**
 * For a write that relied on a report as it was read (a plan item done on it): the report must still be at that
 * version, or the whole write is refused (409) and the case manager tries again on the report as it is now.
 */
export function reportUnchanged(report: SocialReport): TransactItem {
  return {
    ConditionCheck: {
      TableName: TABLE_NAME,
      Key: keys.socialReport(report.cantonId, report.reportId),
      ConditionExpression: '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': report.version },
    },
  };
}
