import { describe, expect, it } from 'vitest';
import type { CantonDefinition } from '../../functions/domain/canton.js';
import {
  isExpired,
  parseProtocolDefinition,
  locateProblems,
  planPublication,
  type ProtocolDefinition,
  type ProtocolProblem,
  protocolInForce,
  type PublishedProtocol,
  referralTargets,
  resolveProtocol,
  validateProtocolReferences,
} from '../../functions/domain/protocol.js';

// Loose JSON, to build the bad inputs a client may send.
type Json = Record<string, any>;

/** A valid national template for older adults; each test breaks one thing. */
function template(): Json {
  return {
    subcategory: { category: 'special-needs', subcategory: 'older-adults' },
    handledBy: 'swcs-officer',
    eligibleServiceIds: ['centro-gerontologico', 'cuidado-domicilio'],
    eligibility: { attribute: 'age', op: 'gte', value: 65 },
    deadlines: {
      acknowledgement: { amount: 2, unit: 'working-days' },
      counterReferral: { amount: 10, unit: 'working-days' },
    },
    reminders: {
      acknowledgement: [{ amount: 4, unit: 'hours' }],
      counterReferral: [
        { amount: 2, unit: 'working-days' },
        { amount: 1, unit: 'working-days' },
      ],
    },
    escalation: {
      acknowledgement: [
        { after: { amount: 4, unit: 'hours' }, notify: { role: 'supervisor' } },
        { after: { amount: 1, unit: 'working-days' }, notify: { role: 'canton-coordinator' } },
        { after: { amount: 3, unit: 'working-days' }, notify: { role: 'national-coordinator' } },
      ],
      counterReferral: [
        { after: { amount: 1, unit: 'working-days' }, notify: { staffId: 'uio.coordinadora' } },
        { after: { amount: 5, unit: 'working-days' }, notify: { role: 'national-coordinator' } },
      ],
    },
    counterReferral: {
      requiredFields: ['assisted', 'outcome', 'dateServed'],
      customFields: [
        {
          name: 'homeVisitDone',
          type: 'boolean',
          label: { es: '¿Se realizó visita domiciliaria?', en: 'Was a home visit made?' },
        },
      ],
    },
    validity: { from: '2026-01-01' },
    indicators: [{ id: 'on-time-acknowledgement-rate', target: 0.9 }, { id: 'spots-used' }],
  };
}

function problemsOf(edit: (p: Json) => void): ProtocolProblem[] {
  const input = template();
  edit(input);
  const result = parseProtocolDefinition(input);
  if (result.ok) throw new Error('expected the definition to be refused');
  return result.problems;
}

