import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts, type RGB } from 'pdf-lib';
import type {
  DocumentBlock,
  LabelledValue,
  PrintableDocument,
  SignatureBox,
  StatusTone,
  TableCell,
} from '#model/document.js';

/**
 * Draws a PrintableDocument (#model/document.js) as an A4 PDF with pdf-lib (docs/decisions/pdf.md says why that
 * library). The standard Helvetica and Courier fonts are used, not embedded font files: they need no data file in
 * the bundle, every PDF reader has them, and their WinAnsi encoding holds all of Spanish (á é í ó ú ü ñ Ñ ¿ ¡ º ª).
 * A character outside it is drawn without its accent where it has one, else as "?", never an error.
 *
 * The output depends on the description alone (its creation date is `issuedAt`), so one record renders the same
 * bytes each time.
 */
export async function renderPdf(document: PrintableDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
    mono: await pdf.embedFont(StandardFonts.Courier),
  };
  const issuedAt = new Date(document.issuedAt);
  pdf.setTitle(clean(`${document.title} ${document.reference.value}`, fonts.regular));
  pdf.setSubject(clean(document.title, fonts.regular));
  pdf.setAuthor(clean(document.author ?? document.issuer.ministry, fonts.regular));
  pdf.setLanguage(document.language === 'es' ? 'es-EC' : 'en');
  pdf.setCreator('SWCS');
  pdf.setProducer('SWCS (pdf-lib)');
  pdf.setCreationDate(issuedAt);
  pdf.setModificationDate(issuedAt);

  const writer = new Writer(pdf, fonts, document);
  writer.firstHeader();
  for (const block of document.blocks) writer.block(block);
  if (document.signatures?.length) writer.signatures(document.signatures);
  writer.footers();
  return pdf.save({ updateFieldAppearances: false });
}

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
  readonly mono: PDFFont;
}

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN = { left: 56, right: 56, top: 56, bottom: 64 } as const;
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const COLOURS = {
  text: rgb(0.1, 0.1, 0.12),
  muted: rgb(0.38, 0.38, 0.42),
  rule: rgb(0.75, 0.77, 0.8),
  brand: rgb(0.05, 0.23, 0.45),
  headerFill: rgb(0.91, 0.93, 0.96),
  pending: rgb(0.72, 0.11, 0.11),
  done: rgb(0.11, 0.48, 0.18),
  neutral: rgb(0.42, 0.42, 0.45),
} as const;

const TONE_COLOURS: Readonly<Record<StatusTone, RGB>> = {
  pending: COLOURS.pending,
  done: COLOURS.done,
  neutral: COLOURS.neutral,
};

const SIGNATURE_COLOURS: Readonly<Record<SignatureBox['state'], RGB>> = {
  signed: COLOURS.done,
  pending: COLOURS.pending,
  'not-required': COLOURS.neutral,
};

const PAGE_OF = { es: 'Página {n} de {m}', en: 'Page {n} of {m}' } as const;

const BODY = { size: 10, leading: 13.5 } as const;
const CELL_PADDING = 4;

/** One line of text to draw: its words already fitted to the width. */
interface Line {
  readonly text: string;
  readonly font: PDFFont;
  readonly size: number;
  readonly colour: RGB;
}

