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
  type HsdsShape,
  type HsdsShaped,
  type HsdsOrganization,
  type HsdsService,
  type HsdsTaxonomyTerm,
  type HsdsUnit,
  HSDS_MAX_RECORD_BYTES,
  HSDS_MAX_RECORDS,
  hsdsProblems,
  type Localized,
  type Loose,
  type PointedProblem,
  readLoosely,
  shapeOf,
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
  const localOffset = utcOffsetMinutes(catalogue.timeZone ?? DEFAULT_TIME_ZONE, new Date(asOf));
  const offset = offsetText(localOffset);
  const known = new Set(catalogue.organizations.map((o) => o.id));
  const orphan = catalogue.services.find((s) => !known.has(s.organizationId));
  if (orphan) {
    throw new Error(`Service "${orphan.id}" belongs to unknown organization "${orphan.organizationId}"`);
  }

  return {
    organizations: catalogue.organizations.map((org): HsdsOrganization => {
      const key = `${cantonId}/organization/${org.id}`;
      const orgId = idFor(org.id, key);
      const contacts = new Map(
        org.contactOfficers.map((o) => [o.id, exportContact(`${key}/contact/${o.id}`, o)]),
      );
      const locations = new Map(
        org.locations.map((l) => [l.id, exportLocation(`${key}/location/${l.id}`, l)]),
      );
      const services = catalogue.services
        .filter((s) => s.organizationId === org.id)
        .map((s) => {
          const exported = exportService(
            `${cantonId}/service/${s.id}`,
            s,
            orgId,
            contacts,
            locations,
            asOf,
            offset,
          );
          return s.hsds ? asReceivedService(s.hsds, exported, s, org, localOffset) : exported;
        });
      const exported: HsdsOrganization = {
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
      return org.hsds ? asReceivedOrganization(org.hsds, exported, org) : exported;
    }),
  };
}

/** A record's HSDS id: the publisher's, when our id is one (see Importer.idOf), else derived from ours. */
const idFor = (ourId: string, key: string) => (isUuid(ourId) ? ourId : uuidOf(key));

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const recordsIn = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => isPlainObject(x)) : [];
const idOfEntry = (v: Record<string, unknown>) => (typeof v.id === 'string' ? v.id.toLowerCase() : undefined);

/** Sets or removes a field, as SWCS holds it now. */
function put(target: Record<string, unknown>, field: string, value: unknown): void {
  if (value === undefined) delete target[field];
  else target[field] = value;
}

/** The publisher's own attributes as received, then SWCS's (which the export writes afresh). */
const mergedAttributes = (received: unknown, ours: unknown) => [
  ...recordsIn(received).filter((a) => !isSwcsAttribute(a)),
  ...recordsIn(ours),
];

/**
 * A third party's organization as it sent it, with what SWCS models as SWCS holds it now: the fields it does not
 * model come back untouched, a value SWCS changed (an officer's edit) is written over the received one. Received
 * parts SWCS does not model at all (postal and virtual locations) are given back as they came.
 */
