import { safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import {
  OrganizationInput,
  type OrganizationInputType,
  ServiceInput,
  type ServiceInputType,
} from '../catalogue-input.js';
import { lower } from './ids.js';
import { compact } from './json.js';
import { normalizePhone, localTime, sectorFromLegalStatus, swcsStatus, weekdays } from './normalise.js';
import { Origins } from './pointers.js';
import { describeIssue, type Localized, type PointedProblem, text } from './problems.js';
import type {
  HsdsAttribute,
  HsdsContact,
  HsdsLocation,
  HsdsOrganization,
  HsdsService,
  Loose,
} from './schema.js';
import {
  codeByTermId,
  ELIGIBILITY,
  ENTITY_NAMES,
  type Entity,
  ID,
  isSpotUnit,
  isTermFor,
  LEVEL,
  LOCATION_KIND,
  matchesTerm,
  OFFICER_CHANNEL,
  OFFICER_LANGUAGE,
  OFFICER_SUPERVISOR,
  OFFICER_USER,
  SECTOR,
  SERVES,
  WAITLIST,
} from './terms.js';

/**
 * HSDS records read into SWCS's model (OrganizationInput, ServiceInput), each value's origin in the document
 * tracked so that every problem, HSDS's or the model's, points where it came from (see import.ts).
 */

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

/** The code of a validated attribute's term: its code, else its term's id looked up (isSwcsAttribute reads raw ones). */
function termCode(attribute: NonNullable<Loose<HsdsAttribute>>): string | undefined {
  return (
    attribute.taxonomy_term?.code ??
    codeByTermId.get(lower(attribute.taxonomy_term_id ?? attribute.taxonomy_term?.id) ?? '')
  );
}

export class Importer {
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

  private validate<T>(schema: $ZodType<T>, input: unknown, origins: Origins): T | undefined {
    const result = safeParse(schema, input, { reportInput: true });
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
      if (!isTermFor(entity, code)) {
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
    const matching = found.filter((a) => matchesTerm(a.code, term));
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

    origins.nest(base, at, scoped);
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

    origins.nest(base, at, scoped);
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
          byDay: schedule.byday === undefined ? undefined : weekdays(schedule.byday),
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
      status: service.status === undefined ? undefined : swcsStatus(service.status),
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
    const spots = capacities.find(([c]) => c.unit !== undefined && isSpotUnit(c.unit));
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
