import type { CantonDefinition } from '#domain/canton.js';
import type { ReportMember, SocialReport } from '#domain/social-report.js';
import { type Language, type Localized } from '#kernel/messages.js';
import { wallClock } from '#kernel/time-zone.js';
import type { DocumentBlock, LabelledValue, PrintableDocument, SignatureBox } from '#model/document.js';

/**
 * A social report as a printable document (#model/document.js), in the reader's language, its times on the
 * canton's wall clock. The PDF adapter draws it; tests read it back. Issued at the report's last change, so one
 * version of the report always prints the same.
 */
export function reportDocument(
  report: SocialReport,
  canton: CantonDefinition,
  language: Language,
): PrintableDocument {
  const t = (text: Localized) => text[language];
  const when = (iso: string) => longDate(iso, canton.timeZone, language);
  const blocks: DocumentBlock[] = [];

  if (report.status === 'draft') {
    blocks.push({ kind: 'paragraph', text: t(TEXT.draftWarning) });
  }
  if (report.status === 'superseded' && report.supersededBy) {
    blocks.push({ kind: 'paragraph', text: `${t(TEXT.supersededWarning)} ${report.supersededBy}.` });
  }
  blocks.push({
    kind: 'fields',
    rows: [
      { label: t(TEXT.status), value: t(STATUS_LABELS[report.status]) },
      { label: t(TEXT.household), value: report.householdId },
      { label: t(TEXT.purpose), value: report.purpose },
      { label: t(TEXT.edition), value: String(report.edition) },
      ...(report.supersedes ? [{ label: t(TEXT.corrects), value: report.supersedes }] : []),
      ...(report.correctionReason
        ? [{ label: t(TEXT.correctionReason), value: report.correctionReason }]
        : []),
      ...(report.plan
        ? [
            {
              label: t(TEXT.plan),
              value: report.plan.itemId
                ? `${report.plan.planId} · ${report.plan.itemId}`
                : report.plan.planId,
            },
          ]
        : []),
    ],
  });

  blocks.push({ kind: 'heading', text: t(TEXT.members) });
  blocks.push({
    kind: 'table',
    columns: [
      { title: t(TEXT.name), width: 3 },
      { title: t(TEXT.relationship), width: 1.8 },
      { title: t(TEXT.birthDate), width: 1.5 },
      { title: t(TEXT.education), width: 1.6 },
      { title: t(TEXT.notes), width: 3 },
    ],
    rows: report.members.map((m) => ({
      cells: [
        `${m.givenNames} ${m.familyNames}`,
        t(RELATIONSHIP_LABELS[m.relationship]),
        m.birthDate ? shortDate(m.birthDate) : '—',
        m.education ? t(EDUCATION_LABELS[m.education]) : '—',
        memberNotes(m, language),
      ],
    })),
  });

  const { socioEconomic, housing, health } = report.sections;
  if (socioEconomic) {
    blocks.push({ kind: 'heading', text: t(TEXT.socioEconomic) });
    blocks.push(
      fields([
        [t(TEXT.income), socioEconomic.income],
        [t(TEXT.employment), socioEconomic.employment],
        [t(TEXT.expenses), socioEconomic.expenses],
      ]),
      { kind: 'paragraph', text: socioEconomic.observations },
    );
  }
  if (housing) {
    blocks.push({ kind: 'heading', text: t(TEXT.housing) });
    blocks.push(
      fields([
        [t(TEXT.tenure), housing.tenure ? t(TENURE_LABELS[housing.tenure]) : undefined],
        [t(TEXT.construction), housing.construction],
        [t(TEXT.basicServices), housing.basicServices],
        [t(TEXT.risks), housing.risks],
      ]),
      { kind: 'paragraph', text: housing.observations },
    );
  }
  if (health) {
    blocks.push({ kind: 'heading', text: t(TEXT.health) });
    blocks.push(
      fields([
        [t(TEXT.conditions), health.conditions],
        [t(TEXT.disability), health.disability],
        [t(TEXT.care), health.care],
      ]),
      { kind: 'paragraph', text: health.observations },
    );
  }
  blocks.push({ kind: 'heading', text: t(TEXT.opinion) }, { kind: 'paragraph', text: report.opinion });
  blocks.push({ kind: 'heading', text: t(TEXT.request) }, { kind: 'paragraph', text: report.request });

  const author = staffName(canton, report.createdBy);
  const signatures: SignatureBox[] = [
    report.signature
      ? {
          title: t(TEXT.preparedBy),
          state: 'signed',
          stateLabel: t(TEXT.signed),
          name: report.signature.name,
          role: t(TEXT.caseManager),
          date: when(report.signature.at),
          detail: `SHA-256: ${report.signature.hash}`,
        }
      : {
          title: t(TEXT.preparedBy),
          state: 'pending',
          stateLabel: t(TEXT.pendingSignature),
          name: author,
          role: t(TEXT.caseManager),
        },
    report.approval
      ? {
          title: t(TEXT.approvedBy),
          state: 'signed',
          stateLabel: t(TEXT.approved),
          name: report.approval.name,
          role: t(TEXT.headOfDepartment),
          date: when(report.approval.at),
          ...(report.approval.note ? { detail: report.approval.note } : {}),
        }
      : report.approvalRequired
        ? {
            title: t(TEXT.approvedBy),
            state: 'pending',
            stateLabel: t(TEXT.pendingApproval),
            role: t(TEXT.headOfDepartment),
          }
        : {
            title: t(TEXT.approvedBy),
            state: 'not-required',
            stateLabel: t(TEXT.approvalNotRequired),
          },
  ];

  const dates: LabelledValue[] = [
    { label: t(TEXT.drafted), value: when(report.createdAt) },
    ...(report.signature ? [{ label: t(TEXT.signedOn), value: when(report.signature.at) }] : []),
    ...(report.approval ? [{ label: t(TEXT.approvedOn), value: when(report.approval.at) }] : []),
  ];

  return {
    language,
    issuer: {
      country: t(TEXT.country),
      ministry: t(TEXT.ministry),
      canton: `${canton.name} · ${canton.province}`,
      office: t(TEXT.office),
    },
    title: report.edition > 1 ? `${t(TEXT.title)} · ${t(TEXT.correction)} ${report.edition}` : t(TEXT.title),
    subtitle: report.purpose,
    reference: { label: t(TEXT.reference), value: report.reference },
    dates,
    blocks,
    signatures,
    footer: t(TEXT.footer),
    issuedAt: report.updatedAt,
    author: `${t(TEXT.ministry)} · ${canton.name}`,
  };
}

