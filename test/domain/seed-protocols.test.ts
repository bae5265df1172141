import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CantonDefinition, CantonDefinitionSchema } from '../../functions/domain/canton.js';
import { nominalHours } from '../../functions/domain/deadlines.js';
import {
  DEADLINE_NAMES,
  isOverrideDocument,
  parseProtocolDefinition,
  type ProtocolDefinition,
  type ProtocolProblem,
  resolveProtocol,
  validateProtocolReferences,
} from '../../functions/domain/protocol.js';
import { CATEGORIES } from '../../functions/domain/taxonomy.js';

/**
 * The demo protocols that `npm start` publishes (cantons/protocols/*.json): one national template per subcategory,
 * and per canton a mix of full definitions and overrides of the national template. Each canton entry is addressed
 * by its `subcategory` ({ category, subcategory }): a full definition carries it anyway, an override document
 * cannot (the template's subcategory is not overridable), so the entry carries it beside `inherits` and
 * `overrides` and the publisher strips it before resolving.
 */
const CANTON_IDS = ['quito', 'cuenca', 'santa-cruz'] as const;
type CantonId = (typeof CANTON_IDS)[number];
const MINIMUM_DOCUMENTS: Record<CantonId, number> = { quito: 10, cuenca: 5, 'santa-cruz': 3 };
const VALID_FROM = '2026-01-01';

