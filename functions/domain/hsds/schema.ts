import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { UUID_PATTERN } from './ids.js';
import { isRecord } from './json.js';
import { toPointer } from './pointers.js';
import { describeIssue, type PointedProblem } from './problems.js';

/**
 * The Open Referral HSDS structures the catalogue exchanges, written from the HSDS 3.1 JSON schemas (the 3.x line:
 * uuid identifiers since 3.0; `capacities` and `unit` since 3.1). The document is shaped like HSDS's fully nested
 * organization (GET /organizations/{id}?full_service=true): `{ organizations: [...] }`, each organization with its
 * `services`, `locations`, `contacts` and `phones`.
 *
 * Required fields and types are the spec's: `required` in its schema is required here, `number` is a number,
 * `format: uuid | email | uri | date-time` is checked. Fields the spec only requires in its tabular (CSV) form
 * (`service.organization_id`, `attribute.taxonomy_term_id`, ...) stay optional, as in nested JSON. Objects and
 * fields SWCS never reads (programs, funding, languages, accessibility, cost options, service areas, metadata,
 * additional URLs, organization identifiers) are not modelled: they are accepted and ignored.
 */
export const HSDS_VERSION = '3.1';

const msg = (es: string, en: string) => ({ params: { es, en } });

const Uuid = withMeta(
  z.string().check(z.refine((v) => UUID_PATTERN.test(v), msg('debe ser un UUID', 'must be a UUID'))),
  { format: 'uuid' },
);
const Text = z.string();
const Num = z.number();
const Email = z.email();
const Uri = z.url();
const DateTime = z.iso.datetime({ offset: true });

export const HSDS_SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export const HSDS_LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;
export const HSDS_ADDRESS_TYPES = ['physical', 'postal', 'virtual'] as const;
export const HSDS_FREQUENCIES = ['WEEKLY', 'MONTHLY'] as const;
export const HSDS_WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export const HsdsTaxonomyTerm = z.object({
  id: Uuid,
  code: z.optional(Text),
  name: Text,
  description: Text,
  parent_id: z.optional(Uuid),
  taxonomy: z.optional(Text),
  taxonomy_id: z.optional(Uuid),
  language: z.optional(Text),
  term_uri: z.optional(Uri),
});

export const HsdsAttribute = z.object({
  id: Uuid,
  link_id: z.optional(Uuid),
  link_entity: z.optional(Text),
  link_type: z.optional(Text),
  taxonomy_term_id: z.optional(Uuid),
  taxonomy_term: z.optional(HsdsTaxonomyTerm),
  value: z.optional(Text),
  label: z.optional(Text),
});
const Attributes = z.optional(z.array(HsdsAttribute));

export const HsdsPhone = z.object({
  id: Uuid,
  number: Text,
  extension: z.optional(Num),
  type: z.optional(Text),
  description: z.optional(Text),
  attributes: Attributes,
});
const Phones = z.optional(z.array(HsdsPhone));

export const HsdsContact = z.object({
  id: Uuid,
  name: z.optional(Text),
  title: z.optional(Text),
  department: z.optional(Text),
  email: z.optional(Email),
  phones: Phones,
  attributes: Attributes,
});
const Contacts = z.optional(z.array(HsdsContact));

export const HsdsSchedule = z.object({
  id: Uuid,
  valid_from: z.optional(Text),
  valid_to: z.optional(Text),
  dtstart: z.optional(Text),
  timezone: z.optional(Num),
  until: z.optional(Text),
  count: z.optional(Num),
  wkst: z.optional(z.enum(HSDS_WEEKDAYS)),
  freq: z.optional(z.enum(HSDS_FREQUENCIES)),
  interval: z.optional(Num),
  /** Comma-separated RFC 5545 days, e.g. `MO,TU`; monthly rules may prefix an ordinal (`2MO`). */
  byday: z.optional(Text),
  byweekno: z.optional(Text),
  bymonthday: z.optional(Text),
  byyearday: z.optional(Text),
  description: z.optional(Text),
  /** HH:MM, with `Z` or a UTC offset as the spec recommends, e.g. `08:00-05:00`. */
  opens_at: z.optional(Text),
  closes_at: z.optional(Text),
  schedule_link: z.optional(Uri),
  attending_type: z.optional(Text),
  notes: z.optional(Text),
  attributes: Attributes,
});
const Schedules = z.optional(z.array(HsdsSchedule));