/** The signer's name as the canton file gives it, else the user id. */
export function staffName(canton: CantonDefinition, userId: string): string {
  return canton.staff.find((s) => s.id === userId)?.name ?? userId;
}

function fields(rows: readonly [string, string | undefined][]): DocumentBlock {
  return {
    kind: 'fields',
    rows: rows.flatMap(([label, value]) => (value ? [{ label, value }] : [])),
  };
}

function memberNotes(m: ReportMember, language: Language): string {
  return [
    m.occupation,
    m.disabilityPercentage
      ? `${language === 'es' ? 'Discapacidad' : 'Disability'} ${m.disabilityPercentage} %`
      : '',
    m.note,
  ]
    .filter(Boolean)
    .join('. ');
}

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** "1 de diciembre de 2026, 10:12" on the canton's wall clock. */
export function longDate(iso: string, timeZone: string, language: Language): string {
  const w = wallClock(new Date(iso), timeZone);
  const month = MONTHS[language][w.month - 1];
  const time = `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
  return language === 'es'
    ? `${w.day} de ${month} de ${w.year}, ${time}`
    : `${month} ${w.day}, ${w.year}, ${time}`;
}

/** 2019-03-07 → 07/03/2019, as Ecuadorian forms write a day. */
const shortDate = (day: string) => day.split('-').reverse().join('/');

const TEXT = {
  country: { es: 'República del Ecuador', en: 'Republic of Ecuador' },
  ministry: {
    es: 'Ministerio de Inclusión Económica y Social',
    en: 'Ministry of Economic and Social Inclusion',
  },
  office: {
    es: 'Gestión de casos · Ventanilla Única de Servicios Ciudadanos',
    en: 'Case management · Single Window for Citizen Services',
  },
  title: { es: 'Informe social', en: 'Social report' },
  correction: { es: 'corrección, versión', en: 'correction, version' },
  reference: { es: 'Referencia', en: 'Reference' },
  drafted: { es: 'Fecha de elaboración', en: 'Drafted on' },
  signedOn: { es: 'Fecha de firma', en: 'Signed on' },
  approvedOn: { es: 'Fecha de aprobación', en: 'Approved on' },
  draftWarning: {
    es: 'BORRADOR: este informe no tiene validez hasta que su autor lo firme.',
    en: 'DRAFT: this report has no standing until its author signs it.',
  },
  supersededWarning: {
    es: 'REEMPLAZADO: este informe fue corregido; la versión vigente es',
    en: 'SUPERSEDED: this report was corrected; the version in force is',
  },
  status: { es: 'Estado', en: 'Status' },
  household: { es: 'Hogar (Registro Social)', en: 'Household (Social Registry)' },
  purpose: { es: 'Propósito', en: 'Purpose' },
  edition: { es: 'Versión', en: 'Version' },
  corrects: { es: 'Corrige al informe', en: 'Corrects report' },
  correctionReason: { es: 'Motivo de la corrección', en: 'Reason for the correction' },
  plan: { es: 'Plan de intervención', en: 'Intervention plan' },
  members: { es: 'Miembros del hogar', en: 'Household members' },
  name: { es: 'Nombres y apellidos', en: 'Name' },
  relationship: { es: 'Parentesco', en: 'Relationship' },
  birthDate: { es: 'Nacimiento', en: 'Born' },
  education: { es: 'Educación', en: 'Education' },
  notes: { es: 'Ocupación y observaciones', en: 'Occupation and notes' },
  socioEconomic: { es: 'Situación socioeconómica', en: 'Socio-economic situation' },
  income: { es: 'Ingresos', en: 'Income' },
  employment: { es: 'Empleo', en: 'Employment' },
  expenses: { es: 'Gastos y deudas', en: 'Expenses and debts' },
  housing: { es: 'Vivienda', en: 'Housing' },
  tenure: { es: 'Tenencia', en: 'Tenure' },
  construction: { es: 'Construcción y estado', en: 'Construction and condition' },
  basicServices: { es: 'Servicios básicos', en: 'Basic services' },
  risks: { es: 'Riesgos', en: 'Risks' },
  health: { es: 'Salud', en: 'Health' },
  conditions: { es: 'Condiciones de salud', en: 'Health conditions' },
  disability: { es: 'Discapacidad', en: 'Disability' },
  care: { es: 'Atención y cuidados', en: 'Care' },
  opinion: { es: 'Opinión profesional', en: 'Professional opinion' },
  request: { es: 'Solicitud', en: 'Request' },
  preparedBy: { es: 'Elaborado por', en: 'Prepared by' },
  approvedBy: { es: 'Aprobado por', en: 'Approved by' },
  signed: { es: 'Firmado', en: 'Signed' },
  approved: { es: 'Aprobado', en: 'Approved' },
  pendingSignature: { es: 'Pendiente de firma', en: 'Awaiting signature' },
  pendingApproval: { es: 'Pendiente de aprobación', en: 'Awaiting approval' },
  approvalNotRequired: {
    es: 'Aprobación no requerida en el cantón',
    en: 'Approval not required in the canton',
  },
  caseManager: { es: 'Gestión de casos', en: 'Case manager' },
  headOfDepartment: { es: 'Jefatura de departamento', en: 'Head of department' },
  footer: {
    es: 'Informe social de la Ventanilla Única de Servicios Ciudadanos',
    en: 'Social report of the Single Window for Citizen Services',
  },
} satisfies Record<string, Localized>;

const STATUS_LABELS: Readonly<Record<SocialReport['status'], Localized>> = {
  draft: { es: 'Borrador', en: 'Draft' },
  signed: { es: 'Firmado', en: 'Signed' },
  approved: { es: 'Aprobado', en: 'Approved' },
  superseded: { es: 'Reemplazado por una corrección', en: 'Superseded by a correction' },
};

const RELATIONSHIP_LABELS: Readonly<Record<ReportMember['relationship'], Localized>> = {
  head: { es: 'Jefe/a de hogar', en: 'Head of household' },
  spouse: { es: 'Cónyuge', en: 'Spouse' },
  child: { es: 'Hijo/a', en: 'Child' },
  grandchild: { es: 'Nieto/a', en: 'Grandchild' },
  parent: { es: 'Padre o madre', en: 'Parent' },
  sibling: { es: 'Hermano/a', en: 'Sibling' },
  'other-relative': { es: 'Otro pariente', en: 'Other relative' },
  'non-relative': { es: 'No pariente', en: 'Not a relative' },
};

const EDUCATION_LABELS: Readonly<Record<NonNullable<ReportMember['education']>, Localized>> = {
  none: { es: 'Ninguna', en: 'None' },
  initial: { es: 'Inicial', en: 'Early years' },
  basic: { es: 'Básica', en: 'Basic' },
  secondary: { es: 'Bachillerato', en: 'Secondary' },
  technical: { es: 'Técnica', en: 'Technical' },
  university: { es: 'Universitaria', en: 'University' },
  postgraduate: { es: 'Posgrado', en: 'Postgraduate' },
};

const TENURE_LABELS: Readonly<Record<'owned' | 'rented' | 'borrowed' | 'informal' | 'other', Localized>> = {
  owned: { es: 'Propia', en: 'Owned' },
  rented: { es: 'Arrendada', en: 'Rented' },
  borrowed: { es: 'Prestada', en: 'Lent' },
  informal: { es: 'Posesión informal', en: 'Informal' },
  other: { es: 'Otra', en: 'Other' },
};