const readJson = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../cantons/${path}`, import.meta.url), 'utf8'));

const cantonOf = (id: string): CantonDefinition => CantonDefinitionSchema.parse(readJson(`${id}.json`));

interface CatalogueService {
  readonly id: string;
  readonly status?: string;
  readonly serves: readonly { category: string; subcategory: string }[];
}

const servicesOf = (id: string) =>
  new Map(
    (readJson(`catalogue/${id}.json`) as { services: CatalogueService[] }).services.map((s) => [s.id, s]),
  );

const keyOf = (s: { category: string; subcategory: string }) => `${s.category}/${s.subcategory}`;
const ALL_SUBCATEGORIES = CATEGORIES.flatMap((c) =>
  c.subcategories.map((s) => keyOf({ category: c.code, subcategory: s.code })),
);

const show = (problems: readonly ProtocolProblem[]) =>
  problems.map((p) => `    ${p.field}: ${p.problem.en}`).join('\n');

const national = cantonOf('national');
const nationalServices = servicesOf('national');

/** A service that can be named by a protocol: it serves the subcategory and has not been retired. */
function serviceProblem(service: CatalogueService | undefined, id: string, key: string): string | undefined {
  if (!service) return `service "${id}" is in no catalogue it can be referred from`;
  if (!service.serves.some((s) => keyOf(s) === key)) return `service "${id}" does not serve ${key}`;
  if (service.status === 'inactive' || service.status === 'defunct') {
    return `service "${id}" is ${service.status}`;
  }
  return undefined;
}

// ---- National templates ----

const nationalEntries = readJson('protocols/national.json') as unknown[];
const templateProblems: string[] = [];
const templates = new Map<string, ProtocolDefinition>();
nationalEntries.forEach((entry, i) => {
  const parsed = parseProtocolDefinition(entry);
  if (!parsed.ok) {
    templateProblems.push(`national[${i}] does not parse:\n${show(parsed.problems)}`);
    return;
  }
  const key = keyOf(parsed.value.subcategory);
  if (templates.has(key)) templateProblems.push(`national[${i}] repeats ${key}`);
  templates.set(key, parsed.value);
});

describe('national protocol templates', () => {
  it('has exactly one valid definition per subcategory of the taxonomy', () => {
    const problems = [...templateProblems];
    for (const key of ALL_SUBCATEGORIES) {
      if (!templates.has(key)) problems.push(`no template for ${key}`);
    }
    expect(nationalEntries).toHaveLength(ALL_SUBCATEGORIES.length);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('names only national staff, coordinators and services', () => {
    const serviceIds = new Set(nationalServices.keys());
    const problems = [...templates].flatMap(([key, definition]) => {
      const found = validateProtocolReferences(definition, {
        canton: national,
        national,
        serviceIds,
        nationalServiceIds: serviceIds,
      });
      return found.length > 0 ? [`${key}:\n${show(found)}`] : [];
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('lists exactly the national services that serve each subcategory', () => {
    const problems: string[] = [];
    for (const [key, definition] of templates) {
      for (const id of definition.eligibleServiceIds) {
        const problem = serviceProblem(nationalServices.get(id), id, key);
        if (problem) problems.push(`${key}: ${problem}`);
      }
      for (const service of nationalServices.values()) {
        const serves = serviceProblem(service, service.id, key) === undefined;
        if (serves && !definition.eligibleServiceIds.includes(service.id)) {
          problems.push(`${key}: leaves out national service "${service.id}", which serves it`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('escalates only to roles, so that every canton can inherit the ladders', () => {
    const problems: string[] = [];
    for (const [key, definition] of templates) {
      for (const name of DEADLINE_NAMES) {
        definition.escalation[name].forEach((step, i) => {
          if (step.notify.role === undefined) problems.push(`${key}: escalation.${name}.${i} names a person`);
        });
        if (definition.escalation[name].at(-1)?.notify.role !== 'national-coordinator') {
          problems.push(`${key}: escalation.${name} does not end at the national coordinator`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('is in force from 2026-01-01 with no end, and the operator handles general information only', () => {
    const problems: string[] = [];
    for (const [key, definition] of templates) {
      const { from, until } = definition.validity;
      if (from !== VALID_FROM || until !== undefined) {
        problems.push(`${key}: validity ${from}–${until ?? ''}`);
      }
      const expected =
        definition.subcategory.category === 'general-information' ? 'operator' : 'swcs-officer';
      if (definition.handledBy !== expected) problems.push(`${key}: handled by ${definition.handledBy}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('acknowledges urgent requests faster than any other, and counter-refers them faster than other referrals', () => {
    const all = [...templates.values()];
    const urgent = all.filter((d) => d.subcategory.category === 'urgent');
    const others = all.filter((d) => d.subcategory.category !== 'urgent');
    expect(urgent).toHaveLength(CATEGORIES.find((c) => c.code === 'urgent')!.subcategories.length);
    const problems: string[] = [];
    for (const name of DEADLINE_NAMES) {
      const slowestUrgent = Math.max(...urgent.map((d) => nominalHours(d.deadlines[name])));
      // A question the operator answers on the spot may close sooner than an urgent referral does.
      const compared = name === 'acknowledgement' ? others : others.filter((d) => d.handledBy !== 'operator');
      for (const other of compared) {
        if (nominalHours(other.deadlines[name]) <= slowestUrgent) {
          problems.push(
            `${keyOf(other.subcategory)}: ${name} in ${nominalHours(other.deadlines[name])} h is not slower than urgent (${slowestUrgent} h)`,
          );
        }
      }
      for (const d of urgent) {
        if (d.deadlines[name].unit !== 'hours') {
          problems.push(`${keyOf(d.subcategory)}: urgent ${name} counts working days, not hours`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

// ---- Canton documents ----

interface CantonEntry {
  readonly index: number;
  readonly key: string;
  readonly override: boolean;
  /** What the publisher receives: the entry without its address when it is an override. */
  readonly document: unknown;
}

function entriesOf(canton: CantonId): { entries: CantonEntry[]; problems: string[] } {
  const raw = readJson(`protocols/${canton}.json`) as Record<string, unknown>[];
  const problems: string[] = [];
  const entries = raw.flatMap((entry, index): CantonEntry[] => {
    const address = entry.subcategory as { category?: unknown; subcategory?: unknown } | undefined;
    if (typeof address?.category !== 'string' || typeof address.subcategory !== 'string') {
      problems.push(`${canton}[${index}] says no subcategory`);
      return [];
    }
    const key = keyOf(address as { category: string; subcategory: string });
    const override = isOverrideDocument(entry);
    const { subcategory: _address, ...document } = entry;
    return [{ index, key, override, document: override ? document : entry }];
  });
  return { entries, problems };
}

describe.each(CANTON_IDS)('protocols of %s', (cantonId) => {
  const canton = cantonOf(cantonId);
  const cantonServices = servicesOf(cantonId);
  const serviceIds = new Set(cantonServices.keys());
  const nationalServiceIds = new Set(nationalServices.keys());
  const { entries, problems: addressProblems } = entriesOf(cantonId);
  const label = (e: CantonEntry) => `${cantonId}[${e.index}] ${e.key}${e.override ? ' (override)' : ''}`;

  const resolved = entries.map((entry) => {
    const template = templates.get(entry.key);
    return { entry, template, result: template ? resolveProtocol(template, entry.document) : undefined };
  });

  it('has enough documents, full definitions and overrides alike, at most one per subcategory', () => {
    const problems = [...addressProblems];
    expect(entries.length).toBeGreaterThanOrEqual(MINIMUM_DOCUMENTS[cantonId]);
    expect(entries.some((e) => e.override)).toBe(true);
    expect(entries.some((e) => !e.override)).toBe(true);
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.key)) problems.push(`${label(entry)} repeats its subcategory`);
      seen.add(entry.key);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('only has documents for the categories the canton handles', () => {
    const problems = entries
      .filter((e) => !(canton.enabledCategories as readonly string[]).includes(e.key.split('/')[0]!))
      .map((e) => `${label(e)}: category not enabled in ${cantonId}`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('resolves every document against its national template', () => {
    const problems = resolved.flatMap(({ entry, template, result }) => {
      if (!template) return [`${label(entry)}: no national template for ${entry.key}`];
      if (!result?.ok) return [`${label(entry)} does not resolve:\n${show(result?.problems ?? [])}`];
      const out: string[] = [];
      if (keyOf(result.definition.subcategory) !== entry.key) {
        out.push(`${label(entry)}: defines ${keyOf(result.definition.subcategory)}`);
      }
      if (result.inherited !== entry.override) out.push(`${label(entry)}: inherited is ${result.inherited}`);
      const { from, until } = result.definition.validity;
      if (from !== VALID_FROM || until !== undefined) {
        out.push(`${label(entry)}: validity ${from}–${until ?? ''}`);
      }
      return out;
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('names only staff and coordinators the canton can reach, and only services it can refer to', () => {
    const problems = resolved.flatMap(({ entry, result }) => {
      if (!result?.ok) return [];
      const found = validateProtocolReferences(result.definition, {
        canton,
        national,
        serviceIds,
        nationalServiceIds,
      });
      return found.length > 0 ? [`${label(entry)}:\n${show(found)}`] : [];
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('lists own services that serve the subcategory, and national ones only as reached by escalation', () => {
    const problems = resolved.flatMap(({ entry, result }) => {
      if (!result?.ok) return [];
      const { eligibleServiceIds, nationalServiceIds: escalated = [] } = result.definition;
      return [
        ...eligibleServiceIds.map((id) => serviceProblem(cantonServices.get(id), id, entry.key)),
        ...escalated.map((id) => serviceProblem(nationalServices.get(id), id, entry.key)),
      ].flatMap((problem) => (problem ? [`${label(entry)}: ${problem}`] : []));
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('still reaches, by escalation, every national service its national template lists', () => {
    const problems = resolved.flatMap(({ entry, template, result }) => {
      if (!result?.ok || !template) return [];
      const escalated = result.definition.nationalServiceIds ?? [];
      return template.eligibleServiceIds
        .filter((id) => !escalated.includes(id))
        .map((id) => `${label(entry)}: no longer reaches national service "${id}"`);
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

describe('canton adjustments', () => {
  const definitionOf = (cantonId: CantonId, key: string) => {
    const entry = entriesOf(cantonId).entries.find((e) => e.key === key);
    const template = templates.get(key);
    const result = entry && template ? resolveProtocol(template, entry.document) : undefined;
    return result?.ok ? result.definition : undefined;
  };

  it('Quito acknowledges urgent requests within 2 hours', () => {
    const urgent = CATEGORIES.find((c) => c.code === 'urgent')!.subcategories;
    for (const { code } of urgent) {
      const definition = definitionOf('quito', `urgent/${code}`);
      expect(definition, code).toBeDefined();
      expect(nominalHours(definition!.deadlines.acknowledgement), code).toBeLessThanOrEqual(2);
    }
  });

  it('Santa Cruz gives the islands more working days than the national template', () => {
    const overrides = entriesOf('santa-cruz').entries.filter((e) => e.override);
    expect(overrides.length).toBeGreaterThan(0);
    for (const entry of overrides) {
      const definition = definitionOf('santa-cruz', entry.key)!;
      const template = templates.get(entry.key)!;
      expect(nominalHours(definition.deadlines.counterReferral), entry.key).toBeGreaterThan(
        nominalHours(template.deadlines.counterReferral),
      );
    }
  });
});
