import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CANTON_ID_PATTERN } from './canton-id.js';
import type { Localized } from '#kernel/messages.js';

/**
 * The citizen attributes an eligibility rule may test (see eligibility.ts). Each carries its type, its limits and
 * the words needed to explain a rule to a citizen in Spanish and English, so that rules stay plain data and no
 * text ever shows a raw code. The Spanish phrases are written for "Personas …" and "se requiere …", the English
 * ones for "People …" and "must …".
 */

/** Singular and plural of a unit, e.g. año / años. */
type UnitForms = Readonly<Record<keyof Localized, readonly [string, string]>>;

interface Common {
  readonly label: Localized;
  /** With its article in Spanish: "No se conoce la edad de la persona" / "The person's age is not known". */
  readonly noun: Localized;
}

export interface NumberAttribute extends Common {
  readonly type: 'integer' | 'number';
  readonly min: number;
  readonly max: number;
  readonly unit?: UnitForms;
  readonly format?: 'money' | 'percent';
  /** Precedes the amount in descriptions: "de" 65 años o más / "aged" 65 years or more. */
  readonly lead: Localized;
}

export interface BooleanAttribute extends Common {
  readonly type: 'boolean';
  /** Follows "se requiere" / "must"; the negative is formed with "no" / "not". */
  readonly requirement: Localized;
  readonly describe: Readonly<{ yes: Localized; no: Localized }>;
}

export interface EnumValue {
  readonly code: string;
  readonly label: Localized;
  /** How a citizen's value reads in parentheses; by default "es …" / "is …" and the label. */
  readonly actual?: Localized;
}

export interface EnumAttribute extends Common {
  readonly type: 'enum';
  readonly values: readonly EnumValue[];
  readonly lead: Localized;
}

export interface StringAttribute extends Common {
  readonly type: 'string';
  readonly maxLength: number;
  readonly lead: Localized;
  readonly pattern?: RegExp;
  /** What the pattern accepts, for validation messages. */
  readonly expected?: Localized;
}

export type AttributeDefinition = NumberAttribute | BooleanAttribute | EnumAttribute | StringAttribute;
export type AttributeType = AttributeDefinition['type'];

const YEARS: UnitForms = { es: ['año', 'años'], en: ['year', 'years'] };
const PEOPLE: UnitForms = { es: ['persona', 'personas'], en: ['person', 'people'] };

