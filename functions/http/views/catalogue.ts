import type { CatalogueEvent, Organization, Service } from '#domain/catalogue.js';
import { describeRule, type EligibilityRule } from '#domain/eligibility.js';
import type { Language } from '#domain/taxonomy.js';
import { entityTag } from '../conditional.js';

/**
 * A service's ETag: its version and its available spots, since referrals take and give back spots without a new
 * version (see saveService); a tag of the version alone would tell a client polling spots that nothing changed.
 */
export const serviceTag = (service: Service) => entityTag(service.version, service.capacity.available);

const events = (history?: readonly CatalogueEvent[]) =>
  history ? { history: history.map(({ version: _version, ...event }) => event) } : {};

export function organizationView(organization: Organization, history?: readonly CatalogueEvent[]) {
  return { ...organization, ...events(history) };
}

/** A service as callers see it: its rule also in words, in the caller's language. */
export function serviceView(service: Service, language: Language, history?: readonly CatalogueEvent[]) {
  return {
    ...service,
    ...(service.eligibility
      ? { eligibilityDescription: describeRule(service.eligibility as EligibilityRule, language) }
      : {}),
    ...events(history),
  };
}
