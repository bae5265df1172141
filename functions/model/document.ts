/**
 * A printable document described as data: what a social report, an intervention plan or any other record that
 * leaves the platform on paper holds, in reading order, without saying how it is drawn. Use cases build one from
 * their records (texts already in the reader's language, dates already formatted in the canton's time zone) and
 * the PDF adapter (functions/adapters/pdf/) draws it; a test can check the description without opening a PDF.
 */

/** How a status is drawn: pending in red, done in green (as GSL's plan summary does), anything else in grey. */
export type StatusTone = 'pending' | 'done' | 'neutral';

/** A cell that shows a status: its label in the tone's colour, after a dot of the same colour. */
export interface StatusCell {
  readonly status: string;
  readonly tone: StatusTone;
}

export type TableCell = string | StatusCell;

export interface LabelledValue {
  readonly label: string;
  readonly value: string;
}

export type DocumentBlock =
  /** A section title. */
  | { readonly kind: 'heading'; readonly text: string }
  /** Running text; a line break starts a new paragraph. */
  | { readonly kind: 'paragraph'; readonly text: string }
  /** Label–value rows, such as a household's data or a report's purpose. */
  | { readonly kind: 'fields'; readonly rows: readonly LabelledValue[] }
  /**
   * A table: each column's title and its share of the width (the shares are scaled to the page), and rows with one
   * cell per column. A row never splits across pages; the header row repeats on a new page.
   */
  | {
      readonly kind: 'table';
      readonly columns: readonly { readonly title: string; readonly width: number }[];
      readonly rows: readonly { readonly cells: readonly TableCell[] }[];
      /** Shown instead of the rows when there are none. */
      readonly empty?: string;
    };

/** Who signs or approves, and whether they have: a signed box shows when and, if given, the content's hash. */
export interface SignatureBox {
  /** What the box stands for: "Elaborado por", "Aprobado por". */
  readonly title: string;
  readonly state: 'signed' | 'pending' | 'not-required';
  /** The state as the reader reads it: "Firmado", "Pendiente", "No requerida". */
  readonly stateLabel: string;
  readonly name?: string;
  /** The signer's role, as the reader reads it. */
  readonly role?: string;
  readonly date?: string;
  /** Small print under the box, e.g. "SHA-256: 9f2c…" (long unbroken strings wrap). */
  readonly detail?: string;
}

export interface PrintableDocument {
  /** The document's language (its metadata, and the renderer's own words such as "Página 1 de 2"). */
  readonly language: 'es' | 'en';
  /** Header lines of the issuing authority, top first: country, ministry, canton and office. */
  readonly issuer: {
    readonly country?: string;
    readonly ministry: string;
    readonly canton: string;
    readonly office?: string;
  };
  readonly title: string;
  readonly subtitle?: string;
  /** The document's reference number, on every page. */
  readonly reference: LabelledValue;
  /** Dates shown under the title (issued, signed, approved…), already formatted. */
  readonly dates: readonly LabelledValue[];
  readonly blocks: readonly DocumentBlock[];
  /** Signature and approval boxes, after the blocks; two to a row. */
  readonly signatures?: readonly SignatureBox[];
  /** A line at the foot of every page, e.g. where the document was issued. */
  readonly footer?: string;
  /** When the document was issued (ISO 8601): its PDF creation date, so the same record renders the same bytes. */
  readonly issuedAt: string;
  /** The PDF's author metadata (the issuing office). */
  readonly author?: string;
}