export const CITIZEN_ATTRIBUTES = {
  age: {
    type: 'integer',
    label: { es: 'Edad', en: 'Age' },
    noun: { es: 'la edad', en: 'age' },
    min: 0,
    max: 130,
    unit: YEARS,
    lead: { es: 'de', en: 'aged' },
  },
  sex: {
    type: 'enum',
    label: { es: 'Sexo', en: 'Sex' },
    noun: { es: 'el sexo', en: 'sex' },
    values: [
      { code: 'female', label: { es: 'femenino', en: 'female' } },
      { code: 'male', label: { es: 'masculino', en: 'male' } },
    ],
    lead: { es: 'de sexo', en: 'whose sex is' },
  },
  disability: {
    type: 'boolean',
    label: { es: 'Discapacidad', en: 'Disability' },
    noun: { es: 'la condición de discapacidad', en: 'disability status' },
    requirement: { es: 'tener una discapacidad registrada', en: 'have a registered disability' },
    describe: {
      yes: { es: 'con una discapacidad registrada', en: 'with a registered disability' },
      no: { es: 'sin una discapacidad registrada', en: 'without a registered disability' },
    },
  },
  disabilityPercentage: {
    // The percentage on the CONADIS disability card.
    type: 'number',
    label: { es: 'Porcentaje de discapacidad', en: 'Disability percentage' },
    noun: { es: 'el porcentaje de discapacidad', en: 'disability percentage' },
    min: 0,
    max: 100,
    format: 'percent',
    lead: { es: 'con un porcentaje de discapacidad de', en: 'with a disability percentage of' },
  },
  householdSize: {
    type: 'integer',
    label: { es: 'Tamaño del hogar', en: 'Household size' },
    noun: { es: 'el tamaño del hogar', en: 'household size' },
    min: 1,
    max: 50,
    unit: PEOPLE,
    lead: { es: 'en hogares de', en: 'in households of' },
  },
  childrenUnder5: {
    type: 'integer',
    label: { es: 'Niñas y niños menores de 5 años', en: 'Children under 5' },
    noun: { es: 'el número de niñas y niños menores de 5 años', en: 'number of children under 5' },
    min: 0,
    max: 30,
    lead: {
      es: 'con un número de niñas y niños menores de 5 años de',
      en: 'with a number of children under 5 of',
    },
  },
  pregnant: {
    type: 'boolean',
    label: { es: 'Embarazo', en: 'Pregnancy' },
    noun: { es: 'la condición de embarazo', en: 'pregnancy status' },
    requirement: { es: 'estar embarazada', en: 'be pregnant' },
    describe: {
      yes: { es: 'embarazadas', en: 'who are pregnant' },
      no: { es: 'no embarazadas', en: 'who are not pregnant' },
    },
  },
  registryStatus: {
    type: 'enum',
    label: { es: 'Estado en el Registro Social', en: 'Social Registry status' },
    noun: { es: 'el estado en el Registro Social', en: 'Social Registry status' },
    values: [
      { code: 'not-registered', label: { es: 'no registrado', en: 'not registered' } },
      { code: 'registered', label: { es: 'registrado', en: 'registered' } },
      { code: 'update-pending', label: { es: 'actualización pendiente', en: 'update pending' } },
    ],
    lead: { es: 'cuyo estado en el Registro Social es', en: 'whose Social Registry status is' },
  },
  povertyClassification: {
    // The Registro Social groups households by its welfare index.
    type: 'enum',
    label: { es: 'Clasificación del Registro Social', en: 'Social Registry classification' },
    noun: { es: 'la clasificación del Registro Social', en: 'Social Registry classification' },
    values: [
      {
        code: 'extreme-poverty',
        label: { es: 'pobreza extrema', en: 'extreme poverty' },
        actual: { es: 'está en pobreza extrema', en: 'is in extreme poverty' },
      },
      {
        code: 'poverty',
        label: { es: 'pobreza', en: 'poverty' },
        actual: { es: 'está en pobreza', en: 'is in poverty' },
      },
      {
        code: 'vulnerable',
        label: { es: 'vulnerabilidad', en: 'vulnerability' },
        actual: { es: 'es vulnerable', en: 'is vulnerable' },
      },
      {
        code: 'not-poor',
        label: { es: 'no pobreza', en: 'non-poverty' },
        actual: { es: 'es no pobre', en: 'is not poor' },
      },
    ],
    lead: { es: 'en situación de', en: 'in a situation of' },
  },
  monthlyIncome: {
    type: 'number',
    label: { es: 'Ingreso mensual', en: 'Monthly income' },
    noun: { es: 'el ingreso mensual', en: 'monthly income' },
    min: 0,
    max: 1_000_000,
    format: 'money',
    lead: { es: 'con un ingreso mensual de', en: 'with a monthly income of' },
  },
  canton: {
    type: 'string',
    label: { es: 'Cantón', en: 'Canton' },
    noun: { es: 'el cantón de residencia', en: 'canton of residence' },
    maxLength: 40,
    pattern: CANTON_ID_PATTERN,
    expected: { es: 'identificadores de cantón (p. ej. quito)', en: 'canton ids (e.g. quito)' },
    lead: { es: 'del cantón', en: 'from the canton of' },
  },
  province: {
    type: 'string',
    label: { es: 'Provincia', en: 'Province' },
    noun: { es: 'la provincia de residencia', en: 'province of residence' },
    maxLength: 80,
    lead: { es: 'de la provincia de', en: 'from the province of' },
  },
  nationality: {
    type: 'string',
    label: { es: 'Nacionalidad', en: 'Nationality' },
    noun: { es: 'la nacionalidad', en: 'nationality' },
    maxLength: 60,
    lead: { es: 'de nacionalidad', en: 'with nationality' },
  },
  migrant: {
    type: 'boolean',
    label: { es: 'Movilidad humana', en: 'Migration' },
    noun: { es: 'la condición de movilidad humana', en: 'migration status' },
    requirement: { es: 'estar en situación de movilidad humana', en: 'be a migrant or refugee' },
    describe: {
      yes: { es: 'en situación de movilidad humana', en: 'who are migrants or refugees' },
      no: { es: 'que no están en situación de movilidad humana', en: 'who are not migrants or refugees' },
    },
  },
  headOfHousehold: {
    type: 'boolean',
    label: { es: 'Jefatura de hogar', en: 'Head of household' },
    noun: { es: 'la condición de jefatura de hogar', en: 'head-of-household status' },
    requirement: { es: 'ser jefe o jefa de hogar', en: 'be the head of the household' },
    describe: {
      yes: { es: 'que son jefes o jefas de hogar', en: 'who head their household' },
      no: { es: 'que no son jefes o jefas de hogar', en: 'who do not head their household' },
    },
  },
  receivesBdh: {
    type: 'boolean',
    label: { es: 'Bono de Desarrollo Humano', en: 'Bono de Desarrollo Humano' },
    noun: {
      es: 'la situación respecto del Bono de Desarrollo Humano',
      en: 'Bono de Desarrollo Humano status',
    },
    requirement: { es: 'recibir el Bono de Desarrollo Humano', en: 'receive the Bono de Desarrollo Humano' },
    describe: {
      yes: {
        es: 'que reciben el Bono de Desarrollo Humano',
        en: 'who receive the Bono de Desarrollo Humano',
      },
      no: {
        es: 'que no reciben el Bono de Desarrollo Humano',
        en: 'who do not receive the Bono de Desarrollo Humano',
      },
    },
  },
  receivesContributoryPension: {
    // Social security pensions (IESS, ISSFA, ISSPOL) exclude non-contributory ones such as the older-adult pension.
    type: 'boolean',
    label: { es: 'Pensión contributiva', en: 'Contributory pension' },
    noun: { es: 'la situación de pensión contributiva', en: 'contributory pension status' },
    requirement: {
      es: 'recibir una pensión contributiva (IESS, ISSFA o ISSPOL)',
      en: 'receive a contributory pension (IESS, ISSFA or ISSPOL)',
    },
    describe: {
      yes: { es: 'que reciben una pensión contributiva', en: 'who receive a contributory pension' },
      no: { es: 'que no reciben una pensión contributiva', en: 'who do not receive a contributory pension' },
    },
  },
  catastrophicIllness: {
    type: 'boolean',
    label: { es: 'Enfermedad catastrófica', en: 'Catastrophic illness' },
    noun: { es: 'la condición de enfermedad catastrófica', en: 'catastrophic illness status' },
    requirement: {
      es: 'tener una enfermedad catastrófica, rara o huérfana',
      en: 'have a catastrophic, rare or orphan disease',
    },
    describe: {
      yes: {
        es: 'con una enfermedad catastrófica, rara o huérfana',
        en: 'with a catastrophic, rare or orphan disease',
      },
      no: {
        es: 'sin una enfermedad catastrófica, rara o huérfana',
        en: 'without a catastrophic, rare or orphan disease',
      },
    },
  },
  employed: {
    type: 'boolean',
    label: { es: 'Empleo', en: 'Employment' },
    noun: { es: 'la situación laboral', en: 'employment status' },
    requirement: { es: 'tener empleo', en: 'be employed' },
    describe: {
      yes: { es: 'con empleo', en: 'who are employed' },
      no: { es: 'sin empleo', en: 'who are not employed' },
    },
  },
} as const satisfies Record<string, AttributeDefinition>;

