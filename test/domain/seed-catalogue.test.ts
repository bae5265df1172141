import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import {
  OrganizationInput,
  type OrganizationInputType,
  SECTORS,
  ServiceInput,
  type ServiceInputType,
} from '../../functions/http/schemas/catalogue.js';
import { type Organization, serviceReferenceProblems } from '../../functions/domain/catalogue.js';
import type { CitizenProfile } from '../../functions/domain/citizen-attributes.js';
import {
  attributesOf,
  describeRule,
  type EligibilityRule,
  evaluateEligibility,
} from '../../functions/domain/eligibility.js';
import { CATEGORIES, CATEGORY_CODES } from '../../functions/domain/taxonomy.js';

/**
 * The demo catalogues that `npm start` seeds (cantons/catalogue/*.json): valid against the management API's
 * schemas, internally consistent, and rich enough that every protocol has somewhere to refer.
 */
const CANTON_IDS = ['quito', 'cuenca', 'santa-cruz', 'national'] as const;
type CantonId = (typeof CANTON_IDS)[number];

interface Catalogue {
  readonly organizations: OrganizationInputType[];
  readonly services: ServiceInputType[];
  /** Schema issues, by organization or service id; the other checks look at the entries that parsed. */
  readonly problems: string[];
}

const fileOf = (canton: CantonId) => new URL(`../../cantons/catalogue/${canton}.json`, import.meta.url);

/** Custom refinements carry their text in `params: { es, en }`; zod's own message is generic. */
const issuesOf = (error: z.core.$ZodError) =>
  error.issues
    .map((i) => {
      const params = (i as { params?: { en?: string } }).params;
      return `  ${i.path.join('.') || '(root)'}: ${params?.en ?? i.message}`;
    })
    .join('\n');

/** Parses a file with the API's schemas, keeping every issue named by organization or service id. */
function load(canton: CantonId): Catalogue {
  const raw = JSON.parse(readFileSync(fileOf(canton), 'utf8')) as {
    organizations?: unknown[];
    services?: unknown[];
  };
  const problems: string[] = [];
  const organizations: OrganizationInputType[] = [];
  const services: ServiceInputType[] = [];
  for (const [i, input] of (raw.organizations ?? []).entries()) {
    const parsed = OrganizationInput.safeParse(input);
    if (parsed.success) organizations.push(parsed.data);
    else problems.push(`organizations[${i}] ${(input as { id?: string }).id}:\n${issuesOf(parsed.error)}`);
  }
  for (const [i, input] of (raw.services ?? []).entries()) {
    const parsed = ServiceInput.safeParse(input);
    if (parsed.success) services.push(parsed.data);
    else problems.push(`services[${i}] ${(input as { id?: string }).id}:\n${issuesOf(parsed.error)}`);
  }
  return { organizations, services, problems };
}

const catalogues = Object.fromEntries(CANTON_IDS.map((c) => [c, load(c)])) as Record<CantonId, Catalogue>;

const cantonDefinition = (canton: CantonId) =>
  JSON.parse(readFileSync(new URL(`../../cantons/${canton}.json`, import.meta.url), 'utf8')) as {
    level: 'canton' | 'national';
    enabledCategories: string[];
  };

const stamped = (org: OrganizationInputType, canton: CantonId): Organization => ({
  ...org,
  cantonId: canton,
  level: canton === 'national' ? 'national' : 'canton',
  version: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  createdBy: 'seed',
  updatedAt: '2025-01-01T00:00:00.000Z',
  updatedBy: 'seed',
});

const servicePoints = (catalogue: Catalogue) =>
  catalogue.organizations.flatMap((o) => o.locations).filter((l) => l.kind === 'service-point');

