import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { Level } from '../domain/catalogue.js';
import { CATEGORIES } from '../domain/taxonomy.js';
import {
  describeIssue,
  type HsdsAttribute,
  type HsdsContact,
  type HsdsDocument,
  type HsdsLocation,
  type HsdsOrganization,
  type HsdsService,
  type HsdsTaxonomyTerm,
  type HsdsUnit,
  hsdsProblems,
  type Localized,
  type Loose,
  type PointedProblem,
  readLoosely,
} from './hsds-schema.js';
import {
  OrganizationInput,
  type OrganizationInputType,
  SECTORS,
  ServiceInput,
  type ServiceInputType,
} from './schemas.js';

/**
 * Exchange of the catalogue as Open Referral HSDS (see hsds-schema.ts for the structures).
 *
 * Identifiers: HSDS wants UUIDs, SWCS uses readable ids (`mies-cdi-la-mariscal`). Export derives each UUID as a
 * UUID v5 (SHA-1) of a fixed SWCS namespace and a name built from the canton and our ids, so the same catalogue
 * always exports the same document and a re-export updates, not duplicates, what a consumer already holds.
 *
 * Extension: what HSDS has no field for travels in HSDS's own extension mechanism, `attributes`, each linking the
 * record to a term of an SWCS taxonomy (`taxonomy_term.taxonomy` "SWCS", codes `swcs:...`). Enumerated facts are
 * one term per value and need no `value` (`swcs:sector:public`, `swcs:level:national`,
 * `swcs:serves:urgent/home-destroyed`, `swcs:location:service-point`); free values use one term and carry the value in `attribute.value`
 * (`swcs:id` = our id, `swcs:officer:user`, `swcs:officer:supervisor`, `swcs:eligibility-rule` = the rule's JSON).
 * Terms are taxonomy terms rather than private fields, so any HSDS consumer can list, filter and display them
 * (request categories become a real hierarchical taxonomy), and a document with them is still plain HSDS.
 * Capacity uses HSDS 3.1's own `capacities` (unit "cupo", `maximum` = total spots); only the waitlist flag is
 * an attribute.
 *
 * Import reads any HSDS document of this shape. Without SWCS attributes it derives what it can (see
 * `importHsds`) and reports, with JSON pointers into the document, what SWCS needs and HSDS did not carry.
 */

/** Catalogue content, or the stored records (domain/catalogue.ts), whose stamps export reads when present. */
type Exportable<T> = T & { readonly level?: Level; readonly updatedAt?: string };
type Organization = Exportable<OrganizationInputType>;
type Service = Exportable<ServiceInputType>;

export interface HsdsCatalogue {
  readonly organizations: readonly Organization[];
  readonly services: readonly Service[];
  readonly cantonId: string;
  /**
   * When the capacity figures were read (HSDS `service_capacity.updated`) for services without `updatedAt`;
   * now by default. Give it to make an export of plain catalogue content reproducible.
   */
  readonly asOf?: string;
  /** The canton's time zone, for the UTC offset of opening times; America/Guayaquil by default. */
  readonly timeZone?: string;
}

export interface ImportOptions {
  /** The zone that opening times are converted to when the document gives them with an offset. */
  readonly timeZone?: string;
}

export type ImportResult =
  | { ok: true; organizations: OrganizationInputType[]; services: ServiceInputType[] }
  | { ok: false; errors: PointedProblem[] };

export const DEFAULT_TIME_ZONE = 'America/Guayaquil';
/** The name SWCS terms and units carry in `taxonomy` and `scheme`. */
export const SWCS_TAXONOMY = 'SWCS';

// ---- Deterministic UUIDs ----

/** RFC 9562 UUID version 5: SHA-1 of namespace and name. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** SWCS's namespace for UUID v5: never change it, or every exported id changes. */
export const SWCS_UUID_NAMESPACE = '1f27e677-dd2c-4229-ba9d-b96d656f5d9a';
const uuidOf = (name: string) => uuidV5(SWCS_UUID_NAMESPACE, name);

// ---- The SWCS taxonomy ----

type Entity = 'organization' | 'service' | 'location' | 'contact';

interface TermDefinition {
  readonly name: string;
  readonly description: string;
  readonly parent?: string;
}

const ID = 'swcs:id';
const LEVEL = 'swcs:level:';
const SECTOR = 'swcs:sector:';
const LOCATION_KIND = 'swcs:location:';
const OFFICER_USER = 'swcs:officer:user';
const OFFICER_CHANNEL = 'swcs:officer:channel:';
const OFFICER_LANGUAGE = 'swcs:officer:language:';
const OFFICER_SUPERVISOR = 'swcs:officer:supervisor';
const SERVES = 'swcs:serves:';
const WAITLIST = 'swcs:capacity:waitlist';
const ELIGIBILITY = 'swcs:eligibility-rule';

const SECTOR_NAMES: Readonly<Record<(typeof SECTORS)[number], string>> = {
  public: 'Sector público',
  private: 'Sector privado',
  'non-profit': 'Sin fines de lucro',
  religious: 'Organización religiosa',
};

