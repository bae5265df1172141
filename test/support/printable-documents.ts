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

/** Every example, by the name of its page image in docs/screenshots/. */
export const EXAMPLE_DOCUMENTS: Readonly<Record<string, PrintableDocument>> = {
  'plan-example': EXAMPLE_PLAN_DOCUMENT,
};
