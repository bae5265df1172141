import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderPdf } from '#adapters/pdf/render.js';
import type { PrintableDocument } from '#model/document.js';
import { EXAMPLE_PLAN_DOCUMENT } from '../support/printable-documents.js';

/** The text a reader's PDF library reads back, pages joined, runs of spaces as one. */
async function textOf(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const { totalPages, text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}

describe('renderPdf', () => {
  it('draws every block of the description, in Spanish with its accents and ñ', async () => {
    const bytes = await renderPdf(EXAMPLE_PLAN_DOCUMENT);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const { pages, text } = await textOf(bytes);
    expect(pages).toBe(1);
    for (const expected of [
      'REPÚBLICA DEL ECUADOR',
      'Ministerio de Inclusión Económica y Social',
      'Distrito Metropolitano de Quito',
      'Plan de intervención familiar',
      'PLN-UIO-2026-000123',
      'Fecha de emisión',
      'Rosa Guamán Ñacato',
      'próximos tres meses',
      '¿Dudas?',
      '¡la atención es gratuita!',
      'N.º',
      'Visita domiciliaria',
      'Niñez y Adolescencia',
      'Realizado',
      'Pendiente',
      'Elaborado por',
      'María José Cañar',
      'Pendiente de aprobación',
      'Página 1 de 1',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('keeps the document metadata (title, language, creation date) from the description', async () => {
    const bytes = await renderPdf(EXAMPLE_PLAN_DOCUMENT);
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe('Plan de intervención familiar PLN-UIO-2026-000123');
    expect(info.Language).toBe('es-EC');
    expect(String(info.CreationDate)).toMatch(/^D:20261201210500/);
  });

  it('renders the same bytes for the same description', async () => {
    const first = await renderPdf(EXAMPLE_PLAN_DOCUMENT);
    const second = await renderPdf(EXAMPLE_PLAN_DOCUMENT);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('draws pending statuses in red and done ones in green', async () => {
    const bytes = await renderPdf(EXAMPLE_PLAN_DOCUMENT);
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const page = await pdf.getPage(1);
    const { fnArray, argsArray } = await page.getOperatorList();
    const { OPS } = await import('unpdf/pdfjs').then((m) => m as unknown as { OPS: Record<string, number> });
    // The fill colour in force when each text run is shown.
    const colours = new Map<string, string>();
    let fill = '';
    let texts: string[] = [];
    fnArray.forEach((fn, i) => {
      const args = argsArray[i] as unknown[];
      if (fn === OPS.setFillRGBColor) fill = String(args[0]);
      if (fn === OPS.showText) {
        const glyphs = args[0] as { unicode?: string }[];
        const run = glyphs.map((g) => g.unicode ?? '').join('');
        texts = [...texts, run];
        if (!colours.has(run)) colours.set(run, fill);
      }
    });
    expect(colours.get('Pendiente')).toBe(colours.get('Pendiente de aprobación'));
    expect(colours.get('Pendiente')).not.toBe(colours.get('Realizado'));
    expect(colours.get('Realizado')).toBe(colours.get('Firmado'));
    // pdf.js hands colours over as CSS hex: red for pending, green for done.
    const [pr, pg] = hex(colours.get('Pendiente'));
    const [dr, dg] = hex(colours.get('Realizado'));
    expect(pr).toBeGreaterThan(pg * 3);
    expect(dg).toBeGreaterThan(dr * 3);
  });

  it('flows a long document over pages, repeating the table header and numbering every page', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => ({
      cells: [
        String(i + 1),
        `Acción número ${i + 1} del año`,
        { status: 'Pendiente', tone: 'pending' as const },
      ],
    }));
    const long: PrintableDocument = {
      ...EXAMPLE_PLAN_DOCUMENT,
      blocks: [
        { kind: 'paragraph', text: 'Párrafo de introducción. '.repeat(40) },
        {
          kind: 'table',
          columns: [
            { title: 'N.º', width: 1 },
            { title: 'Acción', width: 5 },
            { title: 'Estado', width: 2 },
          ],
          rows,
        },
      ],
    };
    const { pages, text } = await textOf(await renderPdf(long));
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Página ${pages} de ${pages}`);
    expect(text).toContain('Acción número 80 del año');
    // The header row is drawn again on each page the table reaches.
    expect(text.split('Estado').length - 1).toBeGreaterThanOrEqual(pages);
  });

  it('draws characters outside the fonts without their accent or as "?", and wraps unbroken strings', async () => {
    const bytes = await renderPdf({
      ...EXAMPLE_PLAN_DOCUMENT,
      blocks: [
        { kind: 'paragraph', text: 'Ciudad: Kraków — Łódź, símbolo ≥ y emoji 🙂\tfin' },
        { kind: 'fields', rows: [{ label: 'Huella', value: 'a'.repeat(300) }] },
        { kind: 'table', columns: [{ title: 'Sin filas', width: 1 }], rows: [], empty: 'Ninguna acción' },
      ],
      signatures: [],
    });
    const { text } = await textOf(bytes);
    expect(text).toContain('Kraków — ?ódz, símbolo ? y emoji ? fin');
    expect(text.replace(/ /g, '')).toContain('a'.repeat(300));
    expect(text).toContain('Ninguna acción');
  });

  it('writes its own words in English for an English document', async () => {
    const { text } = await textOf(await renderPdf({ ...EXAMPLE_PLAN_DOCUMENT, language: 'en' }));
    expect(text).toContain('Page 1 of 1');
  });
});

function hex(colour: string | undefined): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour ?? '');
  if (!m) throw new Error(`not a colour: ${colour}`);
  return [parseInt(m[1] as string, 16), parseInt(m[2] as string, 16), parseInt(m[3] as string, 16)];
}
