import type { OrganizationInputType, ServiceInputType } from '../catalogue-input.js';
import { isRecord } from './json.js';
import { type KeptField, storageProblems } from './kept.js';
import { Importer } from './mapping.js';
import { DEFAULT_TIME_ZONE } from './normalise.js';
import { utcOffsetMinutes } from '#kernel/time-zone.js';
import { comparePointers, withinAny } from './pointers.js';
import { type PointedProblem, text } from './problems.js';
import { HSDS_MAX_RECORDS, hsdsProblems, readLoosely } from './schema.js';
import { type HsdsShape, type HsdsShaped, shapeOf } from './shapes.js';

/**
 * Import reads any HSDS document of the shapes publishers send (shapes.ts). Without SWCS attributes it derives
 * what it can (see `importHsds`) and reports, with JSON pointers into the document, what SWCS needs and HSDS did
 * not carry.
 */

export interface ImportOptions {
  /** The zone that opening times are converted to when the document gives them with an offset. */
  readonly timeZone?: string;
}

/** At most this many problems are listed; the last entry says how many more there were. */
export const MAX_REPORTED_PROBLEMS = 200;

export type ImportResult =
  | {
      ok: true;
      shape: HsdsShape;
      organizations: OrganizationInputType[];
      services: ServiceInputType[];
      kept: KeptField[];
    }
  | { ok: false; errors: PointedProblem[] };

/**
 * An HSDS document as our catalogue, all or nothing: its shape recognised (shapeOf), its size checked, checked
 * against HSDS (schema.ts), mapped, then checked against OrganizationInput and ServiceInput and against
 * what DynamoDB can store, every problem reported with a JSON pointer into the document as it was sent. Each
 * step is one pass over the document, so the time taken grows with its size and nothing else.
 *
 * For documents SWCS did not write (no SWCS attributes): ids are the publisher's HSDS ids; the sector is read
 * from a `legal_status` that names one (público, privado, ONG, iglesia, …) else taken as non-profit; locations
 * are provider sites, postal and virtual ones are kept as received but not modelled; a contact officer's user id
 * is their e-mail and their channel e-mail; Ecuadorian national phone numbers get +593; a capacity without
 * `maximum` has as many spots as `available`; times with an offset are converted to the canton's zone.
 * Categories cannot be guessed: a service without `swcs:serves:` terms is an error at the service's pointer.
 * Services come back grouped by organization, in document order. Everything SWCS does not model (alternate names,
 * legal and tax status, funding, phone types, languages, …) is kept as received on the record (`hsds`), exported
 * again, and counted in `kept`.
 *
 * For any document: a contact under a service whose id is one of the organization's contacts is a reference to
 * it; an empty organization description or postal code means none; `swcs:level:` terms are accepted and not
 * kept, since the level follows from the catalogue the document is imported into.
 */
export function importHsds(received: unknown, options: ImportOptions = {}): ImportResult {
  const shaped = shapeOf(received);
  const fail = (errors: PointedProblem[]): ImportResult => ({ ok: false, errors: reported(errors, shaped) });
  if (shaped.problems.length > 0) return fail([...shaped.problems]);
  const document = shaped.document;
  const tooMany = recordLimitProblem(document);
  if (tooMany) return fail([tooMany]);

  const hsds = hsdsProblems(document);
  const localOffset = utcOffsetMinutes(options.timeZone ?? DEFAULT_TIME_ZONE, new Date());
  const loose = readLoosely(document)?.organizations ?? [];
  const importer = new Importer(loose, localOffset);
  importer.run();
  // What HSDS already rejected was read as absent; SWCS's view of it would only say the same again.
  const rejected = new Set(hsds.map((h) => h.pointer));
  const more = importer.problems.filter((p) => !withinAny(p.pointer, rejected));
  const storage = storageProblems(document, importer, hsds.length + more.length === 0);
  if (hsds.length + more.length + storage.problems.length > 0) {
    return fail([...hsds, ...more, ...storage.problems]);
  }
  return {
    ok: true,
    shape: shaped.shape,
    organizations: importer.organizations,
    services: importer.services,
    kept: storage.kept,
  };
}

function recordLimitProblem(document: unknown): PointedProblem | undefined {
  if (!isRecord(document) || !Array.isArray(document.organizations)) return undefined;
  let records = document.organizations.length;
  for (const org of document.organizations) {
    if (isRecord(org) && Array.isArray(org.services)) records += org.services.length;
  }
  if (records <= HSDS_MAX_RECORDS) return undefined;
  return {
    pointer: '/organizations',
    problem: text(
      `el documento tiene ${records} registros (organizaciones y servicios); el máximo por importación es ${HSDS_MAX_RECORDS}: divídalo`,
      `the document has ${records} records (organizations and services); an import takes at most ${HSDS_MAX_RECORDS}: split it`,
    ),
  };
}

/**
 * Problems as the caller reads them: pointers into the document as sent, once each, in document order, at most
 * MAX_REPORTED_PROBLEMS of them.
 */
function reported(errors: readonly PointedProblem[], shaped: HsdsShaped): PointedProblem[] {
  // Two model fields can come from one HSDS field (an officer's e-mail is also their user id): say it once.
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const key = JSON.stringify([e.pointer, e.problem.en]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sorted = unique
    .sort((a, b) => comparePointers(a.pointer, b.pointer))
    .map((e) => ({ pointer: shaped.pointer(e.pointer), problem: e.problem }));
  if (sorted.length <= MAX_REPORTED_PROBLEMS) return sorted;
  const more = sorted.length - MAX_REPORTED_PROBLEMS;
  return [
    ...sorted.slice(0, MAX_REPORTED_PROBLEMS),
    {
      pointer: '',
      problem: text(
        `y ${more} problemas más; corrija estos y vuelva a enviar el documento`,
        `and ${more} more problems; fix these and send the document again`,
      ),
    },
  ];
}