function valid(edit: (p: Json) => void = () => undefined): ProtocolDefinition {
  const input = template();
  edit(input);
  const result = parseProtocolDefinition(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe('protocol definition', () => {
  it('accepts a complete protocol and keeps it as given', () => {
    expect(valid()).toEqual(template());
    expect(valid((p) => (p.eligibleServiceIds = [])).eligibleServiceIds).toEqual([]);
    expect(valid((p) => delete p.eligibility).eligibility).toBeUndefined();
    // 47 hours is shorter than 2 working days, which weigh 48.
    expect(valid((p) => p.reminders.acknowledgement.push({ amount: 47, unit: 'hours' }))).toBeDefined();
  });

  it('checks the subcategory against the taxonomy', () => {
    expect(problemsOf((p) => (p.subcategory.category = 'parking'))).toEqual([
      {
        field: 'subcategory.category',
        problem: { es: 'categoría desconocida "parking"', en: 'unknown category "parking"' },
      },
    ]);
    expect(problemsOf((p) => (p.subcategory.subcategory = 'housing'))).toEqual([
      {
        field: 'subcategory.subcategory',
        problem: {
          es: '"housing" no es una subcategoría de "special-needs"',
          en: '"housing" is not a subcategory of "special-needs"',
        },
      },
    ]);
  });

  it('reports zod’s own issues in Spanish and English, naming unknown keys', () => {
    expect(problemsOf((p) => (p.handledBy = 'robot'))).toEqual([
      {
        field: 'handledBy',
        problem: {
          es: 'Opción inválida: se esperaba una de "operator"|"swcs-officer"',
          en: 'Invalid option: expected one of "operator"|"swcs-officer"',
        },
      },
    ]);
    expect(problemsOf((p) => (p.owner = 'x'))).toEqual([
      { field: 'owner', problem: { es: 'Llave desconocida: "owner"', en: 'Unrecognized key: "owner"' } },
    ]);
  });

  it('requires positive whole durations in hours or working days, within bounds', () => {
    const fields = (edit: (p: Json) => void) => problemsOf(edit).map((x) => x.field);
    expect(fields((p) => (p.deadlines.acknowledgement.amount = 0))).toEqual([
      'deadlines.acknowledgement.amount',
    ]);
    expect(fields((p) => (p.deadlines.acknowledgement.amount = 1.5))).toEqual([
      'deadlines.acknowledgement.amount',
    ]);
    expect(fields((p) => (p.deadlines.counterReferral.unit = 'days'))).toEqual([
      'deadlines.counterReferral.unit',
    ]);
    expect(problemsOf((p) => (p.deadlines.counterReferral.amount = 300))).toEqual([
      {
        field: 'deadlines.counterReferral.amount',
        problem: {
          es: 'no puede superar 250 para la unidad working-days',
          en: 'must be at most 250 for unit working-days',
        },
      },
    ]);
  });

  it('refuses a reminder at or after its deadline, naming the reminder', () => {
    expect(problemsOf((p) => p.reminders.acknowledgement.push({ amount: 2, unit: 'working-days' }))).toEqual([
      {
        field: 'reminders.acknowledgement.1',
        problem: {
          es: 'debe ser más corto que el plazo (2 días hábiles): un recordatorio va antes del plazo',
          en: 'must be shorter than the deadline (2 working days): a reminder comes before the deadline',
        },
      },
    ]);
    // Mixed units: 48 hours is as long as 2 working days.
    expect(
      problemsOf((p) => (p.reminders.acknowledgement = [{ amount: 48, unit: 'hours' }])).map((x) => x.field),
    ).toEqual(['reminders.acknowledgement.0']);
    expect(problemsOf((p) => p.reminders.counterReferral.push({ amount: 1, unit: 'working-days' }))).toEqual([
      {
        field: 'reminders.counterReferral.2',
        problem: { es: 'repite otro recordatorio', en: 'repeats another reminder' },
      },
    ]);
  });

  it('requires each escalation step to come later than the one before', () => {
    expect(problemsOf((p) => (p.escalation.acknowledgement[1].after = { amount: 4, unit: 'hours' }))).toEqual(
      [
        {
          field: 'escalation.acknowledgement.1.after',
          problem: {
            es: 'debe ser posterior al paso 0 (4 horas después del plazo)',
            en: 'must be later than step 0 (4 hours after the deadline)',
          },
        },
      ],
    );
    expect(
      problemsOf((p) => (p.escalation.counterReferral[1].after = { amount: 24, unit: 'hours' })).map(
        (x) => x.field,
      ),
    ).toEqual(['escalation.counterReferral.1.after']);
  });

  it('requires the ladder to end at the national single window', () => {
    expect(problemsOf((p) => p.escalation.counterReferral.pop())).toEqual([
      {
        field: 'escalation.counterReferral.0.notify',
        problem: {
          es: 'la escalera debe terminar en la ventanilla única nacional (rol national-coordinator)',
          en: 'the ladder must end at the national single window (role national-coordinator)',
        },
      },
    ]);
    expect(problemsOf((p) => (p.escalation.acknowledgement = [])).map((x) => x.field)).toEqual([
      'escalation.acknowledgement',
    ]);
  });

  it('requires each step to notify either a role or a staff member', () => {
    const both = { role: 'supervisor', staffId: 'uio.coordinadora' };
    const expected = {
      field: 'escalation.acknowledgement.0.notify',
      problem: {
        es: 'indique un rol o un funcionario (staffId), no ambos',
        en: 'give either a role or a staffId, not both',
      },
    };
    expect(problemsOf((p) => (p.escalation.acknowledgement[0].notify = both))).toEqual([expected]);
    expect(problemsOf((p) => (p.escalation.acknowledgement[0].notify = {}))).toEqual([expected]);
    expect(
      problemsOf((p) => (p.escalation.acknowledgement[0].notify = { role: 'mayor' })).map((x) => x.field),
    ).toEqual(['escalation.acknowledgement.0.notify.role']);
    expect(problemsOf((p) => (p.escalation.counterReferral[0].notify = { staffId: 'Not An Id' }))).toEqual([
      {
        field: 'escalation.counterReferral.0.notify.staffId',
        problem: { es: 'no es un identificador de funcionario', en: 'is not a staff id' },
      },
    ]);
  });

  it('always requires assisted and outcome in the counter-referral, and sane custom fields', () => {
    expect(problemsOf((p) => (p.counterReferral.requiredFields = ['reason', 'reason']))).toEqual([
      {
        field: 'counterReferral.requiredFields',
        problem: { es: 'debe incluir "assisted"', en: 'must include "assisted"' },
      },
      {
        field: 'counterReferral.requiredFields',
        problem: { es: 'debe incluir "outcome"', en: 'must include "outcome"' },
      },
      {
        field: 'counterReferral.requiredFields',
        problem: { es: 'no debe repetir un campo', en: 'must not repeat a field' },
      },
    ]);
    expect(problemsOf((p) => p.counterReferral.requiredFields.push('signature')).map((x) => x.field)).toEqual(
      ['counterReferral.requiredFields.3'],
    );
    const field = template().counterReferral.customFields[0];
    expect(problemsOf((p) => p.counterReferral.customFields.push(field, { ...field, name: 'note' }))).toEqual(
      [
        {
          field: 'counterReferral.customFields.1.name',
          problem: { es: '"homeVisitDone" está repetido', en: '"homeVisitDone" is repeated' },
        },
        {
          field: 'counterReferral.customFields.2.name',
          problem: {
            es: '"note" es un campo estándar de la contrarreferencia',
            en: '"note" is a standard counter-referral field',
          },
        },
      ],
    );
    expect(
      problemsOf(
        (p) => (p.counterReferral.customFields[0] = { ...field, name: 'Home visit', type: 'image' }),
      ).map((x) => x.field),
    ).toEqual(['counterReferral.customFields.0.name', 'counterReferral.customFields.0.type']);
  });

  it('requires a validity that ends after it starts, on real dates', () => {
    const untilProblem = {
      field: 'validity.until',
      problem: { es: 'debe ser posterior a "from"', en: 'must be after "from"' },
    };
    expect(problemsOf((p) => (p.validity.until = '2026-01-01'))).toEqual([untilProblem]);
    expect(problemsOf((p) => (p.validity.until = '2025-12-31'))).toEqual([untilProblem]);
    expect(problemsOf((p) => (p.validity.from = '2026-02-30')).map((x) => x.field)).toEqual([
      'validity.from',
    ]);
    expect(valid((p) => (p.validity.until = '2026-01-02')).validity.until).toBe('2026-01-02');
  });

  it('requires known indicators, once each, with targets only for rates', () => {
    expect(problemsOf((p) => (p.indicators = [])).map((x) => x.field)).toEqual(['indicators']);
    expect(problemsOf((p) => p.indicators.push({ id: 'happiness' })).map((x) => x.field)).toEqual([
      'indicators.2.id',
    ]);
    expect(problemsOf((p) => (p.indicators[1].target = 0.5))).toEqual([
      {
        field: 'indicators.1.target',
        problem: {
          es: '"spots-used" es un conteo, no una tasa: no admite meta',
          en: '"spots-used" is a count, not a rate: it takes no target',
        },
      },
    ]);
    expect(problemsOf((p) => (p.indicators[0].target = 1.2))).toEqual([
      {
        field: 'indicators.0.target',
        problem: {
          es: 'Demasiado grande: se esperaba que número fuera <=1',
          en: 'Too big: expected number to be <=1',
        },
      },
    ]);
    expect(problemsOf((p) => p.indicators.push({ id: 'spots-used' }))).toEqual([
      {
        field: 'indicators.2.id',
        problem: { es: '"spots-used" está repetido', en: '"spots-used" is repeated' },
      },
    ]);
  });

  it('validates the eligibility rule and repeated services', () => {
    const fields = problemsOf((p) => (p.eligibility = { attribute: 'shoeSize', op: 'eq', value: 42 })).map(
      (x) => x.field,
    );
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => f.startsWith('eligibility'))).toBe(true);
    expect(problemsOf((p) => p.eligibleServiceIds.push('centro-gerontologico'))).toEqual([
      {
        field: 'eligibleServiceIds',
        problem: { es: 'no debe repetir un servicio', en: 'must not repeat a service' },
      },
    ]);
  });
});