export const HsdsAddress = z.object({
  id: Uuid,
  attention: z.optional(Text),
  address_1: Text,
  address_2: z.optional(Text),
  city: Text,
  region: z.optional(Text),
  state_province: Text,
  postal_code: Text,
  /** ISO 3166-1 alpha-2. */
  country: Text,
  address_type: z.enum(HSDS_ADDRESS_TYPES),
  attributes: Attributes,
});

export const HsdsLocation = z.object({
  id: Uuid,
  location_type: z.enum(HSDS_LOCATION_TYPES),
  url: z.optional(Uri),
  organization_id: z.optional(Uuid),
  name: z.optional(Text),
  alternate_name: z.optional(Text),
  description: z.optional(Text),
  transportation: z.optional(Text),
  /** Decimal degrees, WGS84. */
  latitude: z.optional(Num),
  longitude: z.optional(Num),
  external_identifier: z.optional(Text),
  external_identifier_type: z.optional(Text),
  addresses: z.optional(z.array(HsdsAddress)),
  contacts: Contacts,
  phones: Phones,
  schedules: Schedules,
  attributes: Attributes,
});

export const HsdsServiceAtLocation = z.object({
  id: Uuid,
  service_id: z.optional(Uuid),
  location_id: z.optional(Uuid),
  description: z.optional(Text),
  location: z.optional(HsdsLocation),
  contacts: Contacts,
  phones: Phones,
  schedules: Schedules,
  attributes: Attributes,
});

export const HsdsRequiredDocument = z.object({
  id: Uuid,
  document: z.optional(Text),
  uri: z.optional(Uri),
  attributes: Attributes,
});

export const HsdsUnit = z.object({
  id: Uuid,
  name: Text,
  scheme: z.optional(Text),
  identifier: z.optional(Text),
  uri: z.optional(Uri),
});

export const HsdsServiceCapacity = z.object({
  id: Uuid,
  unit: HsdsUnit,
  unit_id: z.optional(Uuid),
  available: Num,
  maximum: z.optional(Num),
  description: z.optional(Text),
  updated: DateTime,
});

export const HsdsService = z.object({
  id: Uuid,
  organization_id: z.optional(Uuid),
  program_id: z.optional(Uuid),
  name: Text,
  alternate_name: z.optional(Text),
  description: z.optional(Text),
  url: z.optional(Uri),
  email: z.optional(Email),
  status: z.enum(HSDS_SERVICE_STATUSES),
  interpretation_services: z.optional(Text),
  application_process: z.optional(Text),
  fees_description: z.optional(Text),
  accreditations: z.optional(Text),
  eligibility_description: z.optional(Text),
  minimum_age: z.optional(Num),
  maximum_age: z.optional(Num),
  assured_date: z.optional(Text),
  assurer_email: z.optional(Email),
  alert: z.optional(Text),
  phones: Phones,
  schedules: Schedules,
  service_at_locations: z.optional(z.array(HsdsServiceAtLocation)),
  contacts: Contacts,
  required_documents: z.optional(z.array(HsdsRequiredDocument)),
  capacities: z.optional(z.array(HsdsServiceCapacity)),
  attributes: Attributes,
});

export const HsdsOrganization = z.object({
  id: Uuid,
  name: Text,
  alternate_name: z.optional(Text),
  description: Text,
  email: z.optional(Email),
  website: z.optional(Uri),
  legal_status: z.optional(Text),
  year_incorporated: z.optional(Num),
  logo: z.optional(Text),
  uri: z.optional(Uri),
  parent_organization_id: z.optional(Uuid),
  contacts: Contacts,
  phones: Phones,
  locations: z.optional(z.array(HsdsLocation)),
  services: z.optional(z.array(HsdsService)),
  attributes: Attributes,
});

const records = (v: unknown): [Record<string, unknown>, number][] =>
  Array.isArray(v) ? v.flatMap((item, i) => (isRecord(item) ? [[item, i] as const] : [])) : [];

/**
 * "Each ... must have a unique identifier": organizations, services and locations across the document; an
 * organization's own contacts. Contacts nested under a service may repeat an organization contact's id (a
 * reference to the same person), as in HSDS's nested API output.
 */
