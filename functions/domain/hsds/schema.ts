import * as z from 'zod';
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

const Uuid = z
  .string()
  .refine((v) => UUID_PATTERN.test(v), msg('debe ser un UUID', 'must be a UUID'))
  .meta({ format: 'uuid' });
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
  code: Text.optional(),
  name: Text,
  description: Text,
  parent_id: Uuid.optional(),
  taxonomy: Text.optional(),
  taxonomy_id: Uuid.optional(),
  language: Text.optional(),
  term_uri: Uri.optional(),
});

export const HsdsAttribute = z.object({
  id: Uuid,
  link_id: Uuid.optional(),
  link_entity: Text.optional(),
  link_type: Text.optional(),
  taxonomy_term_id: Uuid.optional(),
  taxonomy_term: HsdsTaxonomyTerm.optional(),
  value: Text.optional(),
  label: Text.optional(),
});
const Attributes = z.array(HsdsAttribute).optional();

export const HsdsPhone = z.object({
  id: Uuid,
  number: Text,
  extension: Num.optional(),
  type: Text.optional(),
  description: Text.optional(),
  attributes: Attributes,
});
const Phones = z.array(HsdsPhone).optional();

export const HsdsContact = z.object({
  id: Uuid,
  name: Text.optional(),
  title: Text.optional(),
  department: Text.optional(),
  email: Email.optional(),
  phones: Phones,
  attributes: Attributes,
});
const Contacts = z.array(HsdsContact).optional();

export const HsdsSchedule = z.object({
  id: Uuid,
  valid_from: Text.optional(),
  valid_to: Text.optional(),
  dtstart: Text.optional(),
  timezone: Num.optional(),
  until: Text.optional(),
  count: Num.optional(),
  wkst: z.enum(HSDS_WEEKDAYS).optional(),
  freq: z.enum(HSDS_FREQUENCIES).optional(),
  interval: Num.optional(),
  /** Comma-separated RFC 5545 days, e.g. `MO,TU`; monthly rules may prefix an ordinal (`2MO`). */
  byday: Text.optional(),
  byweekno: Text.optional(),
  bymonthday: Text.optional(),
  byyearday: Text.optional(),
  description: Text.optional(),
  /** HH:MM, with `Z` or a UTC offset as the spec recommends, e.g. `08:00-05:00`. */
  opens_at: Text.optional(),
  closes_at: Text.optional(),
  schedule_link: Uri.optional(),
  attending_type: Text.optional(),
  notes: Text.optional(),
  attributes: Attributes,
});
const Schedules = z.array(HsdsSchedule).optional();

export const HsdsAddress = z.object({
  id: Uuid,
  attention: Text.optional(),
  address_1: Text,
  address_2: Text.optional(),
  city: Text,
  region: Text.optional(),
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
  url: Uri.optional(),
  organization_id: Uuid.optional(),
  name: Text.optional(),
  alternate_name: Text.optional(),
  description: Text.optional(),
  transportation: Text.optional(),
  /** Decimal degrees, WGS84. */
  latitude: Num.optional(),
  longitude: Num.optional(),
  external_identifier: Text.optional(),
  external_identifier_type: Text.optional(),
  addresses: z.array(HsdsAddress).optional(),
  contacts: Contacts,
  phones: Phones,
  schedules: Schedules,
  attributes: Attributes,
});

export const HsdsServiceAtLocation = z.object({
  id: Uuid,
  service_id: Uuid.optional(),
  location_id: Uuid.optional(),
  description: Text.optional(),
  location: HsdsLocation.optional(),
  contacts: Contacts,
  phones: Phones,
  schedules: Schedules,
  attributes: Attributes,
});

export const HsdsRequiredDocument = z.object({
  id: Uuid,
  document: Text.optional(),
  uri: Uri.optional(),
  attributes: Attributes,
});

export const HsdsUnit = z.object({
  id: Uuid,
  name: Text,
  scheme: Text.optional(),
  identifier: Text.optional(),
  uri: Uri.optional(),
});

export const HsdsServiceCapacity = z.object({
  id: Uuid,
  unit: HsdsUnit,
  unit_id: Uuid.optional(),
  available: Num,
  maximum: Num.optional(),
  description: Text.optional(),
  updated: DateTime,
});

export const HsdsService = z.object({
  id: Uuid,
  organization_id: Uuid.optional(),
  program_id: Uuid.optional(),
  name: Text,
  alternate_name: Text.optional(),
  description: Text.optional(),
  url: Uri.optional(),
  email: Email.optional(),
  status: z.enum(HSDS_SERVICE_STATUSES),
  interpretation_services: Text.optional(),
  application_process: Text.optional(),
  fees_description: Text.optional(),
  accreditations: Text.optional(),
  eligibility_description: Text.optional(),
  minimum_age: Num.optional(),
  maximum_age: Num.optional(),
  assured_date: Text.optional(),
  assurer_email: Email.optional(),
  alert: Text.optional(),
  phones: Phones,
  schedules: Schedules,
  service_at_locations: z.array(HsdsServiceAtLocation).optional(),
  contacts: Contacts,
  required_documents: z.array(HsdsRequiredDocument).optional(),
  capacities: z.array(HsdsServiceCapacity).optional(),
  attributes: Attributes,
});

export const HsdsOrganization = z.object({
  id: Uuid,
  name: Text,
  alternate_name: Text.optional(),
  description: Text,
  email: Email.optional(),
  website: Uri.optional(),
  legal_status: Text.optional(),
  year_incorporated: Num.optional(),
  logo: Text.optional(),
  uri: Uri.optional(),
  parent_organization_id: Uuid.optional(),
  contacts: Contacts,
  phones: Phones,
  locations: z.array(HsdsLocation).optional(),
  services: z.array(HsdsService).optional(),
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

export const HsdsDocument = z
  .object({ organizations: z.array(HsdsOrganization) })
  // Runs even when other fields are invalid, so a duplicate is reported along with every other problem.
  .superRefine(checkUniqueIds, { when: () => true })
  .meta({
    id: 'HsdsDocument',
    description: `Open Referral HSDS ${HSDS_VERSION} organizations, fully nested`,
  });

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
function lenient(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional) return lenient(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, value]) => [key, lenient(value)]),
    );
    return z.object(shape).optional().catch(undefined);
  }
  if (schema instanceof z.ZodArray) {
    return z
      .array(lenient(schema.element as z.ZodType))
      .optional()
      .catch(undefined);
  }
  return schema.optional().catch(undefined);
}

const LenientDocument = lenient(HsdsDocument);

/** Reads a document keeping every value that conforms (array positions are kept, so pointers stay right). */
export function readLoosely(document: unknown): Loose<HsdsDocument> | undefined {
  return LenientDocument.parse(document) as Loose<HsdsDocument> | undefined;
}
