import type { Caller } from '#model/caller.js';
import { conflict, type FieldProblem } from '#kernel/errors.js';
import type { OrganizationInputType, ServiceInputType, SERVICE_STATUSES } from './catalogue-input.js';
import type { CitizenProfile } from './citizen-attributes.js';
import { type EligibilityRule, type Explanation, evaluateEligibility } from './eligibility.js';
import type { Actor } from './request.js';
import { mergeSeedChange } from './seed-merge.js';

/**
 * The catalogue's rules: organizations (providers) with their contact officers and locations, and the services
 * they offer, each change numbered and recorded with who made it and when. Pure: the store persists the results.
 */
export type Level = 'canton' | 'national';
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

interface Stamped {
  readonly cantonId: string;
  readonly level: Level;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export type Organization = OrganizationInputType & Stamped;
export type Service = ServiceInputType & Stamped;

export type CatalogueAction = 'created' | 'updated' | 'deactivated' | 'availability-changed';

export interface CatalogueEvent {
  readonly version: number;
  readonly at: string;
  readonly by: Actor;
  readonly action: CatalogueAction;
  /** Which fields changed (names only), and for status and spots the values, which are not personal. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface CatalogueChange<T> {
  readonly record: T;
  readonly event: CatalogueEvent;
}

const actorOf = (caller: Caller): Actor => ({ userId: caller.userId, roles: caller.roles });

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => JSON.stringify(before[n]) !== JSON.stringify(after[n])).sort();
}

const STAMP_FIELDS = ['cantonId', 'level', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
const withoutStamp = (record: object) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => !STAMP_FIELDS.includes(k)));

/** A record's content as its input gave it: without the stamps the catalogue adds (version, who, when). */
export const contentOf = <T extends OrganizationInputType | ServiceInputType>(record: T & Stamped): T =>
  withoutStamp(record) as T;

/**
 * A changed seed applied to a live service (see seed-merge.ts): available spots belong to live operation, but a
 * seed that changes the total moves them by the same amount, so the spots held by referrals stay held.
 */
export function mergeServiceSeed(current: Service, base: ServiceInputType, seed: ServiceInputType) {
  const live = contentOf<ServiceInputType>(current);
  const change = mergeSeedChange(live, base, seed, ['capacity.available']);
  if (!change.taken.includes('capacity.total')) return change;
  const { total } = change.merged.capacity;
  const held = live.capacity.total - live.capacity.available;
  const available = Math.min(total, Math.max(0, total - held));
  return { ...change, merged: { ...change.merged, capacity: { ...change.merged.capacity, available } } };
}

/**
 * Does the record already hold this content? Then a PUT of it has nothing to change: it answers the record as it
 * is and writes no version, so a client retrying after a timeout is told what it asked for.
 */
export function holdsContent(current: object | undefined, input: object): boolean {
  return current !== undefined && changedFields(withoutStamp(current), { ...input }).length === 0;
}

/**
 * Creates a record or replaces its content (PUT semantics: ids are chosen by the coordinator). Replacing with the
 * same content is refused, so every version in the history is a real change: callers check holdsContent first.
 */
export function upsert<T extends OrganizationInputType | ServiceInputType>(
  current: (T & Stamped) | undefined,
  input: T,
  ctx: { caller: Caller; level: Level; now: string },
): CatalogueChange<T & Stamped> {
  const { caller, level, now } = ctx;
  if (!current) {
    const record = {
      ...input,
      cantonId: caller.cantonId,
      level,
      version: 1,
      createdAt: now,
      createdBy: caller.userId,
      updatedAt: now,
      updatedBy: caller.userId,
    } as T & Stamped;
    return { record, event: { version: 1, at: now, by: actorOf(caller), action: 'created', details: {} } };
  }
  const fields = changedFields(withoutStamp(current), { ...input });
  if (fields.length === 0) {
    throw conflict({ es: 'No hay cambios que guardar', en: 'There is nothing to change' });
  }
  const version = current.version + 1;
  // A replacement: the new content whole (fields left out are gone), with the record's stamps carried over.
  const record = {
    ...input,
    cantonId: current.cantonId,
    level: current.level,
    version,
    createdAt: current.createdAt,
    createdBy: current.createdBy,
    updatedAt: now,
    updatedBy: caller.userId,
  } as T & Stamped;
  return { record, event: { version, at: now, by: actorOf(caller), action: 'updated', details: { fields } } };
}

/** A service may only point at its own organization's locations and contact officers. */
export function serviceReferenceProblems(service: ServiceInputType, organization: Organization | undefined) {
  const problems: FieldProblem[] = [];
  if (!organization) {
    problems.push({
      field: 'organizationId',
      problem: {
        es: `no existe la organización "${service.organizationId}" en este catálogo`,
        en: `there is no organization "${service.organizationId}" in this catalogue`,
      },
    });
    return problems;
  }
  const locations = new Set(organization.locations.map((l) => l.id));
  service.locationIds.forEach((id, i) => {
    if (!locations.has(id)) {
      problems.push({
        field: `locationIds.${i}`,
        problem: {
          es: `"${id}" no es un local de ${organization.name}`,
          en: `"${id}" is not a location of ${organization.name}`,
        },
      });
    }
  });
  const officers = new Set(organization.contactOfficers.map((o) => o.id));
  service.contactOfficerIds.forEach((id, i) => {
    if (!officers.has(id)) {
      problems.push({
        field: `contactOfficerIds.${i}`,
        problem: {
          es: `"${id}" no es funcionario de enlace de ${organization.name}`,
          en: `"${id}" is not a contact officer of ${organization.name}`,
        },
      });
    }
  });
  return problems;
}

export function deactivateService(current: Service, reason: string, caller: Caller, now: string) {
  if (current.status === 'inactive' || current.status === 'defunct') {
    throw conflict({
      es: `El servicio ya no está activo (estado actual: ${current.status})`,
      en: `The service is no longer active (current status: ${current.status})`,
    });
  }
  return statusChange(current, { status: 'inactive' }, 'deactivated', { reason }, caller, now);
}

export interface AvailabilityChange {
  readonly available?: number;
  readonly status?: 'active' | 'temporarily-closed';
  readonly waitlist?: boolean;
}

export function changeAvailability(
  current: Service,
  change: AvailabilityChange,
  caller: Caller,
  now: string,
) {
  if (change.available !== undefined && change.available > current.capacity.total) {
    throw conflict({
      es: `Los cupos disponibles no pueden superar el total (${current.capacity.total})`,
      en: `Available spots cannot exceed the total (${current.capacity.total})`,
    });
  }
  if (current.status === 'inactive' || current.status === 'defunct') {
    throw conflict({
      es: `Solo la coordinación puede reactivar un servicio (estado actual: ${current.status})`,
      en: `Only a coordinator can reactivate a service (current status: ${current.status})`,
    });
  }
  const capacity = {
    ...current.capacity,
    ...(change.available !== undefined ? { available: change.available } : {}),
    ...(change.waitlist !== undefined ? { waitlist: change.waitlist } : {}),
  };
  return statusChange(
    current,
    { capacity, ...(change.status ? { status: change.status } : {}) },
    'availability-changed',
    {
      ...(change.available !== undefined
        ? { available: { from: current.capacity.available, to: change.available } }
        : {}),
      ...(change.status ? { status: { from: current.status, to: change.status } } : {}),
      ...(change.waitlist !== undefined ? { waitlist: change.waitlist } : {}),
    },
    caller,
    now,
  );
}

function statusChange(
  current: Service,
  changes: Partial<Service>,
  action: CatalogueAction,
  details: Record<string, unknown>,
  caller: Caller,
  now: string,
): CatalogueChange<Service> {
  const version = current.version + 1;
  return {
    record: { ...current, ...changes, version, updatedAt: now, updatedBy: caller.userId },
    event: { version, at: now, by: actorOf(caller), action, details },
  };
}

// ---- finding services for a citizen ----

export interface ServiceQuery {
  readonly category?: string;
  readonly subcategory?: string;
  readonly text?: string;
  /** Only services that can take the citizen now: spots left, or a waitlist. */
  readonly available?: boolean;
  readonly status?: ServiceStatus;
}

/** Lower-case and without accents, so "atencion" finds "Atención". */
export const normalize = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export const hasRoom = (s: Service) => s.capacity.available > 0 || s.capacity.waitlist;

export function matchesQuery(service: Service, query: ServiceQuery, organizationName = ''): boolean {
  if (query.status && service.status !== query.status) return false;
  if (query.category && !service.serves.some((s) => s.category === query.category)) return false;
  if (
    query.subcategory &&
    !service.serves.some(
      (s) => s.subcategory === query.subcategory && (!query.category || s.category === query.category),
    )
  ) {
    return false;
  }
  if (query.available && (service.status !== 'active' || !hasRoom(service))) return false;
  if (query.text) {
    const haystack = normalize(`${service.name} ${service.description} ${organizationName}`);
    if (
      !normalize(query.text)
        .split(/\s+/)
        .filter(Boolean)
        .every((word) => haystack.includes(word))
    )
      return false;
  }
  return true;
}

export interface EligibilityVerdict {
  readonly service: Service;
  readonly eligible: boolean;
  readonly unmet: readonly Explanation[];
}

/**
 * Checks each service's criteria against what is known of the citizen; a service without criteria is open to all.
 * An inactive or full service is reported as such, since the officer cannot refer to it either.
 */
export function checkEligibility(
  services: readonly Service[],
  profile: CitizenProfile,
): EligibilityVerdict[] {
  return services.map((service) => {
    const result = service.eligibility
      ? evaluateEligibility(service.eligibility as EligibilityRule, profile)
      : { eligible: true, unmet: [] };
    const unmet = [...result.unmet];
    if (service.status !== 'active') {
      unmet.push({
        attribute: 'service.status',
        reason: 'not-met',
        text: {
          es: `El servicio no está activo (estado: ${service.status})`,
          en: `The service is not active (status: ${service.status})`,
        },
      });
    } else if (!hasRoom(service)) {
      unmet.push({
        attribute: 'service.capacity',
        reason: 'not-met',
        text: {
          es: 'El servicio no tiene cupos ni lista de espera',
          en: 'The service has no spots and no waitlist',
        },
      });
    }
    return { service, eligible: unmet.length === 0, unmet };
  });
}

// ---- service points near a citizen ----

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance in kilometres (haversine): plenty precise at a canton's scale. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}
