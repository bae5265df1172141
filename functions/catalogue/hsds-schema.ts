import * as z from 'zod';
import en from 'zod/v4/locales/en.js';
import es from 'zod/v4/locales/es.js';

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

export type Localized = Readonly<{ es: string; en: string }>;
export interface PointedProblem {
  /** RFC 6901 JSON pointer into the HSDS document, e.g. `/organizations/0/services/3/status`. */
  readonly pointer: string;
  readonly problem: Localized;
}

const msg = (es: string, en: string) => ({ params: { es, en } });

// JSON Schema's `uuid` format: any RFC 4122 layout, whatever the version (the spec's own examples mix v1 and v4).
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
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

// ---- Problems with JSON pointers ----

export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const locales = { es: es().localeError, en: en().localeError };

const TYPE_NAMES: Readonly<Record<string, Localized>> = {
  string: { es: 'un texto', en: 'a string' },
  number: { es: 'un número', en: 'a number' },
  boolean: { es: 'verdadero o falso', en: 'true or false' },
  array: { es: 'una lista', en: 'a list (array)' },
  object: { es: 'un objeto', en: 'an object' },
};

const FORMAT_NAMES: Readonly<Record<string, Localized>> = {
  email: { es: 'un correo electrónico válido', en: 'a valid e-mail address' },
  url: { es: 'una URL válida', en: 'a valid URL' },
  datetime: {
    es: 'una fecha y hora ISO 8601 con zona horaria',
    en: 'an ISO 8601 date-time with a time zone',
  },
};

/**
 * Who asks for a value that is missing: HSDS itself, or SWCS (a field HSDS leaves optional that our catalogue
 * needs), so that a third-party publisher can tell a broken document from a gap to fill.
 */
export type Requirer = 'hsds' | 'swcs';

const MISSING: Readonly<Record<Requirer, Localized>> = {
  hsds: { es: 'es obligatorio en HSDS', en: 'is required by HSDS' },
  swcs: { es: 'SWCS necesita este dato', en: 'SWCS needs this value' },
};

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** One zod issue in both languages: custom checks carry their own text in `params`; zod's own are worded here. */
export function describeIssue(issue: z.core.$ZodIssue, requirer: Requirer = 'hsds'): Localized {
  const params = (issue as { params?: Partial<Localized> }).params;
  if (params?.es !== undefined && params.en !== undefined) return { es: params.es, en: params.en };
  // zod reports a missing enum as an invalid value: both mean the field is absent.
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) {
    return MISSING[requirer];
  }
  switch (issue.code) {
    case 'invalid_type': {
      const name = TYPE_NAMES[issue.expected];
      if (name) return { es: `debe ser ${name.es}`, en: `must be ${name.en}` };
      break;
    }
    case 'invalid_value':
      return {
        es: `debe ser uno de: ${quoted(issue.values)}`,
        en: `must be one of: ${quoted(issue.values)}`,
      };
    case 'invalid_format': {
      const name = FORMAT_NAMES[issue.format];
      if (name) return { es: `debe ser ${name.es}`, en: `must be ${name.en}` };
      break;
    }
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) {
        return { es: 'no puede estar vacío', en: 'must not be empty' };
      }
      if (issue.origin === 'array') {
        return {
          es: `necesita al menos ${issue.minimum} elemento(s)`,
          en: `needs at least ${issue.minimum} item(s)`,
        };
      }
      break;
    case 'too_big':
      if (issue.origin === 'string') {
        return {
          es: `admite como máximo ${issue.maximum} caracteres`,
          en: `takes at most ${issue.maximum} characters`,
        };
      }
      if (issue.origin === 'array') {
        return {
          es: `admite como máximo ${issue.maximum} elementos`,
          en: `takes at most ${issue.maximum} items`,
        };
      }
      break;
    default:
      break;
  }
  return { es: localeText('es', issue), en: localeText('en', issue) };
}

function localeText(language: keyof Localized, issue: z.core.$ZodIssue): string {
  const result = locales[language](issue as never);
  return (typeof result === 'string' ? result : result?.message) ?? issue.message;
}

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

// ---- The shapes HSDS documents come in ----

/**
 * What publishers send: HSDS's API answers a single organization (`GET /organizations/{id}`), a single service
 * (`GET /services/{id}`, its organization nested as `organization`) or a page of either (`contents` with
 * `total_items`, `total_pages`, `page_number`, `size`, `first_page`, `last_page`, `empty`); SWCS's own export
 * is `{ "organizations": [...] }`. A page is of services when its items carry a service's `status` or a nested
 * `organization`; the page's own fields say nothing about the catalogue and are not kept.
 */
export type HsdsShape = 'organizations' | 'organization' | 'service' | 'organization-page' | 'service-page';