const TERMS: ReadonlyMap<string, TermDefinition> = new Map<string, TermDefinition>([
  [
    ID,
    { name: 'Identificador SWCS', description: 'Identificador del registro en la Ventanilla Única (SWCS)' },
  ],
  [`${LEVEL}canton`, { name: 'Nivel cantonal', description: 'Registro del catálogo de un cantón' }],
  [
    `${LEVEL}national`,
    {
      name: 'Nivel nacional',
      description: 'Registro del catálogo nacional, al que derivan todos los cantones',
    },
  ],
  ...SECTORS.map((s): [string, TermDefinition] => [
    SECTOR + s,
    { name: SECTOR_NAMES[s], description: `Proveedor del sector: ${SECTOR_NAMES[s].toLowerCase()}` },
  ]),
  [
    `${LOCATION_KIND}service-point`,
    {
      name: 'Punto de atención SWCS',
      description: 'Oficina de la Ventanilla Única que atiende a la ciudadanía',
    },
  ],
  [
    `${LOCATION_KIND}provider-site`,
    { name: 'Local del proveedor', description: 'Local donde el proveedor presta sus servicios' },
  ],
  [
    OFFICER_USER,
    {
      name: 'Usuario del funcionario de enlace',
      description: 'Usuario con el que el funcionario de enlace ingresa a SWCS',
    },
  ],
  [
    `${OFFICER_CHANNEL}sms`,
    { name: 'Avisos por SMS', description: 'El funcionario de enlace recibe los avisos de SWCS por SMS' },
  ],
  [
    `${OFFICER_CHANNEL}email`,
    {
      name: 'Avisos por correo',
      description: 'El funcionario de enlace recibe los avisos de SWCS por correo',
    },
  ],
  [`${OFFICER_LANGUAGE}es`, { name: 'Español', description: 'Idioma de los avisos: español' }],
  [`${OFFICER_LANGUAGE}en`, { name: 'Inglés', description: 'Idioma de los avisos: inglés' }],
  [
    OFFICER_SUPERVISOR,
    {
      name: 'Supervisor',
      description:
        'Funcionario de enlace (identificador SWCS) al que se avisa primero cuando este se retrasa',
    },
  ],
  [
    WAITLIST,
    { name: 'Lista de espera', description: 'El servicio mantiene lista de espera sin cupos libres' },
  ],
  [
    ELIGIBILITY,
    { name: 'Regla de elegibilidad', description: 'Regla de elegibilidad de SWCS, en JSON, evaluable' },
  ],
  ...CATEGORIES.flatMap((category): [string, TermDefinition][] => [
    [
      SERVES + category.code,
      { name: category.label.es, description: `Solicitudes de tipo: ${category.description.es}` },
    ],
    ...category.subcategories.map((sub): [string, TermDefinition] => [
      `${SERVES}${category.code}/${sub.code}`,
      {
        name: sub.label.es,
        description: `Atiende solicitudes «${category.label.es}: ${sub.label.es}»`,
        parent: SERVES + category.code,
      },
    ]),
  ]),
]);

const TAXONOMY_ID = uuidOf('taxonomy/swcs');
const termId = (code: string) => uuidOf(`taxonomy/swcs/${code}`);
const codeByTermId: ReadonlyMap<string, string> = new Map(
  [...TERMS.keys()].map((code) => [termId(code), code]),
);

/** Which terms each kind of record may carry; a prefix ends with a colon. */
const APPLIES: Readonly<Record<Entity, readonly string[]>> = {
  organization: [ID, LEVEL, SECTOR],
  service: [ID, LEVEL, SERVES, WAITLIST, ELIGIBILITY],
  location: [ID, LOCATION_KIND],
  contact: [ID, OFFICER_USER, OFFICER_CHANNEL, OFFICER_LANGUAGE, OFFICER_SUPERVISOR],
};

const ENTITY_NAMES: Readonly<Record<Entity, Localized>> = {
  organization: { es: 'una organización', en: 'an organization' },
  service: { es: 'un servicio', en: 'a service' },
  location: { es: 'una ubicación', en: 'a location' },
  contact: { es: 'un contacto', en: 'a contact' },
};

function taxonomyTerm(code: string): HsdsTaxonomyTerm {
  const definition = TERMS.get(code) ?? { name: code, description: code };
  return {
    id: termId(code),
    code,
    name: definition.name,
    description: definition.description,
    ...(definition.parent !== undefined ? { parent_id: termId(definition.parent) } : {}),
    taxonomy: SWCS_TAXONOMY,
    taxonomy_id: TAXONOMY_ID,
    language: 'es',
  };
}

/** Capacity is counted in spots (cupos). */
const SPOT_UNIT: HsdsUnit = {
  id: uuidOf('unit/spot'),
  name: 'cupo',
  scheme: SWCS_TAXONOMY,
  identifier: 'spot',
};

// ---- Export ----

type Fact = readonly [code: string, value?: string];

function attributes(owner: string, entity: Entity, linkId: string, facts: readonly Fact[]): HsdsAttribute[] {
  return facts.map(([code, value], i) => ({
    id: uuidOf(`${owner}/attribute/${i}`),
    link_id: linkId,
    link_entity: entity,
    taxonomy_term_id: termId(code),
    taxonomy_term: taxonomyTerm(code),
    ...(value !== undefined ? { value } : {}),
  }));
}

function utcOffsetMinutes(timeZone: string, at: Date): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

const pad = (n: number) => String(n).padStart(2, '0');

function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const hsdsStatus = (status: Service['status']) => status.replace('-', ' ') as HsdsService['status'];

/**
 * Our catalogue as an HSDS document. Services are nested under their organization, in their given order; each
 * service repeats its contact officers in full, with the same ids as in the organization's `contacts`.
 * Throws when a service names an organization, location or contact officer the catalogue does not have.
 */