export type AttributeName = keyof typeof CITIZEN_ATTRIBUTES;
export const ATTRIBUTE_NAMES = Object.keys(CITIZEN_ATTRIBUTES) as AttributeName[];

type ValueOf<A> = A extends { readonly type: 'integer' | 'number' }
  ? number
  : A extends { readonly type: 'boolean' }
    ? boolean
    : A extends { readonly type: 'enum'; readonly values: readonly (infer V)[] }
      ? V extends { readonly code: infer C }
        ? C
        : never
      : string;

/** What is known about a citizen; an absent attribute is unknown, never false or zero. */
export type CitizenProfile = Partial<{
  -readonly [K in AttributeName]: ValueOf<(typeof CITIZEN_ATTRIBUTES)[K]>;
}>;

export function isAttributeName(name: unknown): name is AttributeName {
  return typeof name === 'string' && Object.hasOwn(CITIZEN_ATTRIBUTES, name);
}

export function attributeDefinition(name: AttributeName): AttributeDefinition {
  return CITIZEN_ATTRIBUTES[name];
}

function valueSchema(definition: AttributeDefinition): z.core.$ZodType {
  switch (definition.type) {
    case 'integer':
      return z.number().check(z.int(), z.gte(definition.min), z.lte(definition.max));
    case 'number':
      return z.number().check(z.gte(definition.min), z.lte(definition.max));
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z.enum(definition.values.map((v) => v.code) as [string, ...string[]]);
    case 'string': {
      const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(definition.maxLength));
      return definition.pattern ? text.check(z.regex(definition.pattern)) : text;
    }
  }
}

type ProfileShape = {
  [K in AttributeName]: z.ZodMiniOptional<z.core.$ZodType<NonNullable<CitizenProfile[K]>>>;
};

/** A profile as an API receives it: every attribute optional, nothing else allowed. */
export const CitizenProfileSchema = withMeta(
  z.strictObject(
    Object.fromEntries(
      ATTRIBUTE_NAMES.map((name) => [name, z.optional(valueSchema(CITIZEN_ATTRIBUTES[name]))]),
    ) as ProfileShape,
  ),
  { id: 'CitizenProfile' },
);