function asReceivedOrganization(
  received: Record<string, unknown>,
  exported: HsdsOrganization,
  org: Organization,
): HsdsOrganization {
  const out: Record<string, unknown> = { ...received };
  out.id = exported.id;
  out.name = exported.name;
  if (!(exported.description === '' && typeof received.description === 'string')) {
    out.description = exported.description;
  }
  put(out, 'email', exported.email);
  put(out, 'website', exported.website);
  const phones = recordsIn(received.phones);
  const first = phones[0];
  if (org.phone !== undefined && (!first || normalizePhone(String(first.number)) !== org.phone)) {
    out.phones = first ? [{ ...first, number: org.phone }, ...phones.slice(1)] : exported.phones;
  }
  const receivedContacts = new Map(recordsIn(received.contacts).map((c) => [idOfEntry(c), c]));
  out.contacts = (exported.contacts ?? []).map((contact) => {
    const was = receivedContacts.get(contact.id.toLowerCase());
    if (!was) return contact;
    const same =
      was.name === contact.name &&
      was.email === contact.email &&
      (was.title ?? was.department) === contact.title;
    return same ? was : { ...was, name: contact.name, title: contact.title, email: contact.email };
  });
  if ((out.contacts as unknown[]).length === 0 && received.contacts === undefined) delete out.contacts;
  const ours = new Map((exported.locations ?? []).map((l) => [l.id.toLowerCase(), l]));
  const receivedLocations = recordsIn(received.locations);
  const locations = [
    ...(exported.locations ?? []).map((location) => {
      const was = receivedLocations.find((l) => idOfEntry(l) === location.id.toLowerCase());
      if (!was) return location;
      return { ...was, name: location.name, latitude: location.latitude, longitude: location.longitude };
    }),
    // What SWCS does not model: a place people do not go to (postal, virtual).
    ...receivedLocations.filter((l) => !ours.has(idOfEntry(l) ?? '') && l.location_type !== 'physical'),
  ];
  put(out, 'locations', locations.length > 0 ? locations : undefined);
  put(out, 'services', exported.services);
  out.attributes = mergedAttributes(received.attributes, exported.attributes);
  return out as HsdsOrganization;
}

/** A third party's service as it sent it, with what SWCS models as SWCS holds it now (see asReceivedOrganization). */
function asReceivedService(
  received: Record<string, unknown>,
  exported: HsdsService,
  service: Service,
  org: Organization,
  localOffset: number,
): HsdsService {
  const out: Record<string, unknown> = { ...received };
  out.id = exported.id;
  out.organization_id = exported.organization_id;
  out.name = exported.name;
  out.description = exported.description;
  // HSDS statuses are spelled with a space; SWCS's with a dash.
  if (String(received.status).replace(' ', '-') !== service.status) out.status = exported.status;
  put(out, 'eligibility_description', exported.eligibility_description);

  const schedules = recordsIn(received.schedules);
  const sameSchedules =
    schedules.length === service.schedules.length &&
    schedules.every((s, i) => {
      const ours = service.schedules[i];
      return (
        ours !== undefined &&
        String(s.byday ?? '')
          .split(',')
          .map((d) => d.trim())
          .join(',') === ours.byDay.join(',') &&
        localTime(s.opens_at as string | undefined, localOffset) === ours.opensAt &&
        localTime(s.closes_at as string | undefined, localOffset) === ours.closesAt &&
        s.notes === ours.note
      );
    });
  if (!sameSchedules) put(out, 'schedules', exported.schedules);

  const documents = recordsIn(received.required_documents);
  if (
    !sameJson(
      documents.map((d) => d.document),
      service.requiredDocuments,
    )
  ) {
    put(out, 'required_documents', exported.required_documents);
  }

  const modelled = new Set(org.locations.map((l) => l.id));
  const links = recordsIn(received.service_at_locations);
  const locationOf = (link: Record<string, unknown>) =>
    (typeof link.location_id === 'string'
      ? link.location_id
      : isPlainObject(link.location) && typeof link.location.id === 'string'
        ? link.location.id
        : ''
    ).toLowerCase();
  const linked = links.map(locationOf).filter((id) => modelled.has(id));
  if (!sameJson(linked, service.locationIds)) {
    const unmodelled = links.filter((link) => !modelled.has(locationOf(link)));
    const all = [...(exported.service_at_locations ?? []), ...unmodelled];
    put(out, 'service_at_locations', all.length > 0 ? all : undefined);
  }

  const contacts = recordsIn(received.contacts).map(idOfEntry);
  if (!sameJson(contacts, service.contactOfficerIds)) out.contacts = exported.contacts;

  // Spots change with every referral: the capacity that counts them is written as it is now.
  const capacities = recordsIn(received.capacities);
  const spot = capacities.findIndex((c) => {
    const unit = isPlainObject(c.unit) ? c.unit : {};
    return idOfEntry(unit) === SPOT_UNIT.id || (unit.scheme === SWCS_TAXONOMY && unit.identifier === 'spot');
  });
  const chosen = spot >= 0 ? spot : capacities.length === 1 ? 0 : -1;
  const now = exported.capacities?.[0];
  const was = capacities[chosen];
  if (was && now) {
    const same = was.available === now.available && (was.maximum ?? was.available) === now.maximum;
    if (!same) {
      capacities[chosen] = { ...was, available: now.available, maximum: now.maximum, updated: now.updated };
    }
    out.capacities = capacities;
  } else if (now) {
    out.capacities = [...capacities, now];
  }
  out.attributes = mergedAttributes(received.attributes, exported.attributes);
  return out as HsdsService;
}

