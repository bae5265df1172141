import type { Level } from '../catalogue.js';
import type { OrganizationInputType, ServiceInputType } from '../catalogue-input.js';
import { idFor, uuidOf } from './ids.js';
import { DEFAULT_TIME_ZONE, hsdsStatus, offsetText } from './normalise.js';
import { utcOffsetMinutes } from '#kernel/time-zone.js';
import { asReceivedOrganization, asReceivedService } from './received.js';
import type {
  HsdsAttribute,
  HsdsContact,
  HsdsDocument,
  HsdsLocation,
  HsdsOrganization,
  HsdsService,
} from './schema.js';
import {
  ELIGIBILITY,
  type Entity,
  ID,
  LEVEL,
  LOCATION_KIND,
  OFFICER_CHANNEL,
  OFFICER_LANGUAGE,
  OFFICER_SUPERVISOR,
  OFFICER_USER,
  SECTOR,
  SERVES,
  SPOT_UNIT,
  taxonomyTerm,
  termId,
  WAITLIST,
} from './terms.js';

/** The catalogue as an Open Referral HSDS document (see schema.ts for its structures, terms.ts for SWCS's terms). */

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