export function exportHsds(catalogue: HsdsCatalogue): HsdsDocument {
  const { cantonId } = catalogue;
  const asOf = catalogue.asOf ?? new Date().toISOString();
  const offset = offsetText(utcOffsetMinutes(catalogue.timeZone ?? DEFAULT_TIME_ZONE, new Date(asOf)));
  const known = new Set(catalogue.organizations.map((o) => o.id));
  const orphan = catalogue.services.find((s) => !known.has(s.organizationId));
  if (orphan) {
    throw new Error(`Service "${orphan.id}" belongs to unknown organization "${orphan.organizationId}"`);
  }

  return {
    organizations: catalogue.organizations.map((org): HsdsOrganization => {
      const key = `${cantonId}/organization/${org.id}`;
      const orgId = uuidOf(key);
      const contacts = new Map(
        org.contactOfficers.map((o) => [o.id, exportContact(`${key}/contact/${o.id}`, o)]),
      );
      const locations = new Map(
        org.locations.map((l) => [l.id, exportLocation(`${key}/location/${l.id}`, l)]),
      );
      const services = catalogue.services
        .filter((s) => s.organizationId === org.id)
        .map((s) =>
          exportService(`${cantonId}/service/${s.id}`, s, orgId, contacts, locations, asOf, offset),
        );
      return {
        id: orgId,
        name: org.name,
        // Required by HSDS, optional for us: an absent description is exported empty.
        description: org.description ?? '',
        ...(org.email !== undefined ? { email: org.email } : {}),
        ...(org.website !== undefined ? { website: org.website } : {}),
        ...(org.phone !== undefined ? { phones: [{ id: uuidOf(`${key}/phone/0`), number: org.phone }] } : {}),
        ...(contacts.size > 0 ? { contacts: [...contacts.values()] } : {}),
        ...(locations.size > 0 ? { locations: [...locations.values()] } : {}),
        ...(services.length > 0 ? { services } : {}),
        attributes: attributes(key, 'organization', orgId, [
          [ID, org.id],
          ...(org.level !== undefined ? [[LEVEL + org.level] as const] : []),
          [SECTOR + org.sector],
        ]),
      };
    }),
  };
}

function exportContact(key: string, officer: Organization['contactOfficers'][number]): HsdsContact {
  const id = uuidOf(key);
  return {
    id,
    name: officer.name,
    title: officer.position,
    email: officer.email,
    phones: [{ id: uuidOf(`${key}/phone/0`), number: officer.phone }],
    attributes: attributes(key, 'contact', id, [
      [ID, officer.id],
      [OFFICER_USER, officer.userId],
      [OFFICER_CHANNEL + officer.preferredChannel],
      [OFFICER_LANGUAGE + officer.language],
      ...(officer.supervisorId !== undefined ? [[OFFICER_SUPERVISOR, officer.supervisorId] as const] : []),
    ]),
  };
}

function exportLocation(key: string, location: Organization['locations'][number]): HsdsLocation {
  const id = uuidOf(key);
  const { address } = location;
  return {
    id,
    location_type: 'physical',
    name: location.name,
    latitude: location.latitude,
    longitude: location.longitude,
    addresses: [
      {
        id: uuidOf(`${key}/address/0`),
        address_1: address.address1,
        city: address.city,
        state_province: address.province,
        // Required by HSDS, optional for us (many Ecuadorian addresses have none): exported empty.
        postal_code: address.postalCode ?? '',
        country: address.country,
        address_type: 'physical',
      },
    ],
    attributes: attributes(key, 'location', id, [[ID, location.id], [LOCATION_KIND + location.kind]]),
  };
}

function exportService(
  key: string,
  service: Service,
  organizationId: string,
  contacts: ReadonlyMap<string, HsdsContact>,
  locations: ReadonlyMap<string, HsdsLocation>,
  asOf: string,
  offset: string,
): HsdsService {
  const id = uuidOf(key);
  const lookup = <T>(map: ReadonlyMap<string, T>, ref: string, what: string): T => {
    const found = map.get(ref);
    if (found === undefined) throw new Error(`Service "${service.id}" names unknown ${what} "${ref}"`);
    return found;
  };
  return {
    id,
    organization_id: organizationId,
    name: service.name,
    description: service.description,
    status: hsdsStatus(service.status),
    ...(service.eligibilityText !== undefined ? { eligibility_description: service.eligibilityText } : {}),
    ...(service.schedules.length > 0
      ? {
          schedules: service.schedules.map((s, i) => ({
            id: uuidOf(`${key}/schedule/${i}`),
            freq: 'WEEKLY' as const,
            byday: s.byDay.join(','),
            opens_at: s.opensAt + offset,
            closes_at: s.closesAt + offset,
            ...(s.note !== undefined ? { notes: s.note } : {}),
          })),
        }
      : {}),
    ...(service.locationIds.length > 0
      ? {
          service_at_locations: service.locationIds.map((ref) => ({
            id: uuidOf(`${key}/location/${ref}`),
            location_id: lookup(locations, ref, 'location').id,
          })),
        }
      : {}),
    contacts: service.contactOfficerIds.map((ref) => lookup(contacts, ref, 'contact officer')),
    ...(service.requiredDocuments.length > 0
      ? {
          required_documents: service.requiredDocuments.map((document, i) => ({
            id: uuidOf(`${key}/required-document/${i}`),
            document,
          })),
        }
      : {}),
    capacities: [
      {
        id: uuidOf(`${key}/capacity/spots`),
        unit: SPOT_UNIT,
        available: service.capacity.available,
        maximum: service.capacity.total,
        updated: service.updatedAt ?? asOf,
      },
    ],
    attributes: attributes(key, 'service', id, [
      [ID, service.id],
      ...(service.level !== undefined ? [[LEVEL + service.level] as const] : []),
      ...service.serves.map((s): Fact => [`${SERVES}${s.category}/${s.subcategory}`]),
      ...(service.capacity.waitlist ? [[WAITLIST] as const] : []),
      ...(service.eligibility !== undefined
        ? [[ELIGIBILITY, JSON.stringify(service.eligibility)] as const]
        : []),
    ]),
  };
}

// ---- Import ----

type LooseOrganization = NonNullable<Loose<HsdsOrganization>>;
type LooseService = NonNullable<Loose<HsdsService>>;
type LooseLocation = NonNullable<Loose<HsdsLocation>>;
type LooseContact = NonNullable<Loose<HsdsContact>>;
type LooseAttributes = Loose<HsdsAttribute[]> | undefined;

interface SwcsAttribute {
  readonly code: string;
  readonly value: string | undefined;
  /** The attribute's pointer, and the pointer of what names its term. */
  readonly at: string;
  readonly codeAt: string;
}

const text = (es: string, en: string): Localized => ({ es, en });

/** Drops keys whose value is undefined: our schemas are strict, and a round trip must give back equal objects. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const lower = (id: string | undefined) => id?.toLowerCase();

function slug(name: string | undefined): string {
  return (name ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Ids of one scope (organizations, services, an organization's locations or officers). */