class Writer {
  private page!: PDFPage;
  private y = 0;
  private readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
    private readonly document: PrintableDocument,
  ) {
    this.newPage();
  }

  /** The issuer's lines, a rule, the title, the reference and the dates: on the first page only. */
  firstHeader(): void {
    const { issuer } = this.document;
    if (issuer.country) this.line(issuer.country.toUpperCase(), this.fonts.bold, 8, COLOURS.muted);
    this.line(issuer.ministry, this.fonts.bold, 11, COLOURS.brand);
    this.line(issuer.canton, this.fonts.regular, 10, COLOURS.text);
    if (issuer.office) this.line(issuer.office, this.fonts.regular, 9, COLOURS.muted);
    this.y -= 6;
    this.rule(COLOURS.brand, 1.5);
    this.y -= 18;
    for (const line of this.wrap(this.document.title, this.fonts.bold, 16, CONTENT_WIDTH)) {
      this.draw(line.text, MARGIN.left, this.fonts.bold, 16, COLOURS.text);
      this.y -= 20;
    }
    if (this.document.subtitle) {
      for (const line of this.wrap(this.document.subtitle, this.fonts.regular, 11, CONTENT_WIDTH)) {
        this.draw(line.text, MARGIN.left, this.fonts.regular, 11, COLOURS.muted);
        this.y -= 15;
      }
    }
    this.y -= 4;
    this.fields([this.document.reference, ...this.document.dates]);
    this.y -= 4;
  }

  block(block: DocumentBlock): void {
    switch (block.kind) {
      case 'heading':
        return this.heading(block.text);
      case 'paragraph':
        return this.paragraph(block.text);
      case 'fields':
        return this.fields(block.rows);
      case 'table':
        return this.table(block.columns, block.rows, block.empty);
    }
  }

  private heading(text: string): void {
    const lines = this.wrap(text, this.fonts.bold, 12, CONTENT_WIDTH);
    // A heading keeps its first line of content with it.
    this.ensure(14 + lines.length * 16 + 8 + BODY.leading * 2);
    this.y -= 14;
    for (const line of lines) {
      this.draw(line.text, MARGIN.left, this.fonts.bold, 12, COLOURS.brand);
      this.y -= 16;
    }
    this.y -= 1;
    this.rule(COLOURS.rule, 0.6);
    this.y -= 10;
  }

  private paragraph(text: string): void {
    for (const part of text.split(/\r?\n/)) {
      if (part.trim() === '') {
        this.y -= BODY.leading / 2;
        continue;
      }
      for (const line of this.wrap(part, this.fonts.regular, BODY.size, CONTENT_WIDTH)) {
        this.ensure(BODY.leading);
        this.draw(line.text, MARGIN.left, this.fonts.regular, BODY.size, COLOURS.text);
        this.y -= BODY.leading;
      }
      this.y -= 3;
    }
  }

  /** Label on the left third, value on the rest; a row never splits across pages. */
  private fields(rows: readonly LabelledValue[]): void {
    const labelWidth = CONTENT_WIDTH * 0.34;
    const valueWidth = CONTENT_WIDTH - labelWidth - 8;
    for (const row of rows) {
      const labels = this.wrap(row.label, this.fonts.bold, 9, labelWidth);
      const values = this.wrap(row.value || '—', this.fonts.regular, BODY.size, valueWidth);
      const height = Math.max(labels.length * 12, values.length * BODY.leading) + 3;
      this.ensure(height);
      labels.forEach((l, i) =>
        this.draw(l.text, MARGIN.left, this.fonts.bold, 9, COLOURS.muted, this.y - 9 - i * 12),
      );
      values.forEach((l, i) =>
        this.draw(
          l.text,
          MARGIN.left + labelWidth + 8,
          this.fonts.regular,
          BODY.size,
          COLOURS.text,
          this.y - BODY.size - i * BODY.leading,
        ),
      );
      this.y -= height;
    }
  }

  private table(
    columns: readonly { readonly title: string; readonly width: number }[],
    rows: readonly { readonly cells: readonly TableCell[] }[],
    empty: string | undefined,
  ): void {
    const total = columns.reduce((sum, c) => sum + Math.max(c.width, 0), 0) || 1;
    const widths = columns.map((c) => (CONTENT_WIDTH * Math.max(c.width, 0)) / total);
    const size = 9;
    const leading = 11.5;
    const headerLines = columns.map((c, i) =>
      this.wrap(c.title, this.fonts.bold, size, (widths[i] ?? 0) - 2 * CELL_PADDING),
    );
    const headerHeight = Math.max(1, ...headerLines.map((l) => l.length)) * leading + 2 * CELL_PADDING;
    const drawHeader = () => {
      this.page.drawRectangle({
        x: MARGIN.left,
        y: this.y - headerHeight,
        width: CONTENT_WIDTH,
        height: headerHeight,
        color: COLOURS.headerFill,
      });
      let x = MARGIN.left;
      headerLines.forEach((lines, i) => {
        lines.forEach((l, j) =>
          this.draw(
            l.text,
            x + CELL_PADDING,
            this.fonts.bold,
            size,
            COLOURS.text,
            this.y - CELL_PADDING - size + 1 - j * leading,
          ),
        );
        x += widths[i] ?? 0;
      });
      this.y -= headerHeight;
    };

    const cellLines = (cell: TableCell | undefined, width: number): Line[] => {
      if (cell === undefined) return [];
      if (typeof cell === 'string') return this.wrap(cell, this.fonts.regular, size, width);
      // A status: a dot then its label, both in the tone's colour.
      return this.wrap(cell.status, this.fonts.bold, size, width - 10).map((l) => ({
        ...l,
        colour: TONE_COLOURS[cell.tone],
      }));
    };

    this.ensure(headerHeight + leading + 2 * CELL_PADDING);
    this.y -= 4;
    drawHeader();
    if (rows.length === 0) {
      const lines = this.wrap(empty ?? '—', this.fonts.italic, size, CONTENT_WIDTH - 2 * CELL_PADDING);
      lines.forEach((l) => {
        this.y -= leading;
        this.draw(l.text, MARGIN.left + CELL_PADDING, this.fonts.italic, size, COLOURS.muted, this.y + 2);
      });
      this.y -= CELL_PADDING;
      this.rule(COLOURS.rule, 0.6);
      this.y -= 10;
      return;
    }
    for (const row of rows) {
      const lines = columns.map((_, i) => cellLines(row.cells[i], (widths[i] ?? 0) - 2 * CELL_PADDING));
      const height = Math.max(1, ...lines.map((l) => l.length)) * leading + 2 * CELL_PADDING;
      if (this.y - height < MARGIN.bottom) {
        this.newPage();
        drawHeader();
      }
      let x = MARGIN.left;
      lines.forEach((cell, i) => {
        const status = row.cells[i];
        const isStatus = typeof status === 'object';
        if (isStatus) {
          this.page.drawCircle({
            x: x + CELL_PADDING + 3,
            y: this.y - CELL_PADDING - size / 2 + 0.5,
            size: 3,
            color: TONE_COLOURS[status.tone],
          });
        }
        cell.forEach((l, j) =>
          this.draw(
            l.text,
            x + CELL_PADDING + (isStatus ? 10 : 0),
            l.font,
            size,
            l.colour,
            this.y - CELL_PADDING - size + 1 - j * leading,
          ),
        );
        x += widths[i] ?? 0;
      });
      this.y -= height;
      this.rule(COLOURS.rule, 0.4);
    }
    this.y -= 10;
  }

  /** Boxes two to a row, each kept whole on one page. */
  signatures(boxes: readonly SignatureBox[]): void {
    const gap = 16;
    const width = (CONTENT_WIDTH - gap) / 2;
    const inner = width - 16;
    this.y -= 10;
    for (let i = 0; i < boxes.length; i += 2) {
      const pair = boxes.slice(i, i + 2).map((box) => ({ box, lines: this.signatureLines(box, inner) }));
      const height = Math.max(...pair.map((p) => p.lines.reduce((h, l) => h + l.size + 4, 0))) + 16;
      this.ensure(height + 8);
      pair.forEach(({ box, lines }, j) => {
        const x = MARGIN.left + j * (width + gap);
        this.page.drawRectangle({
          x,
          y: this.y - height,
          width,
          height,
          borderColor: SIGNATURE_COLOURS[box.state],
          borderWidth: 1,
        });
        let y = this.y - 8;
        for (const line of lines) {
          y -= line.size;
          this.draw(line.text, x + 8, line.font, line.size, line.colour, y);
          y -= 4;
        }
      });
      this.y -= height + 12;
    }
  }

  private signatureLines(box: SignatureBox, width: number): Line[] {
    const { bold, regular, mono } = this.fonts;
    return [
      ...this.wrap(box.title, bold, 9, width).map((l) => ({ ...l, colour: COLOURS.muted })),
      ...this.wrap(box.stateLabel, bold, 10, width).map((l) => ({
        ...l,
        colour: SIGNATURE_COLOURS[box.state],
      })),
      ...(box.name ? this.wrap(box.name, regular, 10, width) : []),
      ...(box.role
        ? this.wrap(box.role, regular, 9, width).map((l) => ({ ...l, colour: COLOURS.muted }))
        : []),
      ...(box.date ? this.wrap(box.date, regular, 9, width) : []),
      ...(box.detail
        ? this.wrap(box.detail, mono, 7, width).map((l) => ({ ...l, colour: COLOURS.muted }))
        : []),
    ];
  }

  /** Page numbers and the footer line on every page, once the number of pages is known. */
  footers(): void {
    const total = this.pages.length;
    this.pages.forEach((page, i) => {
      const y = MARGIN.bottom - 28;
      page.drawLine({
        start: { x: MARGIN.left, y: y + 12 },
        end: { x: PAGE.width - MARGIN.right, y: y + 12 },
        thickness: 0.5,
        color: COLOURS.rule,
      });
      const number = clean(
        PAGE_OF[this.document.language].replace('{n}', String(i + 1)).replace('{m}', String(total)),
        this.fonts.regular,
      );
      const numberWidth = this.fonts.regular.widthOfTextAtSize(number, 8);
      page.drawText(number, {
        x: PAGE.width - MARGIN.right - numberWidth,
        y,
        size: 8,
        font: this.fonts.regular,
        color: COLOURS.muted,
      });
      const left = `${this.document.reference.label}: ${this.document.reference.value}${
        this.document.footer ? ` · ${this.document.footer}` : ''
      }`;
      const [first] = this.wrap(left, this.fonts.regular, 8, CONTENT_WIDTH - numberWidth - 16);
      if (first) {
        page.drawText(first.text, {
          x: MARGIN.left,
          y,
          size: 8,
          font: this.fonts.regular,
          color: COLOURS.muted,
        });
      }
    });
  }

  private newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN.top;
    if (this.pages.length > 1) {
      // A running header on later pages: who issued it, and the title.
      const running = `${this.document.issuer.ministry} · ${this.document.title}`;
      const [first] = this.wrap(running, this.fonts.regular, 8, CONTENT_WIDTH);
      if (first) this.draw(first.text, MARGIN.left, this.fonts.regular, 8, COLOURS.muted);
      this.y -= 13;
      this.rule(COLOURS.rule, 0.6);
      this.y -= 16;
    }
  }

  /** Starts a new page unless `height` more points fit on this one. */
  private ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  private line(text: string, font: PDFFont, size: number, colour: RGB): void {
    for (const l of this.wrap(text, font, size, CONTENT_WIDTH)) {
      this.y -= size;
      this.draw(l.text, MARGIN.left, font, size, colour, this.y);
      this.y -= 3;
    }
  }

  private rule(colour: RGB, thickness: number): void {
    this.page.drawLine({
      start: { x: MARGIN.left, y: this.y },
      end: { x: PAGE.width - MARGIN.right, y: this.y },
      thickness,
      color: colour,
    });
  }

  /** Draws text whose baseline is `y` (by default the cursor's line: its top is the cursor). */
  private draw(text: string, x: number, font: PDFFont, size: number, colour: RGB, y?: number): void {
    if (text === '') return;
    this.page.drawText(text, {
      x,
      y: (y ?? this.y) - (y === undefined ? size : 0),
      size,
      font,
      color: colour,
    });
  }

  /** Splits text into lines that fit `width`, word by word; a word longer than a line breaks where it must. */
  private wrap(text: string, font: PDFFont, size: number, width: number): Line[] {
    const words = clean(text, font)
      .split(' ')
      .filter((w) => w !== '');
    const lines: string[] = [];
    let current = '';
    const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
    for (const word of words) {
      const candidate = current ? `${current} ${word}` : word;
      if (fits(candidate)) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = '';
      let rest = word;
      while (!fits(rest) && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      current = rest;
    }
    if (current) lines.push(current);
    return lines.map((l) => ({ text: l, font, size, colour: COLOURS.text }));
  }
}

const supported = new WeakMap<PDFFont, Set<number>>();

/**
 * The text as the font can draw it: composed (NFC), tabs and other spaces as plain spaces, control characters
 * dropped, and a character outside the font's encoding replaced by its letter without accents, or by "?".
 */
function clean(text: string, font: PDFFont): string {
  let set = supported.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    supported.set(font, set);
  }
  const chars = set;
  let out = '';
  for (const char of text.normalize('NFC').replace(/[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    if (chars.has(code)) {
      out += char;
      continue;
    }
    const bare = char.normalize('NFD').replace(/\p{M}/gu, '');
    out += [...bare].every((c) => chars.has(c.codePointAt(0) ?? 0)) && bare !== '' ? bare : '?';
  }
  return out;
}
