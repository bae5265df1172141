import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import {
  ATTRIBUTE_NAMES,
  CITIZEN_ATTRIBUTES,
  type CitizenProfile,
} from '../../functions/domain/citizen-attributes.js';
import { describedAttribute, enumValueWords } from '../../functions/domain/citizen-attribute-words.js';
import { CitizenProfileSchema } from '../../functions/domain/citizen-profile.js';
import { MAX_RULE_NODES } from '../../functions/domain/eligibility-rule.js';
import { EligibilityRuleSchema } from '../../functions/domain/eligibility-rule-schema.js';
import {
  attributesOf,
  describeRule,
  type EligibilityRule,
  evaluateEligibility,
} from '../../functions/domain/eligibility.js';

/** Pensión para adultos mayores: 65 or older, poor or extremely poor, not already in a contributory pension. */
const OLDER_ADULT_PENSION: EligibilityRule = {
  all: [
    { attribute: 'age', op: 'gte', value: 65 },
    { attribute: 'povertyClassification', op: 'in', value: ['extreme-poverty', 'poverty'] },
    { not: { attribute: 'receivesContributoryPension', op: 'eq', value: true } },
  ],
};

/** Bono Joaquín Gallegos Lara: severe disability (65 % or more) or a catastrophic illness, in (extreme) poverty. */
const JOAQUIN_GALLEGOS_LARA: EligibilityRule = {
  all: [
    {
      any: [
        { attribute: 'disabilityPercentage', op: 'gte', value: 65 },
        { attribute: 'catastrophicIllness', op: 'eq', value: true },
      ],
    },
    { attribute: 'povertyClassification', op: 'in', value: ['extreme-poverty', 'poverty'] },
  ],
};

const texts = (rule: EligibilityRule, profile: CitizenProfile) =>
  evaluateEligibility(rule, profile).unmet.map((u) => u.text);

/** The issues of an invalid rule as path → [es, en], the way the API reports them. */
function issuesOf(rule: unknown): [string, string, string][] {
  const result = EligibilityRuleSchema.safeParse(rule);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => {
    const params = (issue as { params?: { es: string; en: string } }).params;
    return [issue.path.join('.'), params?.es ?? '', params?.en ?? ''];
  });
}