class IdSpace {
  private readonly holders = new Map<string, string>();
  constructor(private readonly explicit: ReadonlySet<string>) {}

  /** An id the document gives: the pointer of an earlier holder when it is taken. */
  claim(id: string, pointer: string): string | undefined {
    const first = this.holders.get(id);
    if (first === undefined) this.holders.set(id, pointer);
    return first;
  }

  /** An id from a name, never one the document gives elsewhere; `-2`, `-3` … when taken. */
  derive(name: string | undefined, fallback: string, pointer: string): string {
    const base = slug(name).length >= 2 ? slug(name) : fallback;
    let candidate = base;
    let n = 1;
    while (this.holders.has(candidate) || this.explicit.has(candidate)) candidate = `${base}-${++n}`;
    this.holders.set(candidate, pointer);
    return candidate;
  }
}

const fallbackId = (entity: Entity, hsdsId: string | undefined) =>
  `${entity}-${slug(hsdsId).slice(0, 8) || 'sin-nombre'}`;

const modelPath = (path: readonly PropertyKey[], length: number) =>
  path.slice(0, length).map(String).join('/');

/** Where each value of one model object came from in the HSDS document, to point model errors there. */
class Origins {
  private readonly map = new Map<string, string>();
  /** Model paths already reported while mapping, whose model errors would only repeat them. */
  readonly reported = new Set<string>();
  constructor(at: string) {
    this.map.set('', at);
  }
  set(path: string, pointer: string): void {
    this.map.set(path, pointer);
  }
  /** The pointer of the deepest part of a model path whose origin is known. */
  pointerOf(path: readonly PropertyKey[]): string {
    for (let i = path.length; i >= 0; i--) {
      const found = this.map.get(modelPath(path, i));
      if (found !== undefined) return found;
    }
    return '';
  }
  isReported(path: readonly PropertyKey[]): boolean {
    return path.some((_, i) => this.reported.has(modelPath(path, i + 1)));
  }
}

/** Model errors that deserve words about HSDS rather than zod's. */
const SPECIAL: Readonly<Record<string, Localized>> = {
  serves: text(
    'SWCS necesita saber qué solicitudes atiende el servicio: añada un atributo con un término ' +
      'swcs:serves:<categoría>/<subcategoría>',
    'SWCS needs to know which requests the service answers: add an attribute with an ' +
      'swcs:serves:<category>/<subcategory> term',
  ),
  contactOfficerIds: text(
    'SWCS necesita al menos un contacto: el funcionario de enlace que recibe las derivaciones',
    'SWCS needs at least one contact: the contact officer who receives referrals',
  ),
};

const LEGAL_STATUS_SECTORS: ReadonlyMap<string, (typeof SECTORS)[number]> = new Map([
  ...['public', 'publico', 'government', 'gobierno', 'gubernamental'].map((w) => [w, 'public'] as const),
  ...['private', 'privado', 'privada', 'empresa', 'company'].map((w) => [w, 'private'] as const),
  ...[
    'non-profit',
    'nonprofit',
    'sin fines de lucro',
    'ong',
    'ngo',
    'charity',
    'fundacion',
    'foundation',
  ].map((w) => [w, 'non-profit'] as const),
  ...['religious', 'religiosa', 'religioso', 'iglesia', 'church', 'parroquia', 'parish'].map(
    (w) => [w, 'religious'] as const,
  ),
]);

function sectorFromLegalStatus(legalStatus: string | undefined): (typeof SECTORS)[number] | undefined {
  const word = legalStatus
    ?.normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
  return word === undefined ? undefined : LEGAL_STATUS_SECTORS.get(word);
}

/**
 * Phone numbers as E.164: separators dropped, `00` read as `+`, and Ecuador's national format (02 398 6000,
 * 099 123 4567) given its +593 prefix. Anything else is left as written, for the model to reject.
 */
function normalizePhone(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const digits = raw.replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  if (/^00[1-9]\d{6,14}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0[2-9]\d{7,8}$/.test(digits)) return `+593${digits.slice(1)}`;
  return raw;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::00(?:\.0+)?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

/** HSDS times (HH:MM[:00] with an optional Z or offset) as local HH:MM; anything else is left for the model. */
function localTime(value: string | undefined, localOffset: number): string | undefined {
  if (value === undefined) return undefined;
  const match = TIME.exec(value.trim());
  if (!match) return value;
  let minutes = Number(match[1]) * 60 + Number(match[2]);
  const zone = match[3];
  if (zone !== undefined) {
    const digits = zone.replace(':', '');
    const offset =
      zone === 'Z'
        ? 0
        : (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3)));
    minutes = (((minutes + localOffset - offset) % 1440) + 1440) % 1440;
  }
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function termCode(attribute: NonNullable<Loose<HsdsAttribute>>): string | undefined {
  return (
    attribute.taxonomy_term?.code ??
    codeByTermId.get(lower(attribute.taxonomy_term_id ?? attribute.taxonomy_term?.id) ?? '')
  );
}

/** The SWCS id an entity's attributes give, if any: read first so derived ids never take one. */
function givenId(list: LooseAttributes): string | undefined {
  return list?.find((a) => a !== undefined && termCode(a) === ID)?.value;
}

class Importer {
  readonly problems: PointedProblem[] = [];
  readonly organizations: OrganizationInputType[] = [];
  readonly services: ServiceInputType[] = [];
  private readonly organizationIds: IdSpace;
  private readonly serviceIds: IdSpace;

  constructor(
    private readonly organizationsIn: readonly (LooseOrganization | undefined)[],
    private readonly localOffset: number,
  ) {
    const given = (lists: LooseAttributes[]) =>
      new Set(lists.map(givenId).filter((id): id is string => id !== undefined));
    this.organizationIds = new IdSpace(given(organizationsIn.map((o) => o?.attributes)));
    this.serviceIds = new IdSpace(
      given(organizationsIn.flatMap((o) => (o?.services ?? []).map((s) => s?.attributes))),
    );
  }