function exportContact(key: string, officer: Organization['contactOfficers'][number]): HsdsContact {
  const id = idFor(officer.id, key);
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
  const id = idFor(location.id, key);
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
  const id = idFor(service.id, key);
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

/** SWCS ids given in `swcs:id` attributes, in one scope (organizations, services, an organization's officers). */
class IdSpace {
  private readonly holders = new Map<string, string>();

  /** An id the document gives: the pointer of an earlier holder when it is taken. */
  claim(id: string, pointer: string): string | undefined {
    const first = this.holders.get(id);
    if (first === undefined) this.holders.set(id, pointer);
    return first;
  }
}

/** A lower-case UUID is a valid SWCS id: a publisher's HSDS id is used as it is (see idOf). */
const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);

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

class Importer {
  readonly problems: PointedProblem[] = [];
  readonly organizations: OrganizationInputType[] = [];
  readonly services: ServiceInputType[] = [];
  private readonly organizationIds = new IdSpace();
  private readonly serviceIds = new IdSpace();

  constructor(
    private readonly organizationsIn: readonly (LooseOrganization | undefined)[],
    private readonly localOffset: number,
  ) {}

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

  /**
   * Our id: the `swcs:id` attribute's value, else the publisher's own HSDS id (lower-case). A publisher's ids are
   * the identity of what it publishes: the organization it renames keeps its id, so a re-import makes a new
   * version of it rather than a second organization beside it.
   */
  private idOf(
    found: readonly SwcsAttribute[],
    space: IdSpace,
    origins: Origins,
    at: string,
    hsdsId: string | undefined,
    checkRepeats: boolean,
  ): string | undefined {
    const given = this.one(found, ID);
    if (given === undefined) {
      origins.set('id', `${at}/id`);
      return lower(hsdsId);
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
    const id = this.idOf(found, this.organizationIds, origins, at, org.id, true);

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

    const officerIds = new IdSpace();
    const officerByUuid = new Map<string, string>();
    const contactOfficers = contacts.map(([contact, contactAt], j) => {
      const officer = this.officer(contact, contactAt, `contactOfficers/${j}`, officerIds, origins);
      if (contact.id !== undefined && officer.id !== undefined) {
        officerByUuid.set(contact.id.toLowerCase(), officer.id);
      }
      return officer;
    });

    const locationIds = new IdSpace();
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
    const id = this.idOf(found, space, scoped, at, contact.id, false);
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
    const id = this.idOf(found, space, scoped, at, location.id, true);
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
    const id = this.idOf(found, this.serviceIds, origins, at, service.id, true);
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

/** DynamoDB numbers: magnitudes from 1e-130 to below 1e126; whole numbers beyond 2^53 lose digits on the way. */
function storable(n: number): boolean {
  if (Number.isInteger(n)) return Number.isSafeInteger(n);
  const magnitude = Math.abs(n);
  return magnitude >= 1e-130 && magnitude < 1e126;
}

const NUMBER_RANGE = text(
  'número fuera del rango que se puede guardar (entero de hasta 15 dígitos, o magnitud entre 1e-130 y 1e125)',
  'number outside the range that can be stored (a whole number of up to 15 digits, or a magnitude between 1e-130 and 1e125)',
);

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
    if (typeof item === 'number' && !storable(item)) problems.push({ pointer: at, problem: NUMBER_RANGE });
    else if (Array.isArray(item)) item.forEach((v, i) => numbers(v, `${at}/${i}`));
    else if (isPlainObject(item)) for (const [k, v] of Object.entries(item)) numbers(v, `${at}/${escape(k)}`);
  };
  const leaf = (field: string, item: unknown, at: string) => {
    numbers(item, at);
    const name = `${object}.${field}`;
    if (MODELLED.has(name)) return;
    kept.set(name, (kept.get(name) ?? 0) + 1);
    count++;
  };
  if (!isPlainObject(value)) return 0;
  for (const [field, item] of Object.entries(value)) {
    const at = `${pointer}/${escape(field)}`;
    if (field === 'services' && (object === 'organization' || object === 'program')) continue;
    const child = OBJECT_OF[field];
    const items = Array.isArray(item) ? item : [item];
    const nested = child !== undefined && items.length > 0 && items.every(isPlainObject);
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

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isSwcsAttribute(attribute: Record<string, unknown>): boolean {
  const term = attribute.taxonomy_term;
  const code = isPlainObject(term) && typeof term.code === 'string' ? term.code : undefined;
  const id = typeof attribute.taxonomy_term_id === 'string' ? attribute.taxonomy_term_id.toLowerCase() : '';
  return (code ?? codeByTermId.get(id) ?? '').startsWith('swcs:');
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
 * against HSDS (hsds-schema.ts), mapped, then checked against OrganizationInput and ServiceInput and against
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

/** Whether the pointer is one of these, or inside one: each of its prefixes looked up once. */
function withinAny(pointer: string, parents: ReadonlySet<string>): boolean {
  if (parents.has(pointer)) return true;
  for (let i = pointer.lastIndexOf('/'); i >= 0; i = pointer.lastIndexOf('/', i - 1)) {
    if (parents.has(pointer.slice(0, i))) return true;
    if (i === 0) break;
  }
  return false;
}

function recordLimitProblem(document: unknown): PointedProblem | undefined {
  if (!isPlainObject(document) || !Array.isArray(document.organizations)) return undefined;
  let records = document.organizations.length;
  for (const org of document.organizations) {
    if (isPlainObject(org) && Array.isArray(org.services)) records += org.services.length;
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
 * What DynamoDB could refuse, found before anything is written: numbers out of its range anywhere in the
 * document, and records too big for an item. Also gives each record what it keeps as received (`hsds`) and
 * counts the kept fields. Records are matched to their place by order: the Importer keeps document order.
 */
function storageProblems(
  document: unknown,
  importer: Importer,
  attach: boolean,
): { problems: PointedProblem[]; kept: KeptField[] } {
  const problems: PointedProblem[] = [];
  const kept = new Map<string, number>();
  const orgs = isPlainObject(document) && Array.isArray(document.organizations) ? document.organizations : [];
  let o = 0;
  let sv = 0;
  orgs.forEach((org, i) => {
    if (!isPlainObject(org)) return;
    const at = `/organizations/${i}`;
    const { services, ...own } = org;
    const keptHere = walkKept(own, 'organization', at, kept, problems);
    const record = attach ? importer.organizations[o++] : undefined;
    if (record) {
      // SWCS's own terms are modelled, and written afresh by every export.
      if (keptHere > 0) record.hsds = withoutSwcsAttributes(own);
      checkSize(record, at, problems);
    }
    (Array.isArray(services) ? services : []).forEach((service, j) => {
      if (!isPlainObject(service)) return;
      const serviceAt = `${at}/services/${j}`;
      const keptInService = walkKept(service, 'service', serviceAt, kept, problems);
      const stored = attach ? importer.services[sv++] : undefined;
      if (stored) {
        if (keptInService > 0) stored.hsds = withoutSwcsAttributes(service);
        checkSize(stored, serviceAt, problems);
      }
    });
  });
  return {
    problems,
    kept: [...kept]
      .map(([field, count]) => ({ field, count }))
      .sort((a, b) => a.field.localeCompare(b.field)),
  };
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