describe('citizen attributes', () => {
  it('gives every attribute a type and Spanish and English labels, and every enum value its labels', () => {
    expect(ATTRIBUTE_NAMES).toEqual(
      expect.arrayContaining([
        'age',
        'sex',
        'disability',
        'disabilityPercentage',
        'householdSize',
        'childrenUnder5',
        'pregnant',
        'registryStatus',
        'povertyClassification',
        'monthlyIncome',
        'canton',
        'province',
        'nationality',
        'migrant',
        'headOfHousehold',
        'receivesBdh',
        'employed',
      ]),
    );
    for (const name of ATTRIBUTE_NAMES) {
      const definition = describedAttribute(name);
      expect(definition.type).toBe(CITIZEN_ATTRIBUTES[name].type);
      expect(['integer', 'number', 'boolean', 'enum', 'string']).toContain(definition.type);
      for (const localized of [definition.label, definition.noun]) {
        expect(localized.es).not.toBe('');
        expect(localized.en).not.toBe('');
      }
      if (definition.type === 'enum') {
        // The words name every code of the attribute, and no code it does not have.
        expect(Object.keys(definition.values).sort()).toEqual([...definition.codes].sort());
        for (const code of definition.codes) {
          const words = enumValueWords(definition, code);
          expect(words?.label.es).not.toBe('');
          expect(words?.label.en).not.toBe('');
          expect(words?.label.es).not.toBe(code);
        }
      }
    }
    expect(CITIZEN_ATTRIBUTES.registryStatus.codes).toEqual([
      'not-registered',
      'registered',
      'update-pending',
    ]);
    expect(CITIZEN_ATTRIBUTES.povertyClassification.codes).toEqual([
      'extreme-poverty',
      'poverty',
      'vulnerable',
      'not-poor',
    ]);
  });

  it('has no words for a value the attribute does not have, even one named like a property of every object', () => {
    const sex = describedAttribute('sex');
    if (sex.type !== 'enum') throw new Error('sex is an enum attribute');
    expect(enumValueWords(sex, 'female')?.label.es).toBe('femenino');
    for (const code of ['woman', 'constructor', 'toString', '__proto__', 1]) {
      expect(enumValueWords(sex, code)).toBeUndefined();
    }
  });

  it('types the profile attribute by attribute, the same as its schema', () => {
    expectTypeOf<CitizenProfile['age']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<CitizenProfile['disability']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<CitizenProfile['sex']>().toEqualTypeOf<'female' | 'male' | undefined>();
    expectTypeOf<CitizenProfile['registryStatus']>().toEqualTypeOf<
      'not-registered' | 'registered' | 'update-pending' | undefined
    >();
    expectTypeOf<CitizenProfile['canton']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<z.infer<typeof CitizenProfileSchema>>().toEqualTypeOf<CitizenProfile>();
  });

  it('accepts a profile with any subset of the attributes', () => {
    const profile = {
      age: 70,
      sex: 'female',
      disability: true,
      disabilityPercentage: 72.5,
      householdSize: 3,
      childrenUnder5: 0,
      pregnant: false,
      registryStatus: 'registered',
      povertyClassification: 'extreme-poverty',
      monthlyIncome: 120.5,
      canton: 'quito',
      province: 'Pichincha',
      nationality: 'ecuatoriana',
      migrant: false,
      headOfHousehold: true,
      receivesBdh: false,
      receivesContributoryPension: false,
      catastrophicIllness: false,
      employed: false,
    };
    expect(CitizenProfileSchema.parse(profile)).toEqual(profile);
    expect(CitizenProfileSchema.parse({})).toEqual({});
  });

  it.each([
    ['age', '70'],
    ['age', 70.5],
    ['age', -1],
    ['sex', 'woman'],
    ['disability', 'yes'],
    ['disabilityPercentage', 101],
    ['householdSize', 0],
    ['povertyClassification', 'poor'],
    ['monthlyIncome', -5],
    ['canton', 'Quito'],
    ['province', ''],
    ['nickname', 'Pepe'],
  ])('refuses %s = %j', (attribute, value) => {
    const result = CitizenProfileSchema.safeParse({ [attribute]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.') || result.error?.issues[0]?.code).toMatch(
      new RegExp(`^(${attribute}|unrecognized_keys)$`),
    );
  });
});

describe('Pensión para adultos mayores', () => {
  it('is met by a poor 70-year-old without a contributory pension', () => {
    expect(
      evaluateEligibility(OLDER_ADULT_PENSION, {
        age: 70,
        povertyClassification: 'poverty',
        receivesContributoryPension: false,
      }),
    ).toEqual({ eligible: true, unmet: [] });
  });

  it('starts exactly at 65', () => {
    const profile: CitizenProfile = {
      povertyClassification: 'extreme-poverty',
      receivesContributoryPension: false,
    };
    expect(evaluateEligibility(OLDER_ADULT_PENSION, { ...profile, age: 65 }).eligible).toBe(true);
    expect(evaluateEligibility(OLDER_ADULT_PENSION, { ...profile, age: 64 }).eligible).toBe(false);
  });

  it('explains every unmet criterion, not only the first, in Spanish and English', () => {
    expect(
      evaluateEligibility(OLDER_ADULT_PENSION, {
        age: 45,
        povertyClassification: 'not-poor',
        receivesContributoryPension: true,
      }),
    ).toEqual({
      eligible: false,
      unmet: [
        {
          attribute: 'age',
          reason: 'not-met',
          text: {
            es: 'Edad: se requiere 65 años o más (tiene 45)',
            en: 'Age: must be 65 years or more (is 45)',
          },
        },
        {
          attribute: 'povertyClassification',
          reason: 'not-met',
          text: {
            es: 'Clasificación del Registro Social: se requiere pobreza extrema o pobreza (es no pobre)',
            en: 'Social Registry classification: must be extreme poverty or poverty (is not poor)',
          },
        },
        {
          attribute: 'receivesContributoryPension',
          reason: 'not-met',
          text: {
            es: 'Pensión contributiva: se requiere no recibir una pensión contributiva (IESS, ISSFA o ISSPOL)',
            en: 'Contributory pension: must not receive a contributory pension (IESS, ISSFA or ISSPOL)',
          },
        },
      ],
    });
  });

  it('asks to update the data it does not know, and never counts missing data as met', () => {
    const result = evaluateEligibility(OLDER_ADULT_PENSION, { age: 80 });
    expect(result.eligible).toBe(false);
    expect(result.unmet).toEqual([
      {
        attribute: 'povertyClassification',
        reason: 'unknown',
        text: {
          es: 'No se conoce la clasificación del Registro Social de la persona; actualice sus datos',
          en: "The person's Social Registry classification is not known; update their data",
        },
      },
      {
        // A negated criterion over missing data stays unknown: not knowing is not "does not receive".
        attribute: 'receivesContributoryPension',
        reason: 'unknown',
        text: {
          es: 'No se conoce la situación de pensión contributiva de la persona; actualice sus datos',
          en: "The person's contributory pension status is not known; update their data",
        },
      },
    ]);
  });

  it('is described in one sentence', () => {
    expect(describeRule(OLDER_ADULT_PENSION, 'es')).toBe(
      'Personas de 65 años o más, en situación de pobreza extrema o pobreza y que no reciben una pensión contributiva',
    );
    expect(describeRule(OLDER_ADULT_PENSION, 'en')).toBe(
      'People aged 65 years or more, in a situation of extreme poverty or poverty and who do not receive a ' +
        'contributory pension',
    );
  });
});

describe('Bono Joaquín Gallegos Lara', () => {
  it('is met through either alternative', () => {
    expect(
      evaluateEligibility(JOAQUIN_GALLEGOS_LARA, {
        disabilityPercentage: 65,
        povertyClassification: 'poverty',
      }),
    ).toEqual({ eligible: true, unmet: [] });
    // The other alternative is unknown, but one met alternative is enough.
    expect(
      evaluateEligibility(JOAQUIN_GALLEGOS_LARA, {
        catastrophicIllness: true,
        povertyClassification: 'extreme-poverty',
      }).eligible,
    ).toBe(true);
  });

  it('explains a failed "any" with all of its alternatives', () => {
    expect(
      evaluateEligibility(JOAQUIN_GALLEGOS_LARA, {
        disabilityPercentage: 40,
        catastrophicIllness: false,
        povertyClassification: 'vulnerable',
      }),
    ).toEqual({
      eligible: false,
      unmet: [
        {
          attribute: 'disabilityPercentage,catastrophicIllness',
          reason: 'not-met',
          text: {
            es:
              'Se requiere una de estas condiciones: con un porcentaje de discapacidad de 65 % o más (tiene 40 %); ' +
              'con una enfermedad catastrófica, rara o huérfana',
            en:
              'One of these conditions is required: with a disability percentage of 65% or more (is 40%); ' +
              'with a catastrophic, rare or orphan disease',
          },
        },
        {
          attribute: 'povertyClassification',
          reason: 'not-met',
          text: {
            es: 'Clasificación del Registro Social: se requiere pobreza extrema o pobreza (es vulnerable)',
            en: 'Social Registry classification: must be extreme poverty or poverty (is vulnerable)',
          },
        },
      ],
    });
  });

  it('says which alternatives are unknown', () => {
    const [unmet] = evaluateEligibility(JOAQUIN_GALLEGOS_LARA, {
      disabilityPercentage: 30.5,
      povertyClassification: 'poverty',
    }).unmet;
    expect(unmet).toEqual({
      attribute: 'disabilityPercentage,catastrophicIllness',
      reason: 'unknown',
      text: {
        es:
          'Se requiere una de estas condiciones: con un porcentaje de discapacidad de 65 % o más (tiene 30,5 %); ' +
          'con una enfermedad catastrófica, rara o huérfana (no se conoce)',
        en:
          'One of these conditions is required: with a disability percentage of 65% or more (is 30.5%); ' +
          'with a catastrophic, rare or orphan disease (not known)',
      },
    });
  });

  it('is described with its alternatives grouped', () => {
    expect(describeRule(JOAQUIN_GALLEGOS_LARA, 'es')).toBe(
      'Personas (con un porcentaje de discapacidad de 65 % o más o con una enfermedad catastrófica, rara o ' +
        'huérfana) y en situación de pobreza extrema o pobreza',
    );
    expect(describeRule(JOAQUIN_GALLEGOS_LARA, 'en')).toBe(
      'People (with a disability percentage of 65% or more or with a catastrophic, rare or orphan disease) and ' +
        'in a situation of extreme poverty or poverty',
    );
  });
});

describe('every operator', () => {
  type Case = [string, EligibilityRule, CitizenProfile, CitizenProfile, { es: string; en: string }];
  const cases: Case[] = [
    [
      'eq on a number',
      { attribute: 'householdSize', op: 'eq', value: 4 },
      { householdSize: 4 },
      { householdSize: 3 },
      {
        es: 'Tamaño del hogar: se requiere 4 personas (tiene 3)',
        en: 'Household size: must be 4 people (is 3)',
      },
    ],
    [
      'eq on a yes/no attribute',
      { attribute: 'disability', op: 'eq', value: true },
      { disability: true },
      { disability: false },
      {
        es: 'Discapacidad: se requiere tener una discapacidad registrada',
        en: 'Disability: must have a registered disability',
      },
    ],
    [
      'eq on an enum',
      { attribute: 'sex', op: 'eq', value: 'female' },
      { sex: 'female' },
      { sex: 'male' },
      { es: 'Sexo: se requiere femenino (es masculino)', en: 'Sex: must be female (is male)' },
    ],
    [
      'eq on a text, ignoring case and accents',
      { attribute: 'province', op: 'eq', value: 'Manabí' },
      { province: 'manabi' },
      { province: 'Guayas' },
      { es: 'Provincia: se requiere Manabí (es Guayas)', en: 'Province: must be Manabí (is Guayas)' },
    ],
    [
      'ne on a number',
      { attribute: 'age', op: 'ne', value: 18 },
      { age: 19 },
      { age: 18 },
      {
        es: 'Edad: se requiere un valor distinto de 18 años (tiene 18)',
        en: 'Age: must not be 18 years (is 18)',
      },
    ],
    [
      'ne on a yes/no attribute',
      { attribute: 'receivesBdh', op: 'ne', value: true },
      { receivesBdh: false },
      { receivesBdh: true },
      {
        es: 'Bono de Desarrollo Humano: se requiere no recibir el Bono de Desarrollo Humano',
        en: 'Bono de Desarrollo Humano: must not receive the Bono de Desarrollo Humano',
      },
    ],
    [
      'ne on an enum',
      { attribute: 'registryStatus', op: 'ne', value: 'not-registered' },
      { registryStatus: 'update-pending' },
      { registryStatus: 'not-registered' },
      {
        es: 'Estado en el Registro Social: se requiere un valor distinto de no registrado (es no registrado)',
        en: 'Social Registry status: must not be not registered (is not registered)',
      },
    ],
    [
      'lt',
      { attribute: 'monthlyIncome', op: 'lt', value: 460 },
      { monthlyIncome: 459.99 },
      { monthlyIncome: 460 },
      {
        es: 'Ingreso mensual: se requiere menos de USD 460 (tiene USD 460)',
        en: 'Monthly income: must be less than USD 460 (is USD 460)',
      },
    ],
    [
      'lte',
      { attribute: 'age', op: 'lte', value: 17 },
      { age: 17 },
      { age: 18 },
      { es: 'Edad: se requiere 17 años o menos (tiene 18)', en: 'Age: must be 17 years or less (is 18)' },
    ],
    [
      'gt',
      { attribute: 'childrenUnder5', op: 'gt', value: 0 },
      { childrenUnder5: 1 },
      { childrenUnder5: 0 },
      {
        es: 'Niñas y niños menores de 5 años: se requiere más de 0 (tiene 0)',
        en: 'Children under 5: must be more than 0 (is 0)',
      },
    ],
    [
      'gte',
      { attribute: 'disabilityPercentage', op: 'gte', value: 30 },
      { disabilityPercentage: 30 },
      { disabilityPercentage: 29.5 },
      {
        es: 'Porcentaje de discapacidad: se requiere 30 % o más (tiene 29,5 %)',
        en: 'Disability percentage: must be 30% or more (is 29.5%)',
      },
    ],
    [
      'in on an enum',
      { attribute: 'registryStatus', op: 'in', value: ['registered', 'update-pending'] },
      { registryStatus: 'registered' },
      { registryStatus: 'not-registered' },
      {
        es: 'Estado en el Registro Social: se requiere registrado o actualización pendiente (es no registrado)',
        en: 'Social Registry status: must be registered or update pending (is not registered)',
      },
    ],
    [
      'in on numbers',
      { attribute: 'householdSize', op: 'in', value: [1, 2, 3] },
      { householdSize: 2 },
      { householdSize: 5 },
      {
        es: 'Tamaño del hogar: se requiere 1, 2 o 3 personas (tiene 5)',
        en: 'Household size: must be 1, 2 or 3 people (is 5)',
      },
    ],
    [
      'notIn',
      { attribute: 'canton', op: 'notIn', value: ['santa-cruz', 'san-cristobal'] },
      { canton: 'quito' },
      { canton: 'santa-cruz' },
      {
        es: 'Cantón: se requiere un valor distinto de santa-cruz o san-cristobal (es santa-cruz)',
        en: 'Canton: must not be santa-cruz or san-cristobal (is santa-cruz)',
      },
    ],
    [
      'between, inclusive',
      { attribute: 'householdSize', op: 'between', value: [1, 4] },
      { householdSize: 4 },
      { householdSize: 6 },
      {
        es: 'Tamaño del hogar: se requiere entre 1 y 4 personas (tiene 6)',
        en: 'Household size: must be between 1 and 4 people (is 6)',
      },
    ],
    [
      'exists true',
      { attribute: 'disabilityPercentage', op: 'exists', value: true },
      { disabilityPercentage: 0 },
      {},
      {
        es: 'No se conoce el porcentaje de discapacidad de la persona; actualice sus datos',
        en: "The person's disability percentage is not known; update their data",
      },
    ],
    [
      'exists false',
      { attribute: 'nationality', op: 'exists', value: false },
      {},
      { nationality: 'venezolana' },
      {
        es: 'Nacionalidad: se requiere que el dato no conste (es venezolana)',
        en: 'Nationality: must not be recorded (is venezolana)',
      },
    ],
  ];

  it.each(cases)('%s: met, and explained when not met', (_name, rule, met, unmet, explanation) => {
    expect(evaluateEligibility(rule, met)).toEqual({ eligible: true, unmet: [] });
    const result = evaluateEligibility(rule, unmet);
    expect(result.eligible).toBe(false);
    expect(result.unmet.map((u) => u.text)).toEqual([explanation]);
  });

  it('takes both ends of a between', () => {
    const rule: EligibilityRule = { attribute: 'age', op: 'between', value: [18, 29] };
    expect([17, 18, 29, 30].map((age) => evaluateEligibility(rule, { age }).eligible)).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('fails every comparison but exists false when the attribute is missing', () => {
    for (const [, rule] of cases) {
      const exists = 'op' in rule && rule.op === 'exists';
      const result = evaluateEligibility(rule, {});
      expect(result.eligible).toBe(exists && rule.value === false);
      if (!exists) expect(result.unmet.map((u) => u.reason)).toEqual(['unknown']);
    }
  });
});

describe('missing and unusable data', () => {
  it('treats null and values of the wrong type (an unvalidated source) as unknown', () => {
    const rule: EligibilityRule = { attribute: 'age', op: 'gte', value: 65 };
    for (const age of [null, '70', Number.NaN]) {
      const result = evaluateEligibility(rule, { age } as unknown as CitizenProfile);
      expect(result.unmet).toEqual([
        {
          attribute: 'age',
          reason: 'unknown',
          text: {
            es: 'No se conoce la edad de la persona; actualice sus datos',
            en: "The person's age is not known; update their data",
          },
        },
      ]);
    }
    const bySex: EligibilityRule = { attribute: 'sex', op: 'ne', value: 'male' };
    expect(
      evaluateEligibility(bySex, { sex: 'mujer' } as unknown as CitizenProfile).unmet.map((u) => u.reason),
    ).toEqual(['unknown']);
  });

  it('lists both the unmet and the unknown criteria of an "all"', () => {
    const rule: EligibilityRule = {
      all: [
        { attribute: 'pregnant', op: 'eq', value: true },
        { attribute: 'childrenUnder5', op: 'gte', value: 1 },
        { attribute: 'migrant', op: 'eq', value: true },
      ],
    };
    expect(evaluateEligibility(rule, { pregnant: false, migrant: true })).toEqual({
      eligible: false,
      unmet: [
        {
          attribute: 'pregnant',
          reason: 'not-met',
          text: { es: 'Embarazo: se requiere estar embarazada', en: 'Pregnancy: must be pregnant' },
        },
        {
          attribute: 'childrenUnder5',
          reason: 'unknown',
          text: {
            es: 'No se conoce el número de niñas y niños menores de 5 años de la persona; actualice sus datos',
            en: "The person's number of children under 5 is not known; update their data",
          },
        },
      ],
    });
  });
});

describe('any, not and nesting', () => {
  it('negates a comparison into its opposite', () => {
    const rule: EligibilityRule = { not: { attribute: 'age', op: 'lt', value: 18 } };
    expect(evaluateEligibility(rule, { age: 18 }).eligible).toBe(true);
    expect(texts(rule, { age: 16 })).toEqual([
      { es: 'Edad: se requiere 18 años o más (tiene 16)', en: 'Age: must be 18 years or more (is 16)' },
    ]);
    expect(describeRule(rule, 'es')).toBe('Personas de 18 años o más');
  });

  it('negates a between into "outside the range"', () => {
    const rule: EligibilityRule = { not: { attribute: 'monthlyIncome', op: 'between', value: [100, 200.5] } };
    expect(evaluateEligibility(rule, { monthlyIncome: 250 }).eligible).toBe(true);
    expect(texts(rule, { monthlyIncome: 150.25 })).toEqual([
      {
        es: 'Ingreso mensual: se requiere un valor fuera del rango de USD 100 a USD 200,50 (tiene USD 150,25)',
        en: 'Monthly income: must not be between USD 100 and USD 200.50 (is USD 150.25)',
      },
    ]);
    expect(describeRule(rule, 'es')).toBe(
      'Personas con el ingreso mensual fuera del rango de USD 100 a USD 200,50',
    );
    expect(describeRule(rule, 'en')).toBe(
      'People whose monthly income is not between USD 100 and USD 200.50',
    );
  });

  it('negates an "any" into "none of them", listing each one that holds', () => {
    const rule: EligibilityRule = {
      not: {
        any: [
          { attribute: 'receivesBdh', op: 'eq', value: true },
          { attribute: 'receivesContributoryPension', op: 'eq', value: true },
        ],
      },
    };
    expect(
      evaluateEligibility(rule, { receivesBdh: false, receivesContributoryPension: false }).eligible,
    ).toBe(true);
    expect(texts(rule, { receivesBdh: true, receivesContributoryPension: true })).toEqual([
      {
        es: 'Bono de Desarrollo Humano: se requiere no recibir el Bono de Desarrollo Humano',
        en: 'Bono de Desarrollo Humano: must not receive the Bono de Desarrollo Humano',
      },
      {
        es: 'Pensión contributiva: se requiere no recibir una pensión contributiva (IESS, ISSFA o ISSPOL)',
        en: 'Contributory pension: must not receive a contributory pension (IESS, ISSFA or ISSPOL)',
      },
    ]);
    expect(describeRule(rule, 'es')).toBe(
      'Personas que no reciben el Bono de Desarrollo Humano y que no reciben una pensión contributiva',
    );
  });

  it('negates an "all" into "one of them must fail"', () => {
    const rule: EligibilityRule = {
      not: {
        all: [
          { attribute: 'employed', op: 'eq', value: true },
          { attribute: 'monthlyIncome', op: 'gte', value: 460 },
        ],
      },
    };
    expect(evaluateEligibility(rule, { employed: true, monthlyIncome: 300 }).eligible).toBe(true);
    expect(evaluateEligibility(rule, { employed: true, monthlyIncome: 500 }).unmet).toEqual([
      {
        attribute: 'employed,monthlyIncome',
        reason: 'not-met',
        text: {
          es: 'Se requiere una de estas condiciones: sin empleo; con un ingreso mensual de menos de USD 460 (tiene USD 500)',
          en:
            'One of these conditions is required: who are not employed; with a monthly income of less than USD 460 ' +
            '(is USD 500)',
        },
      },
    ]);
  });

  it('cancels a double negation', () => {
    const rule: EligibilityRule = { not: { not: { attribute: 'migrant', op: 'eq', value: true } } };
    expect(evaluateEligibility(rule, { migrant: true }).eligible).toBe(true);
    expect(texts(rule, { migrant: false })).toEqual([
      {
        es: 'Movilidad humana: se requiere estar en situación de movilidad humana',
        en: 'Migration: must be a migrant or refugee',
      },
    ]);
  });

  it('keeps "not" over missing data unknown', () => {
    const rule: EligibilityRule = { not: { attribute: 'employed', op: 'eq', value: true } };
    expect(evaluateEligibility(rule, {}).unmet.map((u) => u.reason)).toEqual(['unknown']);
  });

  it('shows a nested group as one alternative of an "any"', () => {
    const rule: EligibilityRule = {
      any: [
        { attribute: 'age', op: 'gte', value: 65 },
        {
          all: [
            { attribute: 'disability', op: 'eq', value: true },
            { attribute: 'headOfHousehold', op: 'eq', value: true },
          ],
        },
      ],
    };
    expect(evaluateEligibility(rule, { age: 40, disability: true, headOfHousehold: true }).eligible).toBe(
      true,
    );
    expect(texts(rule, { age: 40, disability: true, headOfHousehold: false })).toEqual([
      {
        es:
          'Se requiere una de estas condiciones: de 65 años o más (tiene 40); con una discapacidad registrada y ' +
          'que son jefes o jefas de hogar',
        en:
          'One of these conditions is required: aged 65 years or more (is 40); with a registered disability and ' +
          'who head their household',
      },
    ]);
    expect(describeRule(rule, 'en')).toBe(
      'People aged 65 years or more or (with a registered disability and who head their household)',
    );
  });

  it('flattens groups of the same kind', () => {
    const rule: EligibilityRule = {
      all: [
        { all: [{ attribute: 'sex', op: 'eq', value: 'female' }] },
        { all: [{ attribute: 'nationality', op: 'in', value: ['venezolana', 'colombiana'] }] },
      ],
    };
    expect(describeRule(rule, 'es')).toBe(
      'Personas de sexo femenino y de nacionalidad venezolana o colombiana',
    );
    expect(describeRule(rule, 'en')).toBe(
      'People whose sex is female and with nationality venezolana or colombiana',
    );
  });

  it('describes exists and the negative operators', () => {
    const rule: EligibilityRule = {
      all: [
        { attribute: 'disabilityPercentage', op: 'exists', value: true },
        { attribute: 'age', op: 'exists', value: false },
        { attribute: 'povertyClassification', op: 'notIn', value: ['vulnerable', 'not-poor'] },
      ],
    };
    expect(describeRule(rule, 'es')).toBe(
      'Personas con el porcentaje de discapacidad registrado, sin dato de la edad y con la clasificación del ' +
        'Registro Social distinta de vulnerabilidad o no pobreza',
    );
    expect(describeRule(rule, 'en')).toBe(
      'People whose disability percentage is known, whose age is not known and whose Social Registry ' +
        'classification is not vulnerability or non-poverty',
    );
  });

  it('lists the attributes a rule reads', () => {
    expect(attributesOf(JOAQUIN_GALLEGOS_LARA)).toEqual([
      'disabilityPercentage',
      'catastrophicIllness',
      'povertyClassification',
    ]);
  });
});

describe('EligibilityRuleSchema', () => {
  it('accepts the catalogue rules and returns them as they are', () => {
    expect(EligibilityRuleSchema.parse(OLDER_ADULT_PENSION)).toEqual(OLDER_ADULT_PENSION);
    expect(EligibilityRuleSchema.parse(JSON.parse(JSON.stringify(JOAQUIN_GALLEGOS_LARA)))).toEqual(
      JOAQUIN_GALLEGOS_LARA,
    );
  });

  it('names an unknown attribute', () => {
    const [issue, ...others] = issuesOf({ all: [{ attribute: 'edad', op: 'gte', value: 65 }] });
    expect(others).toEqual([]);
    expect(issue?.[0]).toBe('all.0.attribute');
    expect(issue?.[1]).toMatch(/^atributo desconocido 'edad'; use uno de: age, sex, /);
    expect(issue?.[2]).toMatch(/^unknown attribute 'edad'; use one of: age, sex, /);
  });

  it('names the attribute and what it compares when the value has the wrong type', () => {
    expect(
      issuesOf({
        all: [
          { attribute: 'disability', op: 'eq', value: true },
          { attribute: 'age', op: 'gte', value: 'sesenta' },
        ],
      }),
    ).toEqual([
      ['all.1.value', "'age' compara números, no 'sesenta'", "'age' compares numbers, not 'sesenta'"],
    ]);
    expect(issuesOf({ attribute: 'age', op: 'gte', value: 64.5 })).toEqual([
      ['value', "'age' compara números enteros, no '64.5'", "'age' compares whole numbers, not '64.5'"],
    ]);
    expect(issuesOf({ attribute: 'disabilityPercentage', op: 'gt', value: 150 })).toEqual([
      [
        'value',
        "'disabilityPercentage' compara números de 0 a 100, no '150'",
        "'disabilityPercentage' compares numbers from 0 to 100, not '150'",
      ],
    ]);
    expect(issuesOf({ not: { attribute: 'pregnant', op: 'eq', value: 'si' } })).toEqual([
      [
        'not.value',
        "'pregnant' compara sí o no (true o false), no 'si'",
        "'pregnant' compares yes or no (true or false), not 'si'",
      ],
    ]);
    expect(issuesOf({ attribute: 'canton', op: 'eq', value: 'Quito' })).toEqual([
      [
        'value',
        "'canton' compara identificadores de cantón (p. ej. quito), no 'Quito'",
        "'canton' compares canton ids (e.g. quito), not 'Quito'",
      ],
    ]);
  });

  it('refuses an operator the type does not allow', () => {
    expect(issuesOf({ any: [{ attribute: 'disability', op: 'lt', value: true }] })).toEqual([
      [
        'any.0.op',
        "'disability' es sí o no y no admite 'lt'; use eq, ne o exists",
        "'disability' is yes or no and does not take 'lt'; use eq, ne or exists",
      ],
    ]);
    expect(issuesOf({ attribute: 'povertyClassification', op: 'gte', value: 'poverty' })).toEqual([
      [
        'op',
        "'povertyClassification' es una lista cerrada de valores y no admite 'gte'; use eq, ne, in, notIn o exists",
        "'povertyClassification' is a closed list of values and does not take 'gte'; use eq, ne, in, notIn or exists",
      ],
    ]);
    expect(issuesOf({ attribute: 'age', op: 'like', value: 65 })).toEqual([
      [
        'op',
        "operador desconocido 'like'; use uno de: eq, ne, lt, lte, gt, gte, in, notIn, between, exists",
        "unknown operator 'like'; use one of: eq, ne, lt, lte, gt, gte, in, notIn, between, exists",
      ],
    ]);
  });

  it('refuses an enum value outside the enum, pointing at the item of a list', () => {
    expect(
      issuesOf({ attribute: 'povertyClassification', op: 'in', value: ['extreme-poverty', 'poor'] }),
    ).toEqual([
      [
        'value.1',
        "'povertyClassification' admite extreme-poverty, poverty, vulnerable o not-poor, no 'poor'",
        "'povertyClassification' takes extreme-poverty, poverty, vulnerable or not-poor, not 'poor'",
      ],
    ]);
  });

  it('checks the shape of in, between and exists values', () => {
    expect(issuesOf({ attribute: 'sex', op: 'in', value: 'female' })).toEqual([
      [
        'value',
        "'sex' con 'in' necesita una lista de 1 a 250 valores, no 'female'",
        "'sex' with 'in' needs a list of 1 to 250 values, not 'female'",
      ],
    ]);
    expect(issuesOf({ attribute: 'age', op: 'between', value: [18] })).toEqual([
      [
        'value',
        "'age' con 'between' necesita [mínimo, máximo], no '[18]'",
        "'age' with 'between' needs [minimum, maximum], not '[18]'",
      ],
    ]);
    expect(issuesOf({ attribute: 'age', op: 'exists', value: 'yes' })).toEqual([
      [
        'value',
        "'age' con 'exists' necesita true o false, no 'yes'",
        "'age' with 'exists' needs true or false, not 'yes'",
      ],
    ]);
  });

  it('refuses a between whose minimum is above its maximum', () => {
    expect(issuesOf({ all: [{ attribute: 'age', op: 'between', value: [70, 65] }] })).toEqual([
      [
        'all.0.value',
        "'age': el mínimo (70) es mayor que el máximo (65)",
        "'age': the minimum (70) is greater than the maximum (65)",
      ],
    ]);
  });

  it('refuses a rule nested deeper than 6 levels, at the first node too deep', () => {
    const leaf = { attribute: 'age', op: 'gte', value: 65 };
    const nest = (levels: number): unknown => (levels === 1 ? leaf : { not: nest(levels - 1) });
    expect(EligibilityRuleSchema.safeParse(nest(6)).success).toBe(true);
    expect(issuesOf(nest(7))).toEqual([
      ['not.not.not.not.not.not', 'la regla anida más de 6 niveles', 'the rule nests more than 6 levels'],
    ]);
    // A malicious depth is refused without walking it all.
    expect(issuesOf(nest(5000))).toHaveLength(1);
  });

  it(`refuses more than ${MAX_RULE_NODES} nodes`, () => {
    const leaf = { attribute: 'age', op: 'gte', value: 65 };
    expect(EligibilityRuleSchema.safeParse({ any: Array(MAX_RULE_NODES - 1).fill(leaf) }).success).toBe(true);
    expect(issuesOf({ any: Array(MAX_RULE_NODES).fill(leaf) })).toEqual([
      [
        '',
        'la regla tiene más de 50 nodos (grupos y comparaciones)',
        'the rule has more than 50 nodes (groups and comparisons)',
      ],
    ]);
  });

  it('refuses what is not a rule, empty groups and extra keys', () => {
    expect(
      issuesOf({
        all: [
          'age >= 65',
          { any: [] },
          { attribute: 'age', op: 'gte', value: 65, note: 'x' },
          {
            not: { attribute: 'age', op: 'gte', value: 65 },
            any: [{ attribute: 'age', op: 'lt', value: 18 }],
          },
          { attribute: 'age', value: 65 },
        ],
      }),
    ).toEqual([
      [
        'all.0',
        'una regla es {all: [...]}, {any: [...]}, {not: {...}} o una comparación {attribute, op, value}',
        'a rule is {all: [...]}, {any: [...]}, {not: {...}} or a comparison {attribute, op, value}',
      ],
      [
        'all.1.any',
        "'any' necesita una lista con al menos una regla",
        "'any' needs a list of at least one rule",
      ],
      [
        'all.2.note',
        "una comparación solo admite attribute, op y value, no 'note'",
        "a comparison only takes attribute, op and value, not 'note'",
      ],
      ['all.3.not', "'not' no se admite junto a 'any'", "'not' is not allowed next to 'any'"],
      ['all.4.op', 'falta el operador', 'the operator is missing'],
    ]);
  });

  it('reports its issues under the field that holds the rule, with the English text as message', () => {
    const Service = z.object({ name: z.string(), eligibility: z.optional(EligibilityRuleSchema) });
    expect(Service.safeParse({ name: 'Bono' }).success).toBe(true);
    const result = Service.safeParse({
      name: 'Bono',
      eligibility: { any: [{ attribute: 'sex', op: 'eq', value: 'mujer' }] },
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['eligibility.any.0.value', "'sex' takes female or male, not 'mujer'"],
    ]);
  });

  it('makes evaluation and description refuse an invalid rule instead of guessing', () => {
    const stale = { attribute: 'rural', op: 'eq', value: true } as unknown as EligibilityRule;
    expect(() => evaluateEligibility(stale, {})).toThrow(
      /Invalid eligibility rule at "attribute": unknown attribute 'rural'/,
    );
    expect(() => describeRule(stale, 'es')).toThrow(/unknown attribute 'rural'/);
  });

  it('types rules so that code-written ones are checked too', () => {
    // @ts-expect-error an attribute that does not exist does not compile
    const typo: EligibilityRule = { attribute: 'edad', op: 'eq', value: 1 };
    // @ts-expect-error between takes a pair
    const single: EligibilityRule = { attribute: 'age', op: 'between', value: 3 };
    expect([typo, single]).toHaveLength(2);
  });
});
