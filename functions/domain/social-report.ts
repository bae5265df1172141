import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import type { CantonDefinition } from './canton.js';
import { EDUCATION_LEVELS, RELATIONSHIPS, type RegistryHousehold } from './registry.js';
import { AppError, conflict } from '#kernel/errors.js';
import type { Localized } from '#kernel/messages.js';
import type { Caller } from '#model/caller.js';

/**
 * A social report (informe social): a case manager's professional opinion on a household, and what it asks for,
 * often required to reach another service. Members come prefilled from the Social Registry and may be edited in
 * the report only (the registry is not changed); sections are switched on as needed. The author signs it (who,
 * when, and the SHA-256 of the canonical signed content); where the canton requires it, a head of department who
 * is not the author approves it. A signed report never changes: a correction is a new edition that points to the
 * old one, which stays readable and is marked superseded once the correction is signed.
 *
 *   draft → signed → approved            (the canton requires approval)
 *   draft → signed                       (it does not: signed is final)
 *   signed | approved → superseded       (its correction was signed)
 */
export const REPORT_STATUSES = ['draft', 'signed', 'approved', 'superseded'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

const msg = (es: string, en: string) => ({ params: { es, en } });
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A string matching a pattern, with the message in both languages (zod's `regex` takes no params). */
const matching = (pattern: RegExp, es: string, en: string) =>
  withMeta(z.string().check(z.refine((value) => pattern.test(value), msg(es, en))), {
    pattern: pattern.source,
  });
const Id = matching(
  /^[A-Za-z0-9-]{1,40}$/,
  'letras, dígitos y guiones, hasta 40',
  'letters, digits and dashes, up to 40',
);

/** A household member as the report shows them: from the registry at drafting, editable in the report. */
export const ReportMemberSchema = z.strictObject({
  /** The registry member this row came from; absent for a person the registry does not list. */
  memberId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{1,20}$/))),
  givenNames: Text(80),
  familyNames: Text(80),
  birthDate: z.optional(z.iso.date()),
  sex: z.optional(z.enum(['female', 'male'])),
  relationship: z.enum(RELATIONSHIPS),
  education: z.optional(z.enum(EDUCATION_LEVELS)),
  occupation: z.optional(Text(80)),
  disabilityPercentage: z.optional(z.number().check(z.gte(0), z.lte(100))),
  /** What the case manager saw that the registry does not say (a member who left, a new baby). */
  note: z.optional(Text(500)),
});

export const HOUSING_TENURES = ['owned', 'rented', 'borrowed', 'informal', 'other'] as const;

/** The optional sections: present means switched on. Each has its observations and a few optional facts. */
export const ReportSectionsSchema = z.strictObject({
  socioEconomic: z.optional(
    z.strictObject({
      income: z.optional(Text(500)),
      employment: z.optional(Text(500)),
      expenses: z.optional(Text(500)),
      observations: Text(4000),
    }),
  ),
  housing: z.optional(
    z.strictObject({
      tenure: z.optional(z.enum(HOUSING_TENURES)),
      construction: z.optional(Text(500)),
      basicServices: z.optional(Text(500)),
      risks: z.optional(Text(500)),
      observations: Text(4000),
    }),
  ),
  health: z.optional(
    z.strictObject({
      conditions: z.optional(Text(1000)),
      disability: z.optional(Text(500)),
      care: z.optional(Text(500)),
      observations: Text(4000),
    }),
  ),
});

/** What the author writes and may change while the report is a draft. */
export const ReportContentSchema = z.strictObject({
  /** What the report is for (the plan item's purpose, the service that asks for it). */
  purpose: Text(500),
  members: z.array(ReportMemberSchema).check(z.minLength(1), z.maxLength(30)),
  sections: z._default(ReportSectionsSchema, {}),
  /** The professional opinion: mandatory. */
  opinion: Text(8000),
  /** What is asked for (the requested action): mandatory. */
  request: Text(2000),
});

/**
 * A new draft: the registry household it is about, and its content; the members, when not given, are the
 * registry's. A plan's social-report item may name it (`planId`, `itemId`): stored as given, for the plan to find.
 */
export const DraftReportSchema = z
  .extend(ReportContentSchema, {
    householdId: matching(
      /^[A-Z0-9-]{3,40}$/,
      'mayúsculas, dígitos y guiones, 3 a 40',
      'capitals, digits and dashes, 3 to 40',
    ),
    members: z.optional(ReportContentSchema.shape.members),
    planId: z.optional(Id),
    itemId: z.optional(Id),
  })
  .check(
    z.refine((body) => body.itemId === undefined || body.planId !== undefined, {
      path: ['itemId'],
      ...msg('un ítem se nombra con su plan (planId)', 'an item is named with its plan (planId)'),
    }),
  );