function checkUniqueIds(doc: unknown, ctx: z.core.$RefinementCtx<unknown>): void {
  if (!isRecord(doc)) return;
  const seen = new Map<string, string>();
  const claim = (kind: string, id: unknown, path: (string | number)[]) => {
    if (typeof id !== 'string') return;
    const key = `${kind}:${id.toLowerCase()}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, toPointer(path));
      return;
    }
    ctx.addIssue({
      code: 'custom',
      path,
      input: id,
      ...msg(
        `el id "${id}" está repetido (ya lo usa ${first})`,
        `id "${id}" is repeated (already used by ${first})`,
      ),
    });
  };
  for (const [org, i] of records(doc.organizations)) {
    const at = ['organizations', i];
    claim('organization', org.id, [...at, 'id']);
    for (const [contact, j] of records(org.contacts))
      claim('contact', contact.id, [...at, 'contacts', j, 'id']);
    for (const [location, j] of records(org.locations)) {
      claim('location', location.id, [...at, 'locations', j, 'id']);
    }
    for (const [service, j] of records(org.services))
      claim('service', service.id, [...at, 'services', j, 'id']);
  }
}

/**
 * The limits of one import: the document's size (the route's maxBodyBytes; Lambda takes 6 MB) and its records,
 * organizations plus services. Checked before anything else, so that even a document of a million empty items is
 * answered at once.
 */
export const HSDS_MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const HSDS_MAX_RECORDS = 10_000;
/**
 * The most JSON one record may take. A DynamoDB item stops at 400 KB, and a record travels whole in an import
 * job's chunk item: 300 KB leaves room for keys, stamps and the chunk's own attributes.
 */
export const HSDS_MAX_RECORD_BYTES = 300 * 1024;

export const HsdsDocument = withMeta(
  z
    .object({ organizations: z.array(HsdsOrganization) })
    .check(z.superRefine(checkUniqueIds, { when: () => true })),
  {
    id: 'HsdsDocument',
    description: `Open Referral HSDS ${HSDS_VERSION} organizations, fully nested`,
  },
);

export type HsdsDocument = z.output<typeof HsdsDocument>;
export type HsdsOrganization = z.output<typeof HsdsOrganization>;
export type HsdsService = z.output<typeof HsdsService>;
export type HsdsLocation = z.output<typeof HsdsLocation>;
export type HsdsAddress = z.output<typeof HsdsAddress>;
export type HsdsContact = z.output<typeof HsdsContact>;
export type HsdsPhone = z.output<typeof HsdsPhone>;
export type HsdsSchedule = z.output<typeof HsdsSchedule>;
export type HsdsServiceAtLocation = z.output<typeof HsdsServiceAtLocation>;
export type HsdsRequiredDocument = z.output<typeof HsdsRequiredDocument>;
export type HsdsServiceCapacity = z.output<typeof HsdsServiceCapacity>;
export type HsdsUnit = z.output<typeof HsdsUnit>;
export type HsdsAttribute = z.output<typeof HsdsAttribute>;
export type HsdsTaxonomyTerm = z.output<typeof HsdsTaxonomyTerm>;

/** Every problem of a document against the HSDS schema, each with its JSON pointer; empty when it conforms. */
export function hsdsProblems(document: unknown): PointedProblem[] {
  const result = HsdsDocument.safeParse(document, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    pointer: toPointer(issue.path),
    problem: describeIssue(issue),
  }));
}

// ---- A lenient reading, so that SWCS can check what is valid even when other parts are not ----

/** A schema's output where any value may be missing: what is left once invalid values are dropped. */
export type Loose<T> = T extends readonly (infer U)[]
  ? (Loose<U> | undefined)[]
  : T extends object
    ? { [K in keyof T]?: Loose<T[K]> | undefined }
    : T | undefined;

/** The same shapes, where an invalid value reads as absent instead of failing the whole parse. */
function lenient(schema: z.core.$ZodType): z.core.$ZodType {
  if (schema instanceof z.ZodMiniOptional) return lenient(schema.def.innerType as z.core.$ZodType);
  if (schema instanceof z.ZodMiniObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.core.$ZodType>).map(([key, value]) => [
        key,
        lenient(value),
      ]),
    );
    return z.catch(z.optional(z.object(shape)), undefined);
  }
  if (schema instanceof z.ZodMiniArray) {
    return z.catch(z.optional(z.array(lenient(schema.def.element as z.core.$ZodType))), undefined);
  }
  return z.catch(z.optional(schema), undefined);
}

const LenientDocument = lenient(HsdsDocument);

/** Reads a document keeping every value that conforms (array positions are kept, so pointers stay right). */
export function readLoosely(document: unknown): Loose<HsdsDocument> | undefined {
  return z.parse(LenientDocument, document) as Loose<HsdsDocument> | undefined;
}