// ---- References ----

const staff = (id: string, roles: CantonDefinition['staff'][number]['roles']) => ({
  id,
  name: id,
  email: `${id}@example.org`,
  roles,
});

const quito: CantonDefinition = {
  id: 'quito',
  level: 'canton',
  name: 'Quito',
  province: 'Pichincha',
  code: '1701',
  timeZone: 'America/Guayaquil',
  language: 'es',
  enabledCategories: ['urgent', 'non-urgent', 'special-needs'],
  staff: [staff('uio.coordinadora', ['coordinator']), staff('uio.tecnica1', ['swcs-officer'])],
};
const national: CantonDefinition = {
  ...quito,
  id: 'national',
  level: 'national',
  name: 'Nacional',
  province: 'Nacional',
  code: 'EC',
  enabledCategories: ['urgent', 'non-urgent', 'special-needs', 'complaint'],
  staff: [staff('nat.coordinador', ['coordinator'])],
};
const serviceIds = new Set(['centro-gerontologico', 'cuidado-domicilio']);
const nationalServiceIds = new Set(['pension-mis-mejores-anos']);

describe('protocol references', () => {
  it('accepts staff, coordinators and services that exist', () => {
    expect(
      validateProtocolReferences(valid(), { canton: quito, national, serviceIds, nationalServiceIds }),
    ).toEqual([]);
    // A national staff member may be named too: the national level of the ladder.
    const withNational = valid(
      (p) => (p.escalation.counterReferral[0].notify = { staffId: 'nat.coordinador' }),
    );
    expect(
      validateProtocolReferences(withNational, { canton: quito, national, serviceIds, nationalServiceIds }),
    ).toEqual([]);
  });

  it('names the unknown staff member, the missing coordinator and the unknown service', () => {
    const definition = valid((p) => {
      p.escalation.counterReferral[0].notify = { staffId: 'gye.coordinador' };
      p.eligibleServiceIds = ['centro-gerontologico', 'comedor-popular'];
    });
    const withoutCoordinator = { ...quito, staff: [staff('uio.tecnica1', ['swcs-officer'])] };
    expect(
      validateProtocolReferences(definition, {
        canton: withoutCoordinator,
        national,
        serviceIds,
        nationalServiceIds,
      }),
    ).toEqual([
      {
        field: 'escalation.acknowledgement.1.notify.role',
        problem: {
          es: 'el cantón quito no tiene coordinador a quien escalar',
          en: 'canton quito has no coordinator to escalate to',
        },
      },
      {
        field: 'escalation.counterReferral.0.notify.staffId',
        problem: {
          es: '"gye.coordinador" no es personal del cantón quito ni de la ventanilla nacional',
          en: '"gye.coordinador" is not staff of canton quito nor of the national single window',
        },
      },
      {
        field: 'eligibleServiceIds.1',
        problem: {
          es: 'el servicio "comedor-popular" no existe en el catálogo',
          en: 'service "comedor-popular" does not exist in the catalogue',
        },
      },
    ]);
  });

  it('refuses a canton protocol that offers a national service as its own, saying to escalate', () => {
    const offered = valid(
      (p) => (p.eligibleServiceIds = ['centro-gerontologico', 'pension-mis-mejores-anos']),
    );
    const problems = validateProtocolReferences(offered, {
      canton: quito,
      national,
      serviceIds,
      nationalServiceIds,
    });
    expect(problems.map((p) => p.field)).toEqual(['eligibleServiceIds.1']);
    expect(problems[0]!.problem.es).toMatch(
      /servicio nacional.*escalando la solicitud a la ventanilla única nacional/,
    );
    expect(problems[0]!.problem.en).toMatch(
      /national service.*escalating the request to the national single window \(POST \/cantons\/quito\/requests\/\{requestId\}\/escalation\)/,
    );
    // Named apart, as reached by escalation, the same service is fine.
    const escalated = valid((p) => (p.nationalServiceIds = ['pension-mis-mejores-anos']));
    expect(
      validateProtocolReferences(escalated, { canton: quito, national, serviceIds, nationalServiceIds }),
    ).toEqual([]);
  });

  it('refuses escalation targets that are not national services, and any in a national template', () => {
    const wrong = valid((p) => (p.nationalServiceIds = ['cuidado-domicilio', 'no-such-service']));
    expect(
      validateProtocolReferences(wrong, { canton: quito, national, serviceIds, nationalServiceIds }).map(
        (p) => [p.field, p.problem.en],
      ),
    ).toEqual([
      [
        'nationalServiceIds.0',
        '"cuidado-domicilio" is a service of canton quito: name it in eligibleServiceIds',
      ],
      ['nationalServiceIds.1', 'service "no-such-service" does not exist in the national catalogue'],
    ]);
    const template = valid((p) => {
      p.eligibleServiceIds = ['pension-mis-mejores-anos'];
      p.nationalServiceIds = ['pension-mis-mejores-anos'];
      p.escalation.counterReferral[0].notify = { role: 'canton-coordinator' };
    });
    const nationalContext = {
      canton: national,
      national,
      serviceIds: nationalServiceIds,
      nationalServiceIds,
    };
    expect(validateProtocolReferences(template, nationalContext).map((p) => p.field)).toEqual([
      'nationalServiceIds',
    ]);
  });

  it('refuses a protocol for a category the canton does not handle', () => {
    const complaint = valid((p) => (p.subcategory = { category: 'complaint', subcategory: 'claim' }));
    expect(
      validateProtocolReferences(complaint, { canton: quito, national, serviceIds, nationalServiceIds }),
    ).toEqual([
      {
        field: 'subcategory.category',
        problem: {
          es: 'el cantón quito no atiende la categoría "complaint"',
          en: 'canton quito does not handle category "complaint"',
        },
      },
    ]);
  });
});