export type ReportMember = z.output<typeof ReportMemberSchema>;
export type ReportSections = z.output<typeof ReportSectionsSchema>;
export type ReportContent = z.output<typeof ReportContentSchema>;
export type DraftReportInput = z.output<typeof DraftReportSchema>;

export interface Signature {
  readonly by: string;
  readonly name: string;
  readonly at: string;
  readonly algorithm: 'SHA-256';
  /** Hex SHA-256 of `signedContent(report, signer)`: whoever holds the report can check it. */
  readonly hash: string;
}

export interface Approval {
  readonly by: string;
  readonly name: string;
  readonly at: string;
  readonly note?: string;
}

export interface SocialReport extends ReportContent {
  readonly cantonId: string;
  readonly reportId: string;
  /** A short reference to read out or print; the id is the key. */
  readonly reference: string;
  readonly householdId: string;
  readonly status: ReportStatus;
  /** 1 for a first report, n + 1 for the correction of edition n. */
  readonly edition: number;
  /** The report this one corrects. */
  readonly supersedes?: string;
  /** Why the correction was made. */
  readonly correctionReason?: string;
  /** The correction that replaced this report (once it was signed). */
  readonly supersededBy?: string;
  /** A correction drafted and not yet signed: only one at a time. */
  readonly pendingCorrection?: string;
  /** The plan item (a social-report item) this report answers, as given at drafting. */
  readonly plan?: { readonly planId: string; readonly itemId?: string };
  /** Whether a head of department must approve it: the canton's rule, taken when the report is signed. */
  readonly approvalRequired: boolean;
  readonly signature?: Signature;
  readonly approval?: Approval;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export const REPORT_ACTIONS = [
  'drafted',
  'edited',
  'signed',
  'approved',
  'correction-drafted',
  'superseded',
] as const;

export interface SocialReportEvent {
  readonly version: number;
  readonly at: string;
  readonly by: string;
  readonly action: (typeof REPORT_ACTIONS)[number];
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface ReportChange {
  readonly report: SocialReport;
  readonly event: SocialReportEvent;
}

/** Whether the canton's signed social reports need a head of department's approval (required unless it says not). */
export function approvalRequiredIn(canton: CantonDefinition): boolean {
  return (canton.socialReports?.approval ?? 'required') === 'required';
}

/** The report's reference: `INF-` and the last eight characters of its id, as the requests' references read. */
export function reportReferenceOf(reportId: string): string {
  const tail = reportId.slice(-8);
  return `INF-${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/** The registry's members as the report's first rows. */
export function membersFromRegistry(household: RegistryHousehold): ReportMember[] {
  return household.members.map((m) => ({
    memberId: m.memberId,
    givenNames: m.givenNames,
    familyNames: m.familyNames,
    birthDate: m.birthDate,
    sex: m.sex,
    relationship: m.relationship,
    education: m.education,
    ...(m.occupation ? { occupation: m.occupation } : {}),
    ...(m.disabilityPercentage ? { disabilityPercentage: m.disabilityPercentage } : {}),
  }));
}

const event = (
  report: SocialReport,
  caller: Caller,
  at: string,
  action: SocialReportEvent['action'],
  details?: Record<string, unknown>,
): SocialReportEvent => ({
  version: report.version,
  at,
  by: caller.userId,
  action,
  ...(details ? { details } : {}),
});

export function draftReport(
  input: DraftReportInput,
  ctx: {
    caller: Caller;
    reportId: string;
    now: string;
    household: RegistryHousehold;
    approvalRequired: boolean;
  },
): ReportChange {
  const { caller, reportId, now } = ctx;
  const report: SocialReport = {
    cantonId: caller.cantonId,
    reportId,
    reference: reportReferenceOf(reportId),
    householdId: input.householdId,
    status: 'draft',
    edition: 1,
    purpose: input.purpose,
    members: input.members ?? membersFromRegistry(ctx.household),
    sections: input.sections,
    opinion: input.opinion,
    request: input.request,
    ...(input.planId
      ? { plan: { planId: input.planId, ...(input.itemId ? { itemId: input.itemId } : {}) } }
      : {}),
    approvalRequired: ctx.approvalRequired,
    version: 1,
    createdAt: now,
    createdBy: caller.userId,
    updatedAt: now,
  };
  return {
    report,
    event: event(report, caller, now, 'drafted', {
      membersFrom: input.members ? 'report' : 'registry',
      ...(report.plan ? { plan: report.plan } : {}),
    }),
  };
}

/** A rule of the report that the caller broke: 403, naming the rule. */
const ruleBroken = (text: Localized) => new AppError(403, 'forbidden', text);

const notADraft = (report: SocialReport) =>
  conflict({
    es: `El informe ${report.reference} está ${STATUS_WORDS[report.status].es}: un informe firmado no cambia; corríjalo con una nueva versión (POST …/corrections)`,
    en: `Report ${report.reference} is ${report.status}: a signed report cannot change; correct it with a new version (POST …/corrections)`,
  });

const STATUS_WORDS: Readonly<Record<ReportStatus, Localized>> = {
  draft: { es: 'en borrador', en: 'a draft' },
  signed: { es: 'firmado', en: 'signed' },
  approved: { es: 'aprobado', en: 'approved' },
  superseded: { es: 'reemplazado por una corrección', en: 'superseded by a correction' },
};

function requireAuthor(report: SocialReport, caller: Caller, doing: Localized) {
  if (report.createdBy !== caller.userId) {
    throw ruleBroken({
      es: `Solo quien redactó el informe (${report.createdBy}) puede ${doing.es}`,
      en: `Only the report's author (${report.createdBy}) may ${doing.en}`,
    });
  }
}

