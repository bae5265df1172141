import type { OrganizationInputType, ServiceInputType } from '../catalogue-input.js';
import { idOfEntry } from './ids.js';
import { isRecord, recordsIn, sameJson } from './json.js';
import { localTime, normalizePhone, swcsStatus, weekdays } from './normalise.js';
import type { HsdsOrganization, HsdsService } from './schema.js';
import { isSpotUnit, isSwcsAttribute } from './terms.js';

/**
 * Records kept as received (`hsds`, see kept.ts), exported again: what SWCS does not model comes back as the
 * publisher sent it, what SWCS models as SWCS holds it now.
 */

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
export function asReceivedOrganization(
  received: Record<string, unknown>,
  exported: HsdsOrganization,
  org: OrganizationInputType,
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
export function asReceivedService(
  received: Record<string, unknown>,
  exported: HsdsService,
  service: ServiceInputType,
  org: OrganizationInputType,
  localOffset: number,
): HsdsService {
  const out: Record<string, unknown> = { ...received };
  out.id = exported.id;
  out.organization_id = exported.organization_id;
  out.name = exported.name;
  out.description = exported.description;
  if (swcsStatus(String(received.status)) !== service.status) out.status = exported.status;
  put(out, 'eligibility_description', exported.eligibility_description);

  const schedules = recordsIn(received.schedules);
  const sameSchedules =
    schedules.length === service.schedules.length &&
    schedules.every((s, i) => {
      const ours = service.schedules[i];
      return (
        ours !== undefined &&
        weekdays(String(s.byday ?? '')).join(',') === ours.byDay.join(',') &&
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
      : isRecord(link.location) && typeof link.location.id === 'string'
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
  const spot = capacities.findIndex((c) => isSpotUnit(isRecord(c.unit) ? c.unit : {}));
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