// ---- Inheritance ----

describe('inheritance from a national template', () => {
  const national = valid();

  it('overrides the deadlines only and keeps everything else', () => {
    const result = resolveProtocol(national, {
      inherits: 'national',
      overrides: { deadlines: { acknowledgement: { amount: 24, unit: 'hours' } } },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.inherited).toBe(true);
    expect(result.definition).toEqual({
      ...national,
      // The template's services are national: for the canton, reached by escalation.
      eligibleServiceIds: [],
      nationalServiceIds: national.eligibleServiceIds,
      deadlines: { ...national.deadlines, acknowledgement: { amount: 24, unit: 'hours' } },
    });
    expect(national.deadlines.acknowledgement).toEqual({ amount: 2, unit: 'working-days' }); // not mutated
  });

  it('merges objects key by key and replaces arrays whole', () => {
    const result = resolveProtocol(national, {
      inherits: 'national',
      overrides: {
        eligibleServiceIds: ['cuidado-domicilio'],
        reminders: { counterReferral: [] },
        counterReferral: { customFields: [] },
        validity: { from: '2026-03-01' },
      },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.definition.eligibleServiceIds).toEqual(['cuidado-domicilio']);
    expect(result.definition.reminders).toEqual({
      acknowledgement: national.reminders.acknowledgement,
      counterReferral: [],
    });
    expect(result.definition.counterReferral).toEqual({
      requiredFields: ['assisted', 'outcome', 'dateServed'],
      customFields: [],
    });
    expect(result.definition.validity).toEqual({ from: '2026-03-01' });
  });

  it('reports a bad override under overrides., in both languages', () => {
    const result = resolveProtocol(national, {
      inherits: 'national',
      overrides: { deadlines: { acknowledgement: { amount: -1, unit: 'hours' } }, subcategory: {} },
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'overrides.deadlines.acknowledgement.amount',
          problem: {
            es: 'Demasiado pequeño: se esperaba que número fuera >0',
            en: 'Too small: expected number to be >0',
          },
        },
        {
          field: 'overrides.subcategory',
          problem: { es: 'Llave desconocida: "subcategory"', en: 'Unrecognized key: "subcategory"' },
        },
      ],
    });
    // A duration is replaced whole, so half of one is refused rather than merged with the template's unit.
    const half = resolveProtocol(national, {
      inherits: 'national',
      overrides: { deadlines: { acknowledgement: { amount: 3 } } },
    });
    expect(half.ok ? [] : half.problems.map((p) => p.field)).toEqual([
      'overrides.deadlines.acknowledgement.unit',
    ]);
  });

  it('reports what an override breaks once merged, saying which field is inherited', () => {
    const shorter = resolveProtocol(national, {
      inherits: 'national',
      overrides: { deadlines: { acknowledgement: { amount: 3, unit: 'hours' } } },
    });
    expect(shorter).toEqual({
      ok: false,
      problems: [
        {
          field: 'reminders.acknowledgement.0',
          problem: {
            es: 'debe ser más corto que el plazo (3 horas): un recordatorio va antes del plazo (campo heredado de la plantilla nacional)',
            en: 'must be shorter than the deadline (3 hours): a reminder comes before the deadline (field inherited from the national template)',
          },
        },
      ],
    });
    const backwards = resolveProtocol(
      valid((p) => (p.validity.until = '2027-01-01')),
      {
        inherits: 'national',
        overrides: { validity: { until: '2025-06-01' } },
      },
    );
    expect(backwards.ok ? [] : backwards.problems.map((p) => p.field)).toEqual(['overrides.validity.until']);
  });

  it("keeps a template's national services as the canton's escalation targets, unless overridden", () => {
    const template = valid((p) => (p.eligibleServiceIds = ['pension-mis-mejores-anos']));
    const inherited = resolveProtocol(template, {
      inherits: 'national',
      overrides: { eligibleServiceIds: ['cuidado-domicilio'] },
    });
    if (!inherited.ok) throw new Error(JSON.stringify(inherited.problems));
    expect(inherited.definition).toMatchObject({
      eligibleServiceIds: ['cuidado-domicilio'],
      nationalServiceIds: ['pension-mis-mejores-anos'],
    });
    const none = resolveProtocol(template, { inherits: 'national', overrides: { nationalServiceIds: [] } });
    expect(none.ok && none.definition.nationalServiceIds).toEqual([]);
  });

  it('names a reference problem of an override document under overrides., as the canton wrote it', () => {
    const problem = { field: 'eligibleServiceIds.0', problem: { es: 'x', en: 'x' } };
    const document = {
      inherits: 'national',
      overrides: { eligibleServiceIds: ['pension-mis-mejores-anos'] },
    };
    expect(locateProblems([problem], document)).toEqual([
      { ...problem, field: 'overrides.eligibleServiceIds.0' },
    ]);
    expect(locateProblems([problem], template())).toEqual([problem]);
  });

  it('takes a full definition as is, and refuses to inherit from anything but national', () => {
    const own = resolveProtocol(national, template());
    expect(own).toEqual({ ok: true, definition: national, inherited: false });
    const other = resolveProtocol(national, { inherits: 'guayaquil', overrides: {} });
    expect(other.ok ? [] : other.problems.map((p) => p.field)).toEqual(['inherits']);
  });
});

