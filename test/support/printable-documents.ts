import { readFileSync } from 'node:fs';
import { reportDocument } from '#app/social-reports/document.js';
import { CantonDefinitionSchema } from '#domain/canton.js';
import { signReport, type SocialReport } from '#domain/social-report.js';
import type { PrintableDocument } from '#model/document.js';

/**
 * A plan-like document with every kind of block, in Spanish: what the PDF tests render and read back, and what
 * the page images in docs/screenshots/ show. Its items are pending (red) and done (green) as a plan's are.
 */
export const EXAMPLE_PLAN_DOCUMENT: PrintableDocument = {
  language: 'es',
  issuer: {
    country: 'República del Ecuador',
    ministry: 'Ministerio de Inclusión Económica y Social',
    canton: 'Distrito Metropolitano de Quito · Pichincha',
    office: 'Ventanilla Única de Servicios Ciudadanos',
  },
  title: 'Plan de intervención familiar',
  subtitle: 'Hogar beneficiario: acompañamiento hacia la graduación',
  reference: { label: 'Referencia', value: 'PLN-UIO-2026-000123' },
  dates: [
    { label: 'Fecha de apertura', value: '1 de diciembre de 2026, 09:30' },
    { label: 'Fecha de emisión', value: '1 de diciembre de 2026, 16:05' },
  ],
  blocks: [
    { kind: 'heading', text: 'Hogar' },
    {
      kind: 'fields',
      rows: [
        { label: 'Jefa de hogar', value: 'Rosa Guamán Ñacato' },
        { label: 'Parroquia', value: 'Chillogallo' },
        { label: 'Clasificación', value: 'Pobreza extrema (Registro Social)' },
      ],
    },
    { kind: 'heading', text: 'Acuerdo con la familia' },
    {
      kind: 'paragraph',
      text:
        'La familia acordó con la gestora de casos las acciones siguientes, que se harán en los próximos tres meses. ' +
        'Cada acción se sigue hasta su término; el plan se cierra cuando ninguna queda pendiente.\n' +
        '¿Dudas? La ciudadana puede acercarse a la Ventanilla Única con su cédula: ¡la atención es gratuita!',
    },
    { kind: 'heading', text: 'Acciones del plan' },
    {
      kind: 'table',
      columns: [
        { title: 'N.º', width: 0.6 },
        { title: 'Tipo', width: 2 },
        { title: 'Detalle', width: 4 },
        { title: 'Estado', width: 1.8 },
      ],
      rows: [
        {
          cells: [
            '1',
            'Visita domiciliaria',
            'Visita de diagnóstico en la vivienda',
            { status: 'Realizado', tone: 'done' },
          ],
        },
        {
          cells: [
            '2',
            'Informe social',
            'Para acceso al Bono Joaquín Gallegos Lara',
            { status: 'Pendiente', tone: 'pending' },
          ],
        },
        {
          cells: [
            '3',
            'Derivación interna',
            'Unidad de Niñez y Adolescencia: cupo en centro infantil',
            { status: 'Pendiente', tone: 'pending' },
          ],
        },
        {
          cells: [
            '4',
            'Beneficio en especie',
            'Kit de alimentos (canasta básica)',
            { status: 'Realizado', tone: 'done' },
          ],
        },
      ],
    },
  ],
  signatures: [
    {
      title: 'Elaborado por',
      state: 'signed',
      stateLabel: 'Firmado',
      name: 'María José Cañar',
      role: 'Gestora de casos',
      date: '1 de diciembre de 2026, 10:12',
      detail: 'SHA-256: 3f1c9e0a7b2d4c6e8f00112233445566778899aabbccddeeff00112233445566',
    },
    {
      title: 'Aprobado por',
      state: 'pending',
      stateLabel: 'Pendiente de aprobación',
      role: 'Jefatura de departamento',
    },
  ],
  footer: 'Documento emitido por la Ventanilla Única de Servicios Ciudadanos',
  issuedAt: '2026-12-01T21:05:00.000Z',
};

const QUITO = CantonDefinitionSchema.parse(
  JSON.parse(readFileSync(new URL('../../cantons/quito.json', import.meta.url), 'utf8')),
);

/** A social report on Rosa Guamán's household from the demo registry, signed by its author and approved. */
export const EXAMPLE_REPORT: SocialReport = (() => {
  const draft: SocialReport = {
    cantonId: 'quito',
    reportId: '01JD6A2B3C4D5E6F7G8H9J0K1M',
    reference: 'INF-J0K1-M2N3',
    householdId: 'HH-UIO-000000',
    status: 'draft',
    edition: 1,
    plan: { planId: '01JD69Z1A2B3C4D5E6F7G8H9J0', itemId: '3' },
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
        observations: 'Vivienda prestada por un familiar en Chillogallo; dos ambientes para dos personas.',
      },
      health: {
        disability: 'Discapacidad física del 40 % (carné del CONADIS)',
        observations:
          'El niño necesita acompañamiento permanente; la abuela tiene 68 años y dolencias de rodilla.',
      },
    },
    opinion:
      'La jefa de hogar, adulta mayor sin ingresos propios, cuida sola a su nieto con discapacidad desde 2024. ' +
      'El hogar está clasificado en pobreza extrema y solo recibe el Bono de Desarrollo Humano. En la visita ' +
      'domiciliaria se constató que el cuidado del niño le impide cualquier actividad económica.',
    request:
      'Que se califique al niño Luis Ángel para el Bono Joaquín Gallegos Lara y se asigne una persona cuidadora.',
    approvalRequired: true,
    version: 1,
    createdAt: '2026-12-01T15:10:00.000Z',
    createdBy: 'uio.gestora',
    updatedAt: '2026-12-01T15:10:00.000Z',
  };
  const author = { userId: 'uio.gestora', cantonId: 'quito', roles: ['case-manager' as const] };
  const { report: signed } = signReport(draft, {
    caller: author,
    now: '2026-12-01T15:40:00.000Z',
    signerName: 'Verónica Chiriboga',
    approvalRequired: true,
  });
  return {
    ...signed,
    status: 'approved',
    approval: { by: 'uio.jefatura', name: 'Patricia Morales Yépez', at: '2026-12-01T16:05:00.000Z' },
    version: 3,
    updatedAt: '2026-12-01T16:05:00.000Z',
  };
})();

/** Every example, by the name of its page image in docs/screenshots/. */
export const EXAMPLE_DOCUMENTS: Readonly<Record<string, PrintableDocument>> = {
  'plan-example': EXAMPLE_PLAN_DOCUMENT,
  'social-report-example': reportDocument(EXAMPLE_REPORT, QUITO, 'es'),
};
