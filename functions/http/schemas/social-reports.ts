import * as z from 'zod';
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

export const ReportPath = CantonPath.extend({
  reportId: z
    .string()
    .refine((value) => ULID.test(value), msg('no es un identificador de informe', 'is not a report id'))
    .meta({ pattern: ULID.source, description: 'ULID' }),
});

export const HouseholdPath = CantonPath.extend({
  householdId: z
    .string()
    .refine(
      (value) => /^[A-Z0-9-]{3,40}$/.test(value),
      msg('no es un identificador de hogar del Registro Social', 'is not a Social Registry household id'),
    )
    .meta({ pattern: '^[A-Z0-9-]{3,40}$' }),
});

export const DraftReportBody = DraftReportSchema.meta({ id: 'SocialReportDraft' });
export const ReportContentBody = ReportContentSchema.meta({ id: 'SocialReportContent' });

export const SignatureBody = z
  .object({
    confirm: z.literal(true).meta({
      description:
        'true: the author signs the report as it stands now; it can never change afterwards (a correction is a new version)',
    }),
  })
  .strict();

export const ApprovalBody = z
  .object({ note: z.string().trim().min(1).max(1000).optional() })
  .strict()
  .meta({ id: 'SocialReportApprovalBody' });

export const CorrectionBody = z
  .object({
    reason: z.string().trim().min(1).max(1000).meta({ description: 'Why the signed report is corrected' }),
  })
  .strict();

export type DraftReportBodyInput = z.output<typeof DraftReportBody>;
export type ReportContentInput = z.output<typeof ReportContentBody>;
export type ApprovalInput = z.output<typeof ApprovalBody>;
export type CorrectionInput = z.output<typeof CorrectionBody>;

const SignatureView = z
  .object({
    by: z.string(),
    name: z.string(),
    at: Timestamp,
    algorithm: z.literal('SHA-256'),
    hash: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta({
        description:
          'Hex SHA-256 of the canonical signed content (docs/social-reports.md says how to rebuild it)',
      }),
    intact: z.boolean().meta({
      description:
        'Whether the report as stored still hashes to `hash`: false only if it was altered after signing',
    }),
  })
  .strict()
  .meta({ id: 'SocialReportSignature' });

const ApprovalView = z
  .object({
    by: z.string(),
    name: z.string(),
    at: Timestamp,
    note: z.string().optional(),
  })
  .strict()
  .meta({ id: 'SocialReportApproval' });

const EventView = z
  .object({
    at: Timestamp,
    by: z.string(),
    action: z.enum(REPORT_ACTIONS),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const PlanLink = z.object({ planId: z.string(), itemId: z.string().optional() }).strict().meta({
  description: 'The intervention plan item (a social-report item) the report answers, as given at drafting',
});

export const SocialReportView = z
  .object({
    cantonId: z.string(),
    reportId: z.string(),
    reference: z.string(),
    householdId: z.string(),
    status: z.enum(REPORT_STATUSES),
    edition: z.number().int().min(1),
    supersedes: z.string().optional(),
    correctionReason: z.string().optional(),
    supersededBy: z.string().optional(),
    pendingCorrection: z.string().optional(),
    plan: PlanLink.optional(),
    purpose: z.string(),
    members: z.array(ReportMemberSchema),
    sections: ReportSectionsSchema,
    opinion: z.string(),
    request: z.string(),
    approvalRequired: z.boolean(),
    signature: SignatureView.optional(),
    approval: ApprovalView.optional(),
    version: z.number().int(),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
    history: z.array(EventView).optional(),
  })
  .strict()
  .meta({ id: 'SocialReport' });

export const SocialReportSummary = z
  .object({
    reportId: z.string(),
    reference: z.string(),
    householdId: z.string(),
    status: z.enum(REPORT_STATUSES),
    edition: z.number().int().min(1),
    purpose: z.string(),
    supersedes: z.string().optional(),
    supersededBy: z.string().optional(),
    plan: PlanLink.optional(),
    signedAt: Timestamp.optional(),
    approvedAt: Timestamp.optional(),
    approvalRequired: z.boolean(),
    version: z.number().int(),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
  })
  .strict()
  .meta({ id: 'SocialReportSummary' });

export const SocialReportPage = pageSchema(
  SocialReportSummary,
  'SocialReportPage',
  "The household's social reports in this canton, newest first, every edition (superseded ones too)",
);