// ---- Versions ----

const TZ = 'America/Guayaquil';

function published(version: number, validity: { from: string; until?: string }): PublishedProtocol {
  return {
    cantonId: 'quito',
    category: 'special-needs',
    subcategory: 'older-adults',
    version,
    definition: valid((p) => (p.validity = validity)),
    publishedAt: '2026-01-01T12:00:00.000Z',
    publishedBy: 'uio.coordinadora',
  };
}

describe('publication', () => {
  const now = new Date('2026-03-15T17:00:00Z'); // Sunday 15 March, noon in Quito

  it('numbers the first version 1 and the next one after the highest', () => {
    expect(
      planPublication(
        [],
        valid((p) => (p.validity.from = '2026-03-15')),
        now,
        TZ,
      ),
    ).toEqual({
      ok: true,
      version: 1,
    });
    const existing = [
      published(1, { from: '2026-01-01', until: '2026-02-01' }),
      published(2, { from: '2026-02-01' }),
    ];
    expect(
      planPublication(
        existing,
        valid((p) => (p.validity.from = '2026-04-01')),
        now,
        TZ,
      ),
    ).toEqual({
      ok: true,
      version: 3,
      previous: { version: 2, until: '2026-04-01' },
    });
  });

  it('refuses a version that starts on or before the latest start, naming the version it overlaps', () => {
    const existing = [
      published(1, { from: '2026-01-01', until: '2026-04-01' }),
      published(2, { from: '2026-04-01' }),
    ];
    const overlap = {
      ok: false,
      version: 3,
      problems: [
        {
          field: 'validity.from',
          problem: {
            es: 'se superpone con la versión 2, vigente desde 2026-04-01: debe ser posterior a esa fecha',
            en: 'overlaps version 2, in force from 2026-04-01: it must be after that date',
          },
        },
      ],
    };
    expect(
      planPublication(
        existing,
        valid((p) => (p.validity.from = '2026-04-01')),
        now,
        TZ,
      ),
    ).toEqual(overlap);
    expect(
      planPublication(
        existing,
        valid((p) => (p.validity.from = '2026-03-20')),
        now,
        TZ,
      ),
    ).toEqual(overlap);
  });

  it('ends the previous version where the new one starts, unless it already ends sooner', () => {
    const endsLater = [published(1, { from: '2026-01-01', until: '2026-12-31' })];
    expect(
      planPublication(
        endsLater,
        valid((p) => (p.validity.from = '2026-06-01')),
        now,
        TZ,
      ),
    ).toEqual({
      ok: true,
      version: 2,
      previous: { version: 1, until: '2026-06-01' },
    });
    const endsSooner = [published(1, { from: '2026-01-01', until: '2026-03-01' })];
    expect(
      planPublication(
        endsSooner,
        valid((p) => (p.validity.from = '2026-06-01')),
        now,
        TZ,
      ),
    ).toEqual({
      ok: true,
      version: 2,
    });
  });

  it('refuses a new version starting in the past, judged by the canton’s calendar', () => {
    const earlier = [published(1, { from: '2026-01-01' })];
    expect(
      planPublication(
        earlier,
        valid((p) => (p.validity.from = '2026-03-14')),
        now,
        TZ,
      ),
    ).toEqual({
      ok: false,
      version: 2,
      problems: [
        {
          field: 'validity.from',
          problem: {
            es: 'no puede empezar en el pasado (hoy es 2026-03-15)',
            en: 'cannot start in the past (today is 2026-03-15)',
          },
        },
      ],
    });
    // 04:30 UTC on the 16th is still the 15th in Quito.
    const lateEvening = new Date('2026-03-16T04:30:00Z');
    expect(
      planPublication(
        earlier,
        valid((p) => (p.validity.from = '2026-03-15')),
        lateEvening,
        TZ,
      ).ok,
    ).toBe(true);
    expect(
      planPublication(
        earlier,
        valid((p) => (p.validity.from = '2026-03-15')),
        lateEvening,
        'UTC',
      ).ok,
    ).toBe(false);
  });

  it('accepts a first version that started in the past: it records an agreement already in force', () => {
    expect(
      planPublication(
        [],
        valid((p) => (p.validity.from = '2025-06-01')),
        now,
        TZ,
      ),
    ).toEqual({ ok: true, version: 1 });
  });

  it('refuses a definition for another subcategory than the existing versions', () => {
    const result = planPublication(
      [published(1, { from: '2026-01-01' })],
      valid((p) => {
        p.subcategory.subcategory = 'migrants';
        p.validity.from = '2026-04-01';
      }),
      now,
      TZ,
    );
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['subcategory']);
  });
});