/** Replaces the draft's content; only its author, only while it is a draft. */
export function editDraft(
  report: SocialReport,
  content: ReportContent,
  caller: Caller,
  now: string,
): ReportChange {
  if (report.status !== 'draft') throw notADraft(report);
  requireAuthor(report, caller, { es: 'modificarlo', en: 'change it' });
  const changed: SocialReport = { ...report, ...content, version: report.version + 1, updatedAt: now };
  const fields = (Object.keys(content) as (keyof ReportContent)[]).filter(
    (k) => canonicalJson(report[k]) !== canonicalJson(content[k]),
  );
  return { report: changed, event: event(changed, caller, now, 'edited', { fields }) };
}

/** Is the draft as it already is (a PUT sent again)? */
export const sameContent = (report: SocialReport, content: ReportContent) =>
  (Object.keys(content) as (keyof ReportContent)[]).every(
    (k) => canonicalJson(report[k]) === canonicalJson(content[k]),
  );

/**
 * What the signature covers, as one canonical JSON text (keys sorted, no spaces): who the report is about and
 * for, every word of it, its edition and what it corrects, and who signs when. Anyone holding the report's JSON
 * can rebuild it and compare the hash.
 */
export function signedContent(
  report: SocialReport,
  signer: { by: string; name: string; at: string },
): string {
  return canonicalJson({
    format: 'swcs-social-report/1',
    cantonId: report.cantonId,
    reportId: report.reportId,
    reference: report.reference,
    householdId: report.householdId,
    edition: report.edition,
    supersedes: report.supersedes ?? null,
    plan: report.plan ?? null,
    purpose: report.purpose,
    members: report.members,
    sections: report.sections,
    opinion: report.opinion,
    request: report.request,
    signedBy: { userId: signer.by, name: signer.name },
    signedAt: signer.at,
  });
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Does the stored hash still match the report's content? False means the record was altered after signing. */
export function signatureIntact(report: SocialReport): boolean | undefined {
  const s = report.signature;
  return s ? sha256Hex(signedContent(report, s)) === s.hash : undefined;
}

/**
 * The author signs the draft: it can no longer change. The opinion and the request must be there (they always are
 * for a draft the schema accepted; checked again since a signature is final).
 */
export function signReport(
  report: SocialReport,
  ctx: { caller: Caller; now: string; signerName: string; approvalRequired: boolean },
): ReportChange {
  const { caller, now } = ctx;
  if (report.status !== 'draft') {
    throw conflict({
      es: `El informe ${report.reference} ya está ${STATUS_WORDS[report.status].es}`,
      en: `Report ${report.reference} is already ${report.status}`,
    });
  }
  requireAuthor(report, caller, { es: 'firmarlo', en: 'sign it' });
  const missing = (['opinion', 'request'] as const).filter((f) => !report[f]?.trim());
  if (missing.length > 0) {
    throw new AppError(
      400,
      'invalid_input',
      { es: `Falta en el informe: ${missing.join(', ')}`, en: `The report lacks: ${missing.join(', ')}` },
      missing.map((field) => ({
        field,
        problem: { es: 'es obligatorio para firmar', en: 'is required to sign' },
      })),
    );
  }
  const signer = { by: caller.userId, name: ctx.signerName, at: now };
  const signed: SocialReport = {
    ...report,
    status: 'signed',
    approvalRequired: ctx.approvalRequired,
    signature: { ...signer, algorithm: 'SHA-256', hash: sha256Hex(signedContent(report, signer)) },
    version: report.version + 1,
    updatedAt: now,
  };
  return {
    report: signed,
    event: event(signed, caller, now, 'signed', {
      hash: signed.signature?.hash,
      approvalRequired: ctx.approvalRequired,
    }),
  };
}

/** A head of department approves a signed report: never its author, never a draft, only where it is required. */
export function approveReport(
  report: SocialReport,
  ctx: { caller: Caller; now: string; approverName: string; note?: string },
): ReportChange {
  const { caller, now } = ctx;
  if (report.createdBy === caller.userId || report.signature?.by === caller.userId) {
    throw ruleBroken({
      es: 'Nadie aprueba su propio informe: lo aprueba una jefatura de departamento que no sea su autor',
      en: 'Nobody approves their own report: a head of department other than its author approves it',
    });
  }
  if (report.status === 'draft') {
    throw conflict({
      es: `El informe ${report.reference} es un borrador: su autor debe firmarlo antes de aprobarlo`,
      en: `Report ${report.reference} is a draft: its author must sign it before it is approved`,
    });
  }
  if (report.status !== 'signed') {
    throw conflict({
      es: `El informe ${report.reference} ya está ${STATUS_WORDS[report.status].es}`,
      en: `Report ${report.reference} is already ${report.status}`,
    });
  }
  if (!report.approvalRequired) {
    throw conflict({
      es: 'El cantón no exige aprobación de los informes sociales: este informe firmado ya es definitivo',
      en: 'The canton does not require approval of social reports: this signed report is already final',
    });
  }
  const approved: SocialReport = {
    ...report,
    status: 'approved',
    approval: { by: caller.userId, name: ctx.approverName, at: now, ...(ctx.note ? { note: ctx.note } : {}) },
    version: report.version + 1,
    updatedAt: now,
  };
  return {
    report: approved,
    event: event(approved, caller, now, 'approved', ctx.note ? { note: ctx.note } : {}),
  };
}

/**
 * A correction of a signed (or approved) report: a new draft, edition + 1, with the old content to edit, pointing
 * to the old report; the old one records that a correction is under way (one at a time) and stays as it is until
 * the correction is signed.
 */
export function draftCorrection(
  old: SocialReport,
  ctx: { caller: Caller; reportId: string; now: string; reason: string; approvalRequired: boolean },
): { correction: ReportChange; old: ReportChange } {
  const { caller, now } = ctx;
  if (old.status === 'draft') {
    throw conflict({
      es: `El informe ${old.reference} aún es un borrador: modifíquelo directamente (PUT)`,
      en: `Report ${old.reference} is still a draft: change it directly (PUT)`,
    });
  }
  if (old.status === 'superseded') {
    throw conflict({
      es: `El informe ${old.reference} ya fue reemplazado por ${old.supersededBy}: corrija la última versión`,
      en: `Report ${old.reference} was already superseded by ${old.supersededBy}: correct the latest version`,
    });
  }
  if (old.pendingCorrection) {
    throw conflict({
      es: `Ya hay una corrección en borrador de este informe (${old.pendingCorrection}): termínela`,
      en: `This report already has a correction in draft (${old.pendingCorrection}): finish it`,
    });
  }
  const correction: SocialReport = {
    cantonId: old.cantonId,
    reportId: ctx.reportId,
    reference: reportReferenceOf(ctx.reportId),
    householdId: old.householdId,
    status: 'draft',
    edition: old.edition + 1,
    supersedes: old.reportId,
    correctionReason: ctx.reason,
    purpose: old.purpose,
    members: old.members,
    sections: old.sections,
    opinion: old.opinion,
    request: old.request,
    ...(old.plan ? { plan: old.plan } : {}),
    approvalRequired: ctx.approvalRequired,
    version: 1,
    createdAt: now,
    createdBy: caller.userId,
    updatedAt: now,
  };
  const marked: SocialReport = {
    ...old,
    pendingCorrection: ctx.reportId,
    version: old.version + 1,
    updatedAt: now,
  };
  return {
    correction: {
      report: correction,
      event: event(correction, caller, now, 'drafted', { supersedes: old.reportId, reason: ctx.reason }),
    },
    old: {
      report: marked,
      event: event(marked, caller, now, 'correction-drafted', {
        correctionId: ctx.reportId,
        reason: ctx.reason,
      }),
    },
  };
}

/** When a correction is signed, the report it corrects is superseded by it (same transaction). */
export function supersede(
  old: SocialReport,
  correction: SocialReport,
  caller: Caller,
  now: string,
): ReportChange {
  if (old.status !== 'signed' && old.status !== 'approved') {
    throw conflict({
      es: `El informe que se corrige (${old.reference}) ya no puede reemplazarse (${STATUS_WORDS[old.status].es})`,
      en: `The report being corrected (${old.reference}) can no longer be superseded (${old.status})`,
    });
  }
  const { pendingCorrection: _pending, ...rest } = old;
  const superseded: SocialReport = {
    ...rest,
    status: 'superseded',
    supersededBy: correction.reportId,
    version: old.version + 1,
    updatedAt: now,
  };
  return {
    report: superseded,
    event: event(superseded, caller, now, 'superseded', { supersededBy: correction.reportId }),
  };
}

/** JSON with object keys sorted at every level and no spaces: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