  run(): void {
    this.organizationsIn.forEach((org, i) => {
      if (org !== undefined) this.organization(org, `/organizations/${i}`);
    });
  }

  private report(pointer: string, problem: Localized): void {
    this.problems.push({ pointer, problem });
  }

  private validate<T>(schema: z.ZodType<T>, input: unknown, origins: Origins): T | undefined {
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      if (origins.isReported(issue.path)) continue;
      const special = SPECIAL[issue.path.join('/')];
      const missing =
        issue.code === 'too_small' || (issue.code === 'invalid_type' && issue.input === undefined);
      const problem = special !== undefined && missing ? special : describeIssue(issue, 'swcs');
      // A rule travels as a JSON string: a pointer cannot go inside it, so the text says where.
      const inRule = issue.path[0] === 'eligibility' ? issue.path.slice(1).join('.') : '';
      this.report(
        origins.pointerOf(issue.path),
        inRule === '' ? problem : text(`${inRule}: ${problem.es}`, `${inRule}: ${problem.en}`),
      );
    }
    return undefined;
  }

  /** The record's SWCS attributes; someone else's taxonomies are left alone. */
  private swcsAttributes(list: LooseAttributes, at: string, entity: Entity): SwcsAttribute[] {
    const found: SwcsAttribute[] = [];
    (list ?? []).forEach((attribute, k) => {
      if (attribute === undefined) return;
      const code = termCode(attribute);
      if (code === undefined || !code.startsWith('swcs:')) return;
      const attributeAt = `${at}/${k}`;
      const codeAt = `${attributeAt}/${attribute.taxonomy_term?.code !== undefined ? 'taxonomy_term/code' : 'taxonomy_term_id'}`;
      const applies = APPLIES[entity].some((t) => (t.endsWith(':') ? code.startsWith(t) : code === t));
      if (!applies || !(TERMS.has(code) || code.startsWith(SERVES))) {
        const name = ENTITY_NAMES[entity];
        this.report(
          codeAt,
          text(
            `"${code}" no es un término SWCS para ${name.es}`,
            `"${code}" is not an SWCS term for ${name.en}`,
          ),
        );
        return;
      }
      found.push({ code, value: attribute.value, at: attributeAt, codeAt });
    });
    return found;
  }

  /** The one attribute of a term (or of a group of terms, by prefix); repeats are reported. */
  private one(found: readonly SwcsAttribute[], term: string): SwcsAttribute | undefined {
    const matching = found.filter((a) => (term.endsWith(':') ? a.code.startsWith(term) : a.code === term));
    for (const extra of matching.slice(1)) {
      this.report(
        extra.codeAt,
        text(
          `"${term}" ya está dado en ${matching[0]?.at}; solo se admite uno`,
          `"${term}" is already given at ${matching[0]?.at}; only one is allowed`,
        ),
      );
    }
    return matching[0];
  }

  private valueOf(attribute: SwcsAttribute): string | undefined {
    if (attribute.value === undefined) {
      this.report(
        `${attribute.at}/value`,
        text(`el término "${attribute.code}" necesita un valor`, `term "${attribute.code}" needs a value`),
      );
    }
    return attribute.value;
  }

  /** Our id: the `swcs:id` attribute's value, else one derived from the name. */
  private idOf(
    found: readonly SwcsAttribute[],
    space: IdSpace,
    origins: Origins,
    at: string,
    name: string | undefined,
    fallback: string,
    checkRepeats: boolean,
  ): string | undefined {
    const given = this.one(found, ID);
    if (given === undefined) {
      origins.set('id', `${at}/name`);
      return space.derive(name, fallback, at);
    }
    const pointer = `${given.at}/value`;
    origins.set('id', pointer);
    const id = this.valueOf(given);
    if (id === undefined) {
      origins.reported.add('id');
      return undefined;
    }
    const first = space.claim(id, pointer);
    if (first !== undefined && checkRepeats) {
      this.report(
        pointer,
        text(
          `el id SWCS "${id}" está repetido (ya lo usa ${first})`,
          `SWCS id "${id}" is repeated (already used by ${first})`,
        ),
      );
    }
    return id;
  }

  private organization(org: LooseOrganization, at: string): void {
    const origins = new Origins(at);
    const found = this.swcsAttributes(org.attributes, `${at}/attributes`, 'organization');
    const id = this.idOf(
      found,
      this.organizationIds,
      origins,
      at,
      org.name,
      fallbackId('organization', org.id),
      true,
    );

    // Sector: the SWCS term; else a legal status that names one; else non-profit, the usual HSDS publisher.
    this.one(found, LEVEL);
    const sectorTerm = this.one(found, SECTOR);
    const sector =
      sectorTerm?.code.slice(SECTOR.length) ?? sectorFromLegalStatus(org.legal_status) ?? 'non-profit';
    origins.set('sector', sectorTerm?.codeAt ?? (org.legal_status !== undefined ? `${at}/legal_status` : at));

    // Contacts and locations nested only under a service still belong to the organization.
    const contacts = unique([
      ...(org.contacts ?? []).map((c, j) => [c, `${at}/contacts/${j}`] as const),
      ...(org.services ?? []).flatMap((s, k) =>
        (s?.contacts ?? []).map((c, j) => [c, `${at}/services/${k}/contacts/${j}`] as const),
      ),
    ]);
    const locations = unique([
      ...(org.locations ?? []).map((l, j) => [l, `${at}/locations/${j}`] as const),
      ...(org.services ?? []).flatMap((s, k) =>
        (s?.service_at_locations ?? []).map(
          (sal, n) => [sal?.location, `${at}/services/${k}/service_at_locations/${n}/location`] as const,
        ),
      ),
    ]);

    const officerIds = new IdSpace(new Set(contacts.map(([c]) => givenId(c.attributes)).filter(isString)));
    const officerByUuid = new Map<string, string>();
    const contactOfficers = contacts.map(([contact, contactAt], j) => {
      const officer = this.officer(contact, contactAt, `contactOfficers/${j}`, officerIds, origins);
      if (contact.id !== undefined && officer.id !== undefined) {
        officerByUuid.set(contact.id.toLowerCase(), officer.id);
      }
      return officer;
    });

    const locationIds = new IdSpace(new Set(locations.map(([l]) => givenId(l.attributes)).filter(isString)));
    const locationByUuid = new Map<string, string>();
    const skipped = new Set<string>();
    const ours: Record<string, unknown>[] = [];
    for (const [location, locationAt] of locations) {
      // SWCS locations are places people go to: postal and virtual ones have no place in our model.
      if (location.location_type === 'postal' || location.location_type === 'virtual') {
        if (location.id !== undefined) skipped.add(location.id.toLowerCase());
        continue;
      }
      const mapped = this.location(location, locationAt, `locations/${ours.length}`, locationIds, origins);
      if (location.id !== undefined && mapped.id !== undefined) {
        locationByUuid.set(location.id.toLowerCase(), mapped.id as string);
      }
      ours.push(mapped);
    }

    const input = compact({
      id,
      name: org.name,
      // HSDS requires a description and SWCS does not: an empty one means none.
      description: org.description === '' ? undefined : org.description,
      sector,
      email: org.email,
      website: org.website,
      phone: normalizePhone(org.phones?.[0]?.number),
      contactOfficers,
      locations: ours,
    });
    for (const field of ['name', 'description', 'email', 'website'] as const) {
      origins.set(field, `${at}/${field}`);
    }
    origins.set('phone', `${at}/phones/0/number`);
    const organization = this.validate(OrganizationInput, input, origins);
    if (organization) this.organizations.push(organization);

    (org.services ?? []).forEach((service, k) => {
      if (service === undefined) return;
      this.service(service, `${at}/services/${k}`, {
        id,
        uuid: org.id,
        officerByUuid,
        locationByUuid,
        skipped,
      });
    });
  }

  private officer(contact: LooseContact, at: string, base: string, space: IdSpace, origins: Origins) {
    const found = this.swcsAttributes(contact.attributes, `${at}/attributes`, 'contact');
    const scoped = new Origins(at);
    // The model checks repeats among officers, at the same pointer.
    const id = this.idOf(found, space, scoped, at, contact.name, fallbackId('contact', contact.id), false);
    const user = this.one(found, OFFICER_USER);
    const channel = this.one(found, OFFICER_CHANNEL);
    const language = this.one(found, OFFICER_LANGUAGE);
    const supervisor = this.one(found, OFFICER_SUPERVISOR);
    const position = contact.title ?? contact.department;
    const phones = contact.phones ?? [];

    origins.set(base, at);
    origins.set(`${base}/id`, scoped.pointerOf(['id']));
    if (scoped.reported.has('id')) origins.reported.add(`${base}/id`);
    // Without an SWCS user, the officer is invited with the contact's e-mail address as user id.
    origins.set(`${base}/userId`, user ? `${user.at}/value` : `${at}/email`);
    origins.set(`${base}/name`, `${at}/name`);
    origins.set(
      `${base}/position`,
      contact.title === undefined && position !== undefined ? `${at}/department` : `${at}/title`,
    );
    origins.set(`${base}/email`, `${at}/email`);
    origins.set(`${base}/phone`, phones.length > 0 ? `${at}/phones/0/number` : `${at}/phones`);
    origins.set(`${base}/preferredChannel`, channel?.codeAt ?? at);
    origins.set(`${base}/language`, language?.codeAt ?? at);
    if (supervisor) origins.set(`${base}/supervisorId`, `${supervisor.at}/value`);

    return compact({
      id,
      userId: user ? this.valueOf(user) : contact.email?.trim().toLowerCase(),
      name: contact.name,
      position,
      email: contact.email,
      phone: normalizePhone(phones[0]?.number),
      preferredChannel: channel?.code.slice(OFFICER_CHANNEL.length) ?? 'email',
      language: language?.code.slice(OFFICER_LANGUAGE.length),
      supervisorId: supervisor ? this.valueOf(supervisor) : undefined,
    });
  }

  private location(location: LooseLocation, at: string, base: string, space: IdSpace, origins: Origins) {
    const found = this.swcsAttributes(location.attributes, `${at}/attributes`, 'location');
    const scoped = new Origins(at);
    const id = this.idOf(found, space, scoped, at, location.name, fallbackId('location', location.id), true);
    const kind = this.one(found, LOCATION_KIND);
    const addresses = location.addresses ?? [];
    const index = Math.max(
      addresses.findIndex((a) => a?.address_type === 'physical'),
      0,
    );
    const address = addresses[index];
    const addressAt = `${at}/addresses/${index}`;

    origins.set(base, at);
    origins.set(`${base}/id`, scoped.pointerOf(['id']));
    if (scoped.reported.has('id')) origins.reported.add(`${base}/id`);
    origins.set(`${base}/name`, `${at}/name`);
    origins.set(`${base}/kind`, kind?.codeAt ?? at);
    origins.set(`${base}/latitude`, `${at}/latitude`);
    origins.set(`${base}/longitude`, `${at}/longitude`);
    origins.set(`${base}/address`, address ? addressAt : `${at}/addresses`);
    origins.set(`${base}/address/address1`, `${addressAt}/address_1`);
    origins.set(`${base}/address/city`, `${addressAt}/city`);
    origins.set(`${base}/address/province`, `${addressAt}/state_province`);
    origins.set(`${base}/address/postalCode`, `${addressAt}/postal_code`);
    origins.set(`${base}/address/country`, `${addressAt}/country`);

    const lines = [address?.address_1, address?.address_2].filter((l) => l !== undefined && l.trim() !== '');
    return compact({
      id,
      name: location.name,
      // Third-party locations are the provider's premises; SWCS's own offices say so with a term.
      kind: kind?.code.slice(LOCATION_KIND.length) ?? 'provider-site',
      address: address
        ? compact({
            address1: address.address_1 === undefined ? undefined : lines.join(', '),
            city: address.city,
            province: address.state_province,
            postalCode: address.postal_code === '' ? undefined : address.postal_code,
            country: address.country,
          })
        : undefined,
      latitude: location.latitude,
      longitude: location.longitude,
    });
  }

  private service(
    service: LooseService,
    at: string,
    org: {
      id: string | undefined;
      uuid: string | undefined;
      officerByUuid: ReadonlyMap<string, string>;
      locationByUuid: ReadonlyMap<string, string>;
      skipped: ReadonlySet<string>;
    },
  ): void {
    const origins = new Origins(at);
    const found = this.swcsAttributes(service.attributes, `${at}/attributes`, 'service');
    const id = this.idOf(
      found,
      this.serviceIds,
      origins,
      at,
      service.name,
      fallbackId('service', service.id),
      true,
    );
    if (org.id === undefined) origins.reported.add('organizationId');
    if (
      service.organization_id !== undefined &&
      org.uuid !== undefined &&
      lower(service.organization_id) !== lower(org.uuid)
    ) {
      this.report(
        `${at}/organization_id`,
        text(
          'no coincide con la organización en la que está anidado el servicio',
          'does not match the organization the service is nested in',
        ),
      );
    }
    for (const field of ['name', 'description', 'status'] as const) origins.set(field, `${at}/${field}`);
    origins.set('eligibilityText', `${at}/eligibility_description`);

    const serves: { category: string; subcategory: string }[] = [];
    origins.set('serves', at);
    for (const attribute of found.filter((a) => a.code.startsWith(SERVES))) {
      const [category, subcategory, ...rest] = attribute.code.slice(SERVES.length).split('/');
      if (!category || !subcategory || rest.length > 0) {
        this.report(
          attribute.codeAt,
          text(
            `"${attribute.code}" no es swcs:serves:<categoría>/<subcategoría>`,
            `"${attribute.code}" is not swcs:serves:<category>/<subcategory>`,
          ),
        );
        origins.reported.add('serves');
        continue;
      }
      origins.set(`serves/${serves.length}`, attribute.at);
      origins.set(`serves/${serves.length}/category`, attribute.codeAt);
      origins.set(`serves/${serves.length}/subcategory`, attribute.codeAt);
      serves.push({ category, subcategory });
    }

    const rule = this.one(found, ELIGIBILITY);
    const eligibility = rule ? this.eligibility(rule) : undefined;
    if (rule) origins.set('eligibility', `${rule.at}/value`);
    // The level follows from the catalogue the document is imported into: its term is accepted, not kept.
    this.one(found, LEVEL);

    const requiredDocuments: (string | undefined)[] = [];
    (service.required_documents ?? []).forEach((document, n) => {
      if (document === undefined) return;
      origins.set(`requiredDocuments/${requiredDocuments.length}`, `${at}/required_documents/${n}/document`);
      requiredDocuments.push(document.document);
    });

    const schedules: Record<string, unknown>[] = [];
    (service.schedules ?? []).forEach((schedule, n) => {
      if (schedule === undefined) return;
      const scheduleAt = `${at}/schedules/${n}`;
      if (schedule.freq === 'MONTHLY') {
        this.report(
          `${scheduleAt}/freq`,
          text('SWCS solo admite horarios semanales', 'SWCS only takes weekly schedules'),
        );
        return;
      }
      if (schedule.interval !== undefined && schedule.interval !== 1) {
        this.report(
          `${scheduleAt}/interval`,
          text(
            'SWCS solo admite horarios que se repiten cada semana',
            'SWCS only takes schedules that repeat every week',
          ),
        );
        return;
      }
      const base = `schedules/${schedules.length}`;
      origins.set(base, scheduleAt);
      origins.set(`${base}/byDay`, `${scheduleAt}/byday`);
      origins.set(`${base}/opensAt`, `${scheduleAt}/opens_at`);
      origins.set(`${base}/closesAt`, `${scheduleAt}/closes_at`);
      origins.set(`${base}/note`, `${scheduleAt}/notes`);
      schedules.push(
        compact({
          byDay: schedule.byday?.split(',').map((day) => day.trim()),
          opensAt: localTime(schedule.opens_at, this.localOffset),
          closesAt: localTime(schedule.closes_at, this.localOffset),
          note: schedule.notes,
        }),
      );
    });

    const capacity = this.capacity(service, at, found, origins);

    const locationIds: string[] = [];
    (service.service_at_locations ?? []).forEach((link, n) => {
      if (link === undefined) return;
      const linkAt = `${at}/service_at_locations/${n}`;
      const uuid = link.location_id ?? link.location?.id;
      const pointer = link.location_id !== undefined ? `${linkAt}/location_id` : `${linkAt}/location/id`;
      if (uuid === undefined) {
        this.report(
          `${linkAt}/location_id`,
          text('indique location_id o la ubicación anidada', 'give location_id or the nested location'),
        );
        return;
      }
      if (org.skipped.has(uuid.toLowerCase())) return;
      const ref = org.locationByUuid.get(uuid.toLowerCase());
      if (ref === undefined) {
        this.report(
          pointer,
          text(
            `"${uuid}" no es una ubicación de esta organización`,
            `"${uuid}" is not a location of this organization`,
          ),
        );
        return;
      }
      origins.set(`locationIds/${locationIds.length}`, pointer);
      locationIds.push(ref);
    });

    const contactOfficerIds: string[] = [];
    origins.set('contactOfficerIds', `${at}/contacts`);
    (service.contacts ?? []).forEach((contact, n) => {
      const ref = org.officerByUuid.get(lower(contact?.id) ?? '');
      if (ref === undefined) return;
      origins.set(`contactOfficerIds/${contactOfficerIds.length}`, `${at}/contacts/${n}/id`);
      contactOfficerIds.push(ref);
    });

    const input = compact({
      id,
      organizationId: org.id,
      name: service.name,
      description: service.description,
      serves,
      eligibility,
      eligibilityText: service.eligibility_description,
      requiredDocuments,
      schedules,
      status:
        service.status === undefined ? undefined : (service.status.replace(' ', '-') as Service['status']),
      capacity,
      locationIds,
      contactOfficerIds,
    });
    const parsed = this.validate(ServiceInput, input, origins);
    if (parsed) this.services.push(parsed);
  }

  /** Spots: the capacity counted in SWCS's unit, else the only capacity there is. */
  private capacity(service: LooseService, at: string, found: readonly SwcsAttribute[], origins: Origins) {
    const capacities = (service.capacities ?? []).flatMap((c, n) =>
      c === undefined ? [] : [[c, n] as const],
    );
    const spots = capacities.find(
      ([c]) =>
        lower(c.unit?.id) === SPOT_UNIT.id ||
        (c.unit?.scheme === SWCS_TAXONOMY && c.unit.identifier === SPOT_UNIT.identifier),
    );
    const chosen = spots ?? (capacities.length === 1 ? capacities[0] : undefined);
    origins.set('capacity', `${at}/capacities`);
    if (chosen === undefined) {
      origins.reported.add('capacity');
      this.report(
        `${at}/capacities`,
        capacities.length === 0
          ? text(
              'SWCS necesita los cupos del servicio: añada una capacidad (available y maximum)',
              "SWCS needs the service's spots: add a capacity (available and maximum)",
            )
          : text(
              'hay varias capacidades y ninguna en la unidad "cupo" de SWCS; SWCS no sabe cuál cuenta cupos',
              'there are several capacities and none in SWCS\'s "cupo" unit; SWCS cannot tell which counts spots',
            ),
      );
      return undefined;
    }
    const [capacity, n] = chosen;
    const capacityAt = `${at}/capacities/${n}`;
    origins.set('capacity', capacityAt);
    // Without a maximum, what is available is all there is.
    origins.set(
      'capacity/total',
      `${capacityAt}/${capacity.maximum !== undefined ? 'maximum' : 'available'}`,
    );
    origins.set('capacity/available', `${capacityAt}/available`);
    origins.set('capacity/waitlist', found.find((a) => a.code === WAITLIST)?.codeAt ?? at);
    return compact({
      total: capacity.maximum ?? capacity.available,
      available: capacity.available,
      waitlist: this.one(found, WAITLIST) !== undefined,
    });
  }

  /** The rule's JSON; ServiceInput checks that it is a rule. */
  private eligibility(attribute: SwcsAttribute): unknown {
    const value = this.valueOf(attribute);
    if (value === undefined) return undefined;
    const pointer = `${attribute.at}/value`;
    let rule: unknown;
    try {
      rule = JSON.parse(value);
    } catch {
      this.report(
        pointer,
        text('la regla de elegibilidad no es JSON válido', 'the eligibility rule is not valid JSON'),
      );
      return undefined;
    }
    return rule;
  }
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** Entries of the same HSDS id once, the first occurrence kept. */
function unique<T extends { id?: string | undefined }>(
  entries: readonly (readonly [T | undefined, string])[],
) {
  const seen = new Set<string>();
  return entries.filter((entry): entry is readonly [T, string] => {
    const [item] = entry;
    if (item === undefined) return false;
    const key = lower(item.id);
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const within = (pointer: string, parent: string) => pointer === parent || pointer.startsWith(`${parent}/`);

function comparePointers(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] ?? '';
    const q = y[i] ?? '';
    if (p === q) continue;
    const numeric = /^\d+$/.test(p) && /^\d+$/.test(q);
    return numeric ? Number(p) - Number(q) : p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * An HSDS document as our catalogue, all or nothing: checked against HSDS (hsds-schema.ts), mapped, then checked
 * against OrganizationInput and ServiceInput, every problem reported with a JSON pointer into the document.
 *
 * For documents SWCS did not write (no SWCS attributes): ids are derived from names (`Fundación Ñucanchik Wasi`
 * → `fundacion-nucanchik-wasi`, `-2` when taken); the sector is read from a `legal_status` that names one
 * (público, privado, ONG, iglesia, …) else taken as non-profit; locations are provider sites, postal and virtual
 * ones are skipped; a contact officer's user id is their e-mail and their channel e-mail; Ecuadorian national
 * phone numbers get +593; a capacity without `maximum` has as many spots as `available`; times with an offset are
 * converted to the canton's zone. Categories cannot be guessed: a service without `swcs:serves:` terms is an
 * error at the service's pointer. Services come back grouped by organization, in document order.
 *
 * For any document: a contact under a service whose id is one of the organization's contacts is a reference to
 * it; an empty organization description or postal code means none; `swcs:level:` terms are accepted and not
 * kept, since the level follows from the catalogue the document is imported into.
 */
export function importHsds(document: unknown, options: ImportOptions = {}): ImportResult {
  const hsds = hsdsProblems(document);
  const localOffset = utcOffsetMinutes(options.timeZone ?? DEFAULT_TIME_ZONE, new Date());
  const importer = new Importer(readLoosely(document)?.organizations ?? [], localOffset);
  importer.run();
  // What HSDS already rejected was read as absent; SWCS's view of it would only say the same again.
  const more = importer.problems.filter((p) => !hsds.some((h) => within(p.pointer, h.pointer)));
  // Two model fields can come from one HSDS field (an officer's e-mail is also their user id): say it once.
  const seen = new Set<string>();
  const errors = [...hsds, ...more].filter((e) => {
    const key = JSON.stringify([e.pointer, e.problem.en]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (errors.length > 0) {
    return { ok: false, errors: errors.sort((a, b) => comparePointers(a.pointer, b.pointer)) };
  }
  return { ok: true, organizations: importer.organizations, services: importer.services };
}