describe('protocol in force', () => {
  const v1 = published(1, { from: '2026-01-01', until: '2026-04-01' });
  const v2 = published(2, { from: '2026-04-01', until: '2026-09-01' });
  const versions = [v2, v1];
  const at = (instant: string) => protocolInForce(versions, new Date(instant), TZ)?.version;

  it('returns the version whose validity covers the instant, in the canton’s time zone', () => {
    expect(at('2025-12-31T12:00:00Z')).toBeUndefined();
    expect(at('2026-01-01T05:00:00Z')).toBe(1);
    expect(at('2026-02-10T12:00:00Z')).toBe(1);
    expect(at('2026-04-01T04:59:59Z')).toBe(1); // 23:59:59 on 31 March in Quito
    expect(at('2026-04-01T05:00:00Z')).toBe(2);
    expect(at('2026-08-31T23:00:00Z')).toBe(2);
  });

  it('returns none once the last version has expired', () => {
    expect(at('2026-09-01T05:00:00Z')).toBeUndefined();
    expect(isExpired(v2, new Date('2026-09-01T05:00:00Z'), TZ)).toBe(true);
    expect(isExpired(v2, new Date('2026-09-01T04:59:59Z'), TZ)).toBe(false);
    expect(isExpired(v1, new Date('2026-04-01T05:00:00Z'), TZ)).toBe(true);
    expect(isExpired(published(3, { from: '2026-09-01' }), new Date('2030-01-01T00:00:00Z'), TZ)).toBe(false);
  });
});

