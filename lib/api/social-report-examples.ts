import type { Example } from './openapi-examples.js';

/** The social reports' request and answer examples (see openapi-examples.ts), on Rosa Guamán's household. */
const REPORT_ID = '01JD6A2B3C4D5E6F7G8H9J0K1M';
const CORRECTION_ID = '01JD6B3C4D5E6F7G8H9J0K1M2N';

const CONTENT = {
  purpose: 'Acceso al Bono Joaquín Gallegos Lara para el nieto con discapacidad',
  members: [
    {
      memberId: '1',
      givenNames: 'Rosa',
      familyNames: 'Guamán Toapanta',
      birthDate: '1958-04-12',
      sex: 'female',
      relationship: 'head',
      education: 'basic',
    },
    {
      memberId: '2',
      givenNames: 'Luis Ángel',
      familyNames: 'Chicaiza Guamán',
      birthDate: '2016-09-03',
      sex: 'male',
      relationship: 'grandchild',
      education: 'basic',
      disabilityPercentage: 40,
      note: 'Asiste a terapia física dos veces por semana',
    },
  ],
  sections: {
    housing: {
      tenure: 'borrowed',
      construction: 'Bloque sin enlucir, techo de zinc con filtraciones',
      basicServices: 'Agua y luz; sin alcantarillado',
      observations: 'Vivienda prestada por un familiar; dos ambientes para dos personas.',
    },
    health: {
      disability: 'Discapacidad física del 40 % (carné CONADIS)',
      observations: 'El niño necesita acompañamiento permanente; la abuela tiene 68 años.',
    },
  },
  opinion:
    'La jefa de hogar, adulta mayor sin ingresos, cuida sola a su nieto con discapacidad. El hogar está en ' +
    'pobreza extrema y no recibe el bono de cuidado al que el niño tendría derecho.',
  request: 'Que se califique al niño para el Bono Joaquín Gallegos Lara y se asigne una cuidadora.',
};

const DRAFT = {
  cantonId: 'quito',
  reportId: REPORT_ID,
  reference: 'INF-J0K1-M2N3',
  householdId: 'HH-UIO-000000',
  status: 'draft',
  edition: 1,
  plan: { planId: '01JD69Z1A2B3C4D5E6F7G8H9J0', itemId: '3' },
  ...CONTENT,
  approvalRequired: true,
  version: 1,
  createdAt: '2026-12-01T15:10:00.000Z',
  createdBy: 'uio.gestora',
  updatedAt: '2026-12-01T15:10:00.000Z',
};

const SIGNATURE = {
  by: 'uio.gestora',
  name: 'Verónica Chiriboga',
  at: '2026-12-01T15:40:00.000Z',
  algorithm: 'SHA-256',
  hash: '5d1f3b0c9a7e4f2d8b6a0c1e3f5a7b9d2c4e6f8a0b1c3d5e7f9a1b2c3d4e5f60',
  intact: true,
};

const SIGNED = { ...DRAFT, status: 'signed', signature: SIGNATURE, version: 2, updatedAt: SIGNATURE.at };

const APPROVED = {
  ...SIGNED,
  status: 'approved',
  approval: { by: 'uio.jefatura', name: 'Patricia Morales Yépez', at: '2026-12-01T16:05:00.000Z' },
  version: 3,
  updatedAt: '2026-12-01T16:05:00.000Z',
};

const HISTORY = [
  { at: DRAFT.createdAt, by: 'uio.gestora', action: 'drafted', details: { membersFrom: 'registry' } },
  { at: SIGNATURE.at, by: 'uio.gestora', action: 'signed', details: { hash: SIGNATURE.hash } },
  { at: APPROVED.approval.at, by: 'uio.jefatura', action: 'approved' },
];

const CORRECTION = {
  ...DRAFT,
  reportId: CORRECTION_ID,
  reference: 'INF-K1M2-N3P4',
  edition: 2,
  supersedes: REPORT_ID,
  correctionReason: 'La fecha de nacimiento del nieto estaba mal escrita',
  createdAt: '2026-12-02T14:00:00.000Z',
  updatedAt: '2026-12-02T14:00:00.000Z',
  history: [
    {
      at: '2026-12-02T14:00:00.000Z',
      by: 'uio.gestora',
      action: 'drafted',
      details: { supersedes: REPORT_ID, reason: 'La fecha de nacimiento del nieto estaba mal escrita' },
    },
  ],
};

export const SOCIAL_REPORT_EXAMPLES: Readonly<
  Record<string, { readonly request?: Example; readonly response?: Example }>
> = {
  draftSocialReport: {
    request: {
      name: 'draftSocialReport',
      summary: 'A report for a plan item, members from the registry, housing and health sections on',
      value: {
        householdId: 'HH-UIO-000000',
        planId: '01JD69Z1A2B3C4D5E6F7G8H9J0',
        itemId: '3',
        purpose: CONTENT.purpose,
        sections: CONTENT.sections,
        opinion: CONTENT.opinion,
        request: CONTENT.request,
      },
    },
    response: {
      name: 'draftSocialReport',
      summary: 'The draft, its members prefilled from the registry',
      value: { ...DRAFT, history: [HISTORY[0]] },
    },
  },
  getSocialReport: {
    response: {
      name: 'getSocialReport',
      summary: 'A signed and approved report',
      value: { ...APPROVED, history: HISTORY },
    },
  },
  updateSocialReport: {
    request: { name: 'updateSocialReport', summary: "The draft's whole content", value: CONTENT },
    response: {
      name: 'updateSocialReport',
      summary: 'The draft as changed',
      value: { ...DRAFT, version: 2, updatedAt: '2026-12-01T15:30:00.000Z' },
    },
  },
  signSocialReport: {
    request: { name: 'signSocialReport', summary: 'The author signs', value: { confirm: true } },
    response: { name: 'signSocialReport', summary: 'Signed, waiting for approval', value: SIGNED },
  },
  approveSocialReport: {
    request: { name: 'approveSocialReport', summary: 'Approved without a note', value: {} },
    response: { name: 'approveSocialReport', summary: 'Approved by the head of department', value: APPROVED },
  },
  correctSocialReport: {
    request: {
      name: 'correctSocialReport',
      summary: 'Why the report is corrected',
      value: { reason: 'La fecha de nacimiento del nieto estaba mal escrita' },
    },
    response: {
      name: 'correctSocialReport',
      summary: 'The new draft version, pointing to the old one',
      value: CORRECTION,
    },
  },
  listHouseholdSocialReports: {
    response: {
      name: 'listHouseholdSocialReports',
      summary: "Rosa Guamán's household's reports",
      value: {
        items: [
          {
            reportId: REPORT_ID,
            reference: DRAFT.reference,
            householdId: 'HH-UIO-000000',
            status: 'approved',
            edition: 1,
            purpose: CONTENT.purpose,
            plan: DRAFT.plan,
            signedAt: SIGNATURE.at,
            approvedAt: APPROVED.approval.at,
            approvalRequired: true,
            version: 3,
            createdAt: DRAFT.createdAt,
            createdBy: 'uio.gestora',
            updatedAt: APPROVED.updatedAt,
          },
        ],
      },
    },
  },
};
