import type { CantonDefinition } from '#domain/canton.js';
import type { Plan, PlanItem } from '#domain/plan.js';
import { ITEM_STATUSES } from '#domain/plan.js';
import type { ItemKind } from '#domain/plan-options.js';
import type { DocumentBlock, PrintableDocument, StatusTone } from '#model/document.js';

/**
 * An intervention plan as it leaves the platform on paper (drawn by adapters/pdf/render.ts): in Spanish, with the
 * ministry's and the canton's header, the plan's reference and dates, the household, and every item with its
 * status — pending and in progress in red, done in green, not done in grey — as the plan summary shows them.
 */
const KIND_NAMES: Readonly<Record<ItemKind, string>> = {
  'registry-change': 'Actualización del Registro Social',
  'home-visit': 'Visita domiciliaria',
  'social-report': 'Informe social',
  referral: 'Derivación',
  'in-kind-benefit': 'Beneficio en especie',
  'cash-benefit': 'Beneficio económico',
};

const STATUS_NAMES = {
  pending: 'Pendiente',
  'in-progress': 'En curso',
  done: 'Realizado',
  'not-done': 'No realizado',
} as const;

const TONES: Readonly<Record<PlanItem['status'], StatusTone>> = {
  pending: 'pending',
  'in-progress': 'pending',
  done: 'done',
  'not-done': 'neutral',
};

function when(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('es-EC', { timeZone, dateStyle: 'long', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

function day(date: string): string {
  return new Intl.DateTimeFormat('es-EC', { timeZone: 'UTC', dateStyle: 'long' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** What the item is about, in a line: its subcategory and the data that identify it. */
function detailOf(item: PlanItem): string {
  const d = item.data as Record<string, unknown>;
  const parts: string[] = [item.label.es];
  switch (item.kind) {
    case 'home-visit':
      parts.push(`${day(String(d.scheduledOn))}, ${String(d.visitorId)}`);
      if (d.purpose) parts.push(String(d.purpose));
      break;
    case 'social-report':
      parts.push(String(d.purpose));
      if (item.links.reportId) parts.push(`informe ${item.links.reportId}`);
      break;
    case 'referral':
      parts.push(`servicio ${String(d.serviceId)}`);
      break;
    case 'registry-change':
      parts.push(((d.changes as { field: string }[]) ?? []).map((c) => c.field).join(', '));
      break;
    case 'in-kind-benefit':
      parts.push(`${String(d.description)}${Number(d.quantity) > 1 ? ` × ${String(d.quantity)}` : ''}`);
      break;
    case 'cash-benefit':
      parts.push(`${Number(d.amount).toFixed(2)} ${String(d.currency)}`);
      break;
  }
  if (item.deliveredOn) parts.push(`entregado el ${day(item.deliveredOn)}`);
  if (item.reason) parts.push(`motivo: ${item.reason}`);
  return parts.join(' — ');
}

export function planDocument(plan: Plan, canton: CantonDefinition, issuedAt: string): PrintableDocument {
  const tz = canton.timeZone;
  const counts = Object.fromEntries(
    ITEM_STATUSES.map((s) => [s, plan.items.filter((i) => i.status === s).length]),
  );
  const household: DocumentBlock =
    plan.subject.identification === 'national-id'
      ? {
          kind: 'fields',
          rows: [
            { label: 'Hogar (Registro Social)', value: plan.subject.householdId },
            { label: 'Cédula del miembro atendido', value: plan.subject.nationalId },
          ],
        }
      : {
          kind: 'fields',
          rows: [{ label: 'Identidad provisional (atención sin cédula)', value: plan.subject.provisionalId }],
        };
  const blocks: DocumentBlock[] = [
    { kind: 'heading', text: 'Hogar' },
    household,
    { kind: 'heading', text: 'Estado del plan' },
    {
      kind: 'fields',
      rows: [
        { label: 'Estado', value: plan.status === 'open' ? 'Abierto' : 'Cerrado' },
        { label: 'Gestor/a de casos', value: plan.openedBy },
        {
          label: 'Acciones',
          value: `${plan.items.length}: ${counts.pending} pendientes, ${counts['in-progress']} en curso, ${counts.done} realizadas, ${counts['not-done']} no realizadas`,
        },
      ],
    },
    {
      kind: 'paragraph',
      text: `Plan acordado con la familia${plan.agreement.note ? ` (${plan.agreement.note})` : ''}. Cada acción se sigue hasta su término; el plan se cierra cuando ninguna queda pendiente ni en curso.`,
    },
    { kind: 'heading', text: 'Acciones del plan' },
    {
      kind: 'table',
      columns: [
        { title: 'N.º', width: 0.6 },
        { title: 'Tipo', width: 2.2 },
        { title: 'Detalle', width: 4.4 },
        { title: 'Estado', width: 1.6 },
      ],
      rows: plan.items.map((item) => ({
        cells: [
          String(item.number),
          `${item.group} · ${KIND_NAMES[item.kind]}`,
          detailOf(item),
          { status: STATUS_NAMES[item.status], tone: TONES[item.status] },
        ],
      })),
    },
  ];
  if (plan.reopenings.length > 0) {
    blocks.push(
      { kind: 'heading', text: 'Reaperturas' },
      {
        kind: 'table',
        columns: [
          { title: 'Fecha', width: 2 },
          { title: 'Por', width: 1.6 },
          { title: 'Motivo', width: 4 },
          { title: 'Acciones', width: 1.2 },
        ],
        rows: plan.reopenings.map((r) => ({
          cells: [when(r.at, tz), r.by, r.reason, r.items.join(', ')],
        })),
      },
    );
  }
  return {
    language: 'es',
    issuer: {
      country: 'República del Ecuador',
      ministry: 'Ministerio de Inclusión Económica y Social',
      canton: `${canton.name} · ${canton.province}`,
      office: 'Ventanilla Única de Servicios Ciudadanos',
    },
    title: 'Plan de intervención familiar',
    subtitle: 'Hogar beneficiario: acompañamiento hacia la graduación',
    reference: { label: 'Referencia', value: plan.reference },
    dates: [
      { label: 'Fecha de apertura', value: when(plan.openedAt, tz) },
      ...(plan.closedAt ? [{ label: 'Fecha de cierre', value: when(plan.closedAt, tz) }] : []),
      { label: 'Fecha de emisión', value: when(issuedAt, tz) },
    ],
    blocks,
    footer: `Ventanilla Única · ${canton.name}`,
    issuedAt,
    author: `Ventanilla Única de Servicios Ciudadanos — ${canton.name}`,
  };
}