export interface HsdsShaped {
  readonly shape: HsdsShape;
  /** The same content as `{ organizations: [...] }`, services nested under their organization. */
  readonly document: unknown;
  /** A pointer into `document` as the pointer into the document as it was sent. */
  readonly pointer: (pointer: string) => string;
  readonly problems: readonly PointedProblem[];
}

const isService = (item: unknown) => isRecord(item) && ('status' in item || 'organization' in item);
const INTERNAL = /^\/organizations\/(\d+)(?:\/services\/(\d+))?(.*)$/;

export function shapeOf(received: unknown): HsdsShaped {
  const identity = (pointer: string) => pointer;
  if (!isRecord(received) || 'organizations' in received) {
    return { shape: 'organizations', document: received, pointer: identity, problems: [] };
  }
  if (Array.isArray(received.contents)) {
    const contents: unknown[] = received.contents;
    if (!contents.some(isService)) {
      const pointer = (p: string) => p.replace(/^\/organizations(?=\/|$)/, '/contents');
      return { shape: 'organization-page', document: { organizations: contents }, pointer, problems: [] };
    }
    return servicesShaped('service-page', contents, (i) => `/contents/${i}`);
  }
  if (isService(received)) return servicesShaped('service', [received], () => '');
  const pointer = (p: string) => p.replace(/^\/organizations\/0(?=\/|$)/, '');
  return { shape: 'organization', document: { organizations: [received] }, pointer, problems: [] };
}

/**
 * Services, each naming its organization: services of one organization (the same HSDS id) are nested under it,
 * in document order. Pointers go back to where each part was: the organization at the first service that nests
 * it, each service at its own place.
 */
function servicesShaped(shape: HsdsShape, items: readonly unknown[], at: (i: number) => string): HsdsShaped {
  const organizations: Record<string, unknown>[] = [];
  const organizationAt: string[] = [];
  const serviceAt: string[][] = [];
  const byId = new Map<string, number>();
  const problems: PointedProblem[] = [];
  items.forEach((item, i) => {
    if (!isRecord(item)) {
      problems.push({
        pointer: at(i),
        problem: { es: 'debe ser un objeto (un servicio)', en: 'must be an object (a service)' },
      });
      return;
    }
    const { organization, ...service } = item;
    if (!isRecord(organization)) {
      problems.push({
        pointer: `${at(i)}/organization`,
        problem: {
          es: 'SWCS necesita la organización que presta el servicio: anídela en "organization"',
          en: 'SWCS needs the organization that provides the service: nest it as "organization"',
        },
      });
      return;
    }
    const key = typeof organization.id === 'string' ? organization.id.toLowerCase() : undefined;
    let k = key === undefined ? undefined : byId.get(key);
    if (k === undefined) {
      k = organizations.length;
      if (key !== undefined) byId.set(key, k);
      // Its own `services` list, if any, is left out: the services are the ones the document sends.
      const { services: _ignored, ...own } = organization;
      organizations.push({ ...own, services: [] });
      organizationAt.push(`${at(i)}/organization`);
      serviceAt.push([]);
    }
    (organizations[k]?.services as unknown[]).push(service);
    serviceAt[k]?.push(at(i));
  });
  const pointer = (p: string) => {
    const match = INTERNAL.exec(p);
    if (!match) return p.replace(/^\/organizations(?=\/|$)/, at(0).replace(/\/\d+$/, ''));
    const k = Number(match[1]);
    const rest = match[3] ?? '';
    if (match[2] !== undefined) return `${serviceAt[k]?.[Number(match[2])] ?? ''}${rest}`;
    // The organization's `services` are the document's services: a problem with the list is the first one's.
    if (rest === '/services' || rest.startsWith('/services/')) return serviceAt[k]?.[0] ?? '';
    return `${organizationAt[k] ?? ''}${rest}`;
  };
  return { shape, document: { organizations }, pointer, problems };
}

/** What the import takes (documentation: the import checks the document itself, see shapeOf). */
const HsdsPage = z.object({
  total_items: z.number().int().optional(),
  total_pages: z.number().int().optional(),
  page_number: z.number().int().optional(),
  size: z.number().int().optional(),
  first_page: z.boolean().optional(),
  last_page: z.boolean().optional(),
  empty: z.boolean().optional(),
  contents: z.array(z.union([HsdsOrganization, HsdsService])),
});

export const HsdsImportDocument = z
  .union([HsdsDocument, HsdsOrganization, HsdsService.extend({ organization: HsdsOrganization }), HsdsPage])
  .meta({
    id: 'HsdsImportDocument',
    description: `An Open Referral HSDS ${HSDS_VERSION} document: SWCS's { organizations }, one organization, one service with its organization, or a page of organizations or of services; at most ${HSDS_MAX_RECORDS} records`,
  });
