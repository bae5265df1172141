import type { OrganizationInputType, ServiceInputType } from '../catalogue-input.js';
import { isRecord, recordsIn } from './json.js';
import { escapeToken } from './pointers.js';
import { isStorableNumber, UNSTORABLE_NUMBER } from '#kernel/storable-number.js';
import { type PointedProblem, text } from './problems.js';
import { HSDS_MAX_RECORD_BYTES } from './schema.js';
import { isSwcsAttribute } from './terms.js';

/**
 * Fields kept as received: everything SWCS does not model (alternate names, legal and tax status, funding, phone
 * types and extensions, languages, …) stays on the record as `hsds` and is exported again (see received.ts).
 * The same pass checks what DynamoDB could refuse.
 */

/** What a document held that SWCS keeps without modelling it: each field by its HSDS object and name, counted. */
export interface KeptField {
  /** `<HSDS object>.<field>`, e.g. `phone.extension`, `location.transportation`, `organization.funding`. */
  readonly field: string;
  readonly count: number;
}

/** The HSDS object that each nesting key holds, to name kept fields the way the HSDS reference does. */
const OBJECT_OF: Readonly<Record<string, string>> = {
  organizations: 'organization',
  organization: 'organization',
  services: 'service',
  service: 'service',
  locations: 'location',
  location: 'location',
  contacts: 'contact',
  phones: 'phone',
  addresses: 'address',
  schedules: 'schedule',
  languages: 'language',
  funding: 'funding',
  programs: 'program',
  program: 'program',
  organization_identifiers: 'organization_identifier',
  service_areas: 'service_area',
  cost_options: 'cost_option',
  accessibility: 'accessibility',
  attributes: 'attribute',
  taxonomy_term: 'taxonomy_term',
  taxonomy_detail: 'taxonomy',
  metadata: 'metadata',
  capacities: 'service_capacity',
  unit: 'unit',
  service_at_locations: 'service_at_location',
  required_documents: 'required_document',
  additional_websites: 'url',
  additional_urls: 'url',
};

/** The HSDS fields the import reads into SWCS's model (see the Importer); every other field is kept as received. */
const MODELLED: ReadonlySet<string> = new Set([
  ...['id', 'name', 'description', 'email', 'website'].map((f) => `organization.${f}`),
  'phone.number',
  ...['id', 'name', 'title', 'department', 'email'].map((f) => `contact.${f}`),
  ...['id', 'location_type', 'name', 'latitude', 'longitude'].map((f) => `location.${f}`),
  ...['address_1', 'address_2', 'city', 'state_province', 'postal_code', 'country', 'address_type'].map(
    (f) => `address.${f}`,
  ),
  ...['id', 'organization_id', 'name', 'description', 'status', 'eligibility_description'].map(
    (f) => `service.${f}`,
  ),
  ...['freq', 'interval', 'byday', 'opens_at', 'closes_at', 'notes'].map((f) => `schedule.${f}`),
  'service_at_location.location_id',
  'required_document.document',
  'service_capacity.available',
  'service_capacity.maximum',
  // Ids of the parts SWCS writes itself, and the capacity's date and unit: an export derives them again.
  ...['phone', 'address', 'schedule', 'service_at_location', 'required_document', 'service_capacity'].map(
    (o) => `${o}.id`,
  ),
  'service_capacity.updated',
  ...['id', 'name', 'scheme', 'identifier'].map((f) => `unit.${f}`),
]);

/**
 * One pass over an HSDS object: counts the fields SWCS keeps without modelling (SWCS's own attributes are
 * modelled; `services` are walked as records of their own) and reports numbers DynamoDB cannot store.
 */
