import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { pageSchema, PageOnlyQuery } from '#model/page.js';
import { Timestamp } from '#model/time.js';
import {
  DraftReportSchema,
  REPORT_ACTIONS,
  REPORT_STATUSES,
  ReportContentSchema,
  ReportMemberSchema,
  ReportSectionsSchema,
} from '#domain/social-report.js';
import { CantonPath } from './canton-path.js';

/**
 * The API contract of social reports: the bodies are the domain's schemas (domain/social-report.ts), the answers
 * are described as the views build them (http/views/social-reports.ts).
 */
const msg = (es: string, en: string) => ({ params: { es, en } });
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export { CantonPath, PageOnlyQuery };

export const ReportPath = z.extend(CantonPath, {
  reportId: withMeta(
    z
      .string()
      .check(
        z.refine((value) => ULID.test(value), msg('no es un identificador de informe', 'is not a report id')),
      ),
    { pattern: ULID.source, description: 'ULID' },
  ),
});

export const HouseholdPath = z.extend(CantonPath, {
  householdId: withMeta(
    z
      .string()
      .check(
        z.refine(
          (value) => /^[A-Z0-9-]{3,40}$/.test(value),
          msg('no es un identificador de hogar del Registro Social', 'is not a Social Registry household id'),
        ),
      ),
    { pattern: '^[A-Z0-9-]{3,40}$' },
  ),
});

export const DraftReportBody = withMeta(DraftReportSchema, { id: 'SocialReportDraft' });
export const ReportContentBody = withMeta(ReportContentSchema, { id: 'SocialReportContent' });

export const SignatureBody = z.strictObject({
  confirm: withMeta(z.literal(true), {
    description:
      'true: the author signs the report as it stands now; it can never change afterwards (a correction is a new version)',
  }),
});

export const ApprovalBody = withMeta(
  z.strictObject({
    note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
  }),
  { id: 'SocialReportApprovalBody' },
);

export const CorrectionBody = z.strictObject({
  reason: withMeta(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)), {
    description: 'Why the signed report is corrected',
  }),
});

export type DraftReportBodyInput = z.output<typeof DraftReportBody>;
export type ReportContentInput = z.output<typeof ReportContentBody>;
export type ApprovalInput = z.output<typeof ApprovalBody>;
export type CorrectionInput = z.output<typeof CorrectionBody>;

const SignatureView = withMeta(
  z.strictObject({
    by: z.string(),
    name: z.string(),
    at: Timestamp,
    algorithm: z.literal('SHA-256'),
    hash: withMeta(z.string().check(z.regex(/^[0-9a-f]{64}$/)), {
      description:
        'Hex SHA-256 of the canonical signed content (docs/social-reports.md says how to rebuild it)',
    }),
    intact: withMeta(z.boolean(), {
      description:
        'Whether the report as stored still hashes to `hash`: false only if it was altered after signing',
    }),
  }),
  { id: 'SocialReportSignature' },
);

const ApprovalView = withMeta(
  z.strictObject({
    by: z.string(),
    name: z.string(),
    at: Timestamp,
    note: z.optional(z.string()),
  }),
  { id: 'SocialReportApproval' },
);

const EventView = z.strictObject({
  at: Timestamp,
  by: z.string(),
  action: z.enum(REPORT_ACTIONS),
  details: z.optional(z.record(z.string(), z.unknown())),
});

const PlanLink = withMeta(z.strictObject({ planId: z.string(), itemId: z.optional(z.string()) }), {
  description: 'The intervention plan item (a social-report item) the report answers, as given at drafting',
});

export const SocialReportView = withMeta(
  z.strictObject({
    cantonId: z.string(),
    reportId: z.string(),
    reference: z.string(),
    householdId: z.string(),
    status: z.enum(REPORT_STATUSES),
    edition: z.number().check(z.int(), z.gte(1)),
    supersedes: z.optional(z.string()),
    correctionReason: z.optional(z.string()),
    supersededBy: z.optional(z.string()),
    pendingCorrection: z.optional(z.string()),
    plan: z.optional(PlanLink),
    purpose: z.string(),
    members: z.array(ReportMemberSchema),
    sections: ReportSectionsSchema,
    opinion: z.string(),
    request: z.string(),
    approvalRequired: z.boolean(),
    signature: z.optional(SignatureView),
    approval: z.optional(ApprovalView),
    version: z.number().check(z.int()),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
    history: z.optional(z.array(EventView)),
  }),
  { id: 'SocialReport' },
);

export const SocialReportSummary = withMeta(
  z.strictObject({
    reportId: z.string(),
    reference: z.string(),
    householdId: z.string(),
    status: z.enum(REPORT_STATUSES),
    edition: z.number().check(z.int(), z.gte(1)),
    purpose: z.string(),
    supersedes: z.optional(z.string()),
    supersededBy: z.optional(z.string()),
    plan: z.optional(PlanLink),
    signedAt: z.optional(Timestamp),
    approvedAt: z.optional(Timestamp),
    approvalRequired: z.boolean(),
    version: z.number().check(z.int()),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
  }),
  { id: 'SocialReportSummary' },
);

export const SocialReportPage = pageSchema(
  SocialReportSummary,
  'SocialReportPage',
  "The household's social reports in this canton, newest first, every edition (superseded ones too)",
);