const duplicates = (ids: readonly string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

const MINIMUMS: Record<CantonId, { services: number; servicePoints: number }> = {
  quito: { services: 15, servicePoints: 2 },
  cuenca: { services: 8, servicePoints: 2 },
  'santa-cruz': { services: 4, servicePoints: 1 },
  national: { services: 5, servicePoints: 0 },
};

describe.each(CANTON_IDS)('seed catalogue %s', (canton) => {
  const catalogue = catalogues[canton];

  it('parses with the API schemas', () => {
    expect(catalogue.problems, `${canton}.json:\n${catalogue.problems.join('\n')}`).toEqual([]);
    expect(catalogue.organizations.length).toBeGreaterThan(0);
    expect(catalogue.services.length).toBeGreaterThan(0);
  });

  it('has unique ids for organizations, services, locations and contact officers', () => {
    const orgs = catalogue.organizations;
    expect(duplicates(orgs.map((o) => o.id))).toEqual([]);
    expect(duplicates(catalogue.services.map((s) => s.id))).toEqual([]);
    expect(duplicates(orgs.flatMap((o) => o.locations.map((l) => l.id)))).toEqual([]);
    expect(duplicates(orgs.flatMap((o) => o.contactOfficers.map((c) => c.id)))).toEqual([]);
  });

  it('points each service only at its own organization, locations and contact officers', () => {
    const byId = new Map(catalogue.organizations.map((o) => [o.id, stamped(o, canton)]));
    const problems = catalogue.services.flatMap((s) =>
      serviceReferenceProblems(s, byId.get(s.organizationId)).map(
        (p) => `${s.id}: ${p.field}: ${typeof p.problem === 'string' ? p.problem : p.problem.en}`,
      ),
    );
    expect(problems).toEqual([]);
  });

  it('meets its minimum number of services and service points', () => {
    expect(catalogue.services.length).toBeGreaterThanOrEqual(MINIMUMS[canton].services);
    expect(servicePoints(catalogue).length).toBeGreaterThanOrEqual(MINIMUMS[canton].servicePoints);
  });

  it('gives every organization 1 to 3 contact officers with fictitious e-mails and Ecuadorian mobiles', () => {
    for (const org of catalogue.organizations) {
      expect(org.contactOfficers.length, org.id).toBeGreaterThanOrEqual(1);
      expect(org.contactOfficers.length, org.id).toBeLessThanOrEqual(3);
      for (const officer of org.contactOfficers) {
        expect(officer.email, officer.id).toMatch(/\.example\.org$/);
        expect(officer.phone, officer.id).toMatch(/^\+5939\d{8}$/);
      }
      if (org.email) expect(org.email, org.id).toMatch(/\.example\.org$/);
      if (org.website) expect(new URL(org.website).hostname, org.id).toMatch(/\.example\.org$/);
    }
  });

  it('serves only the categories the canton has enabled', () => {
    const enabled = new Set(cantonDefinition(canton).enabledCategories);
    const disabled = catalogue.services.flatMap((s) =>
      s.serves.filter((x) => !enabled.has(x.category)).map((x) => `${s.id}: ${x.category}`),
    );
    expect(disabled).toEqual([]);
  });

  it('has eligibility rules that explain themselves in Spanish and English, each with a text for people', () => {
    for (const service of catalogue.services) {
      if (!service.eligibility) continue;
      const rule = service.eligibility as EligibilityRule;
      expect(describeRule(rule, 'es'), service.id).toMatch(/^Personas /);
      expect(describeRule(rule, 'en'), service.id).toMatch(/^People /);
      expect(service.eligibilityText, service.id).toBeTruthy();
    }
  });

  it('keeps every location inside Ecuador, near its city', () => {
    for (const location of catalogue.organizations.flatMap((o) => o.locations)) {
      // Mainland Ecuador and Galápagos.
      expect(location.latitude, location.id).toBeGreaterThan(-5.1);
      expect(location.latitude, location.id).toBeLessThan(1.5);
      expect(location.longitude, location.id).toBeGreaterThan(-92.1);
      expect(location.longitude, location.id).toBeLessThan(-75.1);
    }
  });
});

describe('Quito seed catalogue', () => {
  const quito = catalogues.quito;

  it('has at least 15 services covering all four sectors and all seven categories', () => {
    expect(quito.services.length).toBeGreaterThanOrEqual(15);
    const sectorOf = new Map(quito.organizations.map((o) => [o.id, o.sector]));
    expect(new Set(quito.services.map((s) => sectorOf.get(s.organizationId)))).toEqual(new Set(SECTORS));
    expect(new Set(quito.services.flatMap((s) => s.serves.map((x) => x.category)))).toEqual(
      new Set(CATEGORY_CODES),
    );
  });

  it('exercises capacity and status: full with and without waitlist, temporarily closed, inactive', () => {
    const full = quito.services.filter((s) => s.status === 'active' && s.capacity.available === 0);
    expect(full.some((s) => s.capacity.waitlist)).toBe(true);
    expect(full.some((s) => !s.capacity.waitlist)).toBe(true);
    expect(quito.services.some((s) => s.status === 'temporarily-closed')).toBe(true);
    expect(quito.services.some((s) => s.status === 'inactive')).toBe(true);
  });

  it('locates its service points within the district', () => {
    for (const point of servicePoints(quito)) {
      expect(point.latitude, point.id).toBeGreaterThan(-0.45);
      expect(point.latitude, point.id).toBeLessThan(0.05);
      expect(point.longitude, point.id).toBeGreaterThan(-78.65);
      expect(point.longitude, point.id).toBeLessThan(-78.3);
    }
  });
});

describe('every subcategory has somewhere to refer', () => {
  it('is served by at least one active service in Quito or at national level', () => {
    const served = new Set(
      [...catalogues.quito.services, ...catalogues.national.services]
        .filter((s) => s.status === 'active')
        .flatMap((s) => s.serves.map((x) => `${x.category}/${x.subcategory}`)),
    );
    const missing = CATEGORIES.flatMap((c) => c.subcategories.map((s) => `${c.code}/${s.code}`)).filter(
      (code) => !served.has(code),
    );
    expect(missing).toEqual([]);
  });
});

describe('national seed catalogue', () => {
  const national = catalogues.national;

  it('offers nationwide services whose criteria do not depend on the canton', () => {
    expect(national.services.length).toBeGreaterThanOrEqual(5);
    for (const service of national.services) {
      if (service.eligibility) {
        expect(attributesOf(service.eligibility as EligibilityRule), service.id).not.toContain('canton');
      }
    }
    expect(cantonDefinition('national').level).toBe('national');
  });

  it('grants the older-adult pension to a poor 70-year-old without a contributory pension, only', () => {
    const pension = national.services.find((s) => s.id === 'pension-mis-mejores-anos');
    const rule = pension?.eligibility as EligibilityRule;
    const person: CitizenProfile = {
      age: 70,
      povertyClassification: 'poverty',
      receivesContributoryPension: false,
    };
    expect(evaluateEligibility(rule, person).eligible).toBe(true);
    expect(evaluateEligibility(rule, { ...person, receivesContributoryPension: true }).eligible).toBe(false);
    expect(evaluateEligibility(rule, { ...person, age: 60 }).eligible).toBe(false);
    expect(evaluateEligibility(rule, { ...person, povertyClassification: 'not-poor' }).eligible).toBe(false);
  });
});