function walkKept(
  value: unknown,
  object: string,
  pointer: string,
  kept: Map<string, number>,
  problems: PointedProblem[],
): number {
  let count = 0;
  const numbers = (item: unknown, at: string): void => {
    if (typeof item === 'number' && !isStorableNumber(item))
      problems.push({ pointer: at, problem: UNSTORABLE_NUMBER });
    else if (Array.isArray(item)) item.forEach((v, i) => numbers(v, `${at}/${i}`));
    else if (isRecord(item)) for (const [k, v] of Object.entries(item)) numbers(v, `${at}/${escapeToken(k)}`);
  };
  const leaf = (field: string, item: unknown, at: string) => {
    numbers(item, at);
    const name = `${object}.${field}`;
    if (MODELLED.has(name)) return;
    kept.set(name, (kept.get(name) ?? 0) + 1);
    count++;
  };
  if (!isRecord(value)) return 0;
  for (const [field, item] of Object.entries(value)) {
    const at = `${pointer}/${escapeToken(field)}`;
    if (field === 'services' && (object === 'organization' || object === 'program')) continue;
    const child = OBJECT_OF[field];
    const items = Array.isArray(item) ? item : [item];
    const nested = child !== undefined && items.length > 0 && items.every(isRecord);
    if (!nested) {
      leaf(field, item, at);
      continue;
    }
    items.forEach((entry, i) => {
      if (field === 'attributes' && isSwcsAttribute(entry)) return;
      const entryAt = Array.isArray(item) ? `${at}/${i}` : at;
      count += walkKept(entry, child, entryAt, kept, problems);
    });
  }
  return count;
}

/**
 * What DynamoDB could refuse, found before anything is written: numbers out of its range anywhere in the
 * document, and records too big for an item. Also gives each record what it keeps as received (`hsds`) and
 * counts the kept fields. Records are matched to their place by order: the Importer keeps document order.
 */
export function storageProblems(
  document: unknown,
  importer: {
    readonly organizations: readonly OrganizationInputType[];
    readonly services: readonly ServiceInputType[];
  },
  attach: boolean,
): { problems: PointedProblem[]; kept: KeptField[] } {
  const problems: PointedProblem[] = [];
  const kept = new Map<string, number>();
  const orgs = isRecord(document) && Array.isArray(document.organizations) ? document.organizations : [];
  let o = 0;
  let sv = 0;
  orgs.forEach((org, i) => {
    if (!isRecord(org)) return;
    const at = `/organizations/${i}`;
    const { services, ...own } = org;
    const keptHere = walkKept(own, 'organization', at, kept, problems);
    keep(attach ? importer.organizations[o++] : undefined, own, keptHere, at, problems);
    (Array.isArray(services) ? services : []).forEach((service, j) => {
      if (!isRecord(service)) return;
      const serviceAt = `${at}/services/${j}`;
      const keptInService = walkKept(service, 'service', serviceAt, kept, problems);
      keep(attach ? importer.services[sv++] : undefined, service, keptInService, serviceAt, problems);
    });
  });
  return {
    problems,
    kept: [...kept]
      .map(([field, count]) => ({ field, count }))
      .sort((a, b) => a.field.localeCompare(b.field)),
  };
}

/** Gives a record what it keeps as received, and checks that it fits in an item. */
function keep(
  record: OrganizationInputType | ServiceInputType | undefined,
  received: Record<string, unknown>,
  kept: number,
  at: string,
  problems: PointedProblem[],
): void {
  if (!record) return;
  // SWCS's own terms are modelled, and written afresh by every export.
  if (kept > 0) record.hsds = withoutSwcsAttributes(received);
  checkSize(record, at, problems);
}

function withoutSwcsAttributes(record: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(record.attributes)) return record;
  return { ...record, attributes: recordsIn(record.attributes).filter((a) => !isSwcsAttribute(a)) };
}

function checkSize(record: object, at: string, problems: PointedProblem[]): void {
  const bytes = Buffer.byteLength(JSON.stringify(record), 'utf8');
  if (bytes <= HSDS_MAX_RECORD_BYTES) return;
  const kb = Math.ceil(bytes / 1024);
  problems.push({
    pointer: at,
    problem: text(
      `el registro ocupa ${kb} KB; SWCS guarda registros de hasta ${HSDS_MAX_RECORD_BYTES / 1024} KB`,
      `the record takes ${kb} KB; SWCS stores records of up to ${HSDS_MAX_RECORD_BYTES / 1024} KB`,
    ),
  });
}