// ---- Where a request can go ----

describe('referral targets', () => {
  const isNational = (id: string) => nationalServiceIds.has(id);
  const version = (cantonId: string, edit: (p: Json) => void) => ({ cantonId, definition: valid(edit) });

  it('a national template in force in a canton: any canton service, the template services by escalation', () => {
    const template = version('national', (p) => (p.eligibleServiceIds = ['pension-mis-mejores-anos']));
    expect(referralTargets(template, 'quito', isNational)).toEqual({
      serviceIds: [],
      nationalServiceIds: ['pension-mis-mejores-anos'],
    });
    // The national single window refers to them itself.
    expect(referralTargets(template, 'national', isNational)).toEqual({
      serviceIds: ['pension-mis-mejores-anos'],
      nationalServiceIds: [],
    });
  });

  it("a canton's version: its own services, and its national ones by escalation", () => {
    const own = version('quito', (p) => {
      p.eligibleServiceIds = ['centro-gerontologico'];
      p.nationalServiceIds = ['pension-mis-mejores-anos'];
    });
    expect(referralTargets(own, 'quito', isNational)).toEqual({
      serviceIds: ['centro-gerontologico'],
      nationalServiceIds: ['pension-mis-mejores-anos'],
    });
  });

  it('a canton version stored before the lists were separated reads as if written now', () => {
    const old = version(
      'quito',
      (p) => (p.eligibleServiceIds = ['centro-gerontologico', 'pension-mis-mejores-anos']),
    );
    expect(old.definition.nationalServiceIds).toBeUndefined();
    expect(referralTargets(old, 'quito', isNational)).toEqual({
      serviceIds: ['centro-gerontologico'],
      nationalServiceIds: ['pension-mis-mejores-anos'],
    });
  });
});
