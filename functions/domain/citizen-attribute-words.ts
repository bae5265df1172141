import type { Localized } from '#kernel/messages.js';
import {
  type AttributeName,
  type BooleanAttribute,
  CITIZEN_ATTRIBUTES,
  type EnumAttribute,
  type NumberAttribute,
  type StringAttribute,
} from './citizen-attributes.js';

/**
 * The words that explain a rule on citizen attributes (citizen-attributes.ts) in Spanish and English, so that rules
 * stay plain data and no text ever shows a raw code: labels, nouns, units, and each enum value's label. Apart from
 * the attributes' types and limits, so that validating a rule or a profile carries none of them. The Spanish
 * phrases are written for "Personas …" and "se requiere …", the English ones for "People …" and "must …".
 */

/** Singular and plural of a unit, e.g. año / años. */
type UnitForms = Readonly<Record<keyof Localized, readonly [string, string]>>;

interface Common {
  readonly label: Localized;
  /** With its article in Spanish: "No se conoce la edad de la persona" / "The person's age is not known". */
  readonly noun: Localized;
}

export interface NumberWords extends Common {
  readonly unit?: UnitForms;
  readonly format?: 'money' | 'percent';
  /** Precedes the amount in descriptions: "de" 65 años o más / "aged" 65 years or more. */
  readonly lead: Localized;
}

export interface BooleanWords extends Common {
  /** Follows "se requiere" / "must"; the negative is formed with "no" / "not". */
  readonly requirement: Localized;
  readonly describe: Readonly<{ yes: Localized; no: Localized }>;
}

export interface EnumValueWords {
  readonly label: Localized;
  /** How a citizen's value reads in parentheses; by default "es …" / "is …" and the label. */
  readonly actual?: Localized;
}

export interface EnumWords<Code extends string = string> extends Common {
  /** By code: every code of the attribute, and no other. */
  readonly values: Readonly<Record<Code, EnumValueWords>>;
  readonly lead: Localized;
}

export interface StringWords extends Common {
  readonly lead: Localized;
}

/** The words an attribute of that type needs (an enum's: one entry per code). */
type WordsOf<A> = A extends { readonly type: 'integer' | 'number' }
  ? NumberWords
  : A extends { readonly type: 'boolean' }
    ? BooleanWords
    : A extends { readonly type: 'enum'; readonly codes: readonly (infer C extends string)[] }
      ? EnumWords<C>
      : StringWords;

/** An attribute with its words: what the explanations of a rule read. */
export type DescribedAttribute =
  | (NumberAttribute & NumberWords)
  | (BooleanAttribute & BooleanWords)
  | (EnumAttribute & EnumWords)
  | (StringAttribute & StringWords);

const YEARS: UnitForms = { es: ['año', 'años'], en: ['year', 'years'] };
const PEOPLE: UnitForms = { es: ['persona', 'personas'], en: ['person', 'people'] };

const ATTRIBUTE_WORDS: { readonly [N in AttributeName]: WordsOf<(typeof CITIZEN_ATTRIBUTES)[N]> } = {
  age: {
    label: { es: 'Edad', en: 'Age' },
    noun: { es: 'la edad', en: 'age' },
    unit: YEARS,
    lead: { es: 'de', en: 'aged' },
  },
  sex: {
    label: { es: 'Sexo', en: 'Sex' },
    noun: { es: 'el sexo', en: 'sex' },
    values: {
      female: { label: { es: 'femenino', en: 'female' } },
      male: { label: { es: 'masculino', en: 'male' } },
    },
    lead: { es: 'de sexo', en: 'whose sex is' },
  },
  disability: {
    label: { es: 'Discapacidad', en: 'Disability' },
    noun: { es: 'la condición de discapacidad', en: 'disability status' },
    requirement: { es: 'tener una discapacidad registrada', en: 'have a registered disability' },
    describe: {
      yes: { es: 'con una discapacidad registrada', en: 'with a registered disability' },
      no: { es: 'sin una discapacidad registrada', en: 'without a registered disability' },
    },
  },
  disabilityPercentage: {
    label: { es: 'Porcentaje de discapacidad', en: 'Disability percentage' },
    noun: { es: 'el porcentaje de discapacidad', en: 'disability percentage' },
    format: 'percent',
    lead: { es: 'con un porcentaje de discapacidad de', en: 'with a disability percentage of' },
  },
  householdSize: {
    label: { es: 'Tamaño del hogar', en: 'Household size' },
    noun: { es: 'el tamaño del hogar', en: 'household size' },
    unit: PEOPLE,
    lead: { es: 'en hogares de', en: 'in households of' },
  },
  childrenUnder5: {
    label: { es: 'Niñas y niños menores de 5 años', en: 'Children under 5' },
    noun: { es: 'el número de niñas y niños menores de 5 años', en: 'number of children under 5' },
    lead: {
      es: 'con un número de niñas y niños menores de 5 años de',
      en: 'with a number of children under 5 of',
    },
  },
  pregnant: {
    label: { es: 'Embarazo', en: 'Pregnancy' },
    noun: { es: 'la condición de embarazo', en: 'pregnancy status' },
    requirement: { es: 'estar embarazada', en: 'be pregnant' },
    describe: {
      yes: { es: 'embarazadas', en: 'who are pregnant' },
      no: { es: 'no embarazadas', en: 'who are not pregnant' },
    },
  },
  registryStatus: {
    label: { es: 'Estado en el Registro Social', en: 'Social Registry status' },
    noun: { es: 'el estado en el Registro Social', en: 'Social Registry status' },
    values: {
      'not-registered': { label: { es: 'no registrado', en: 'not registered' } },
      registered: { label: { es: 'registrado', en: 'registered' } },
      'update-pending': { label: { es: 'actualización pendiente', en: 'update pending' } },
    },
    lead: { es: 'cuyo estado en el Registro Social es', en: 'whose Social Registry status is' },
  },
  povertyClassification: {
    label: { es: 'Clasificación del Registro Social', en: 'Social Registry classification' },
    noun: { es: 'la clasificación del Registro Social', en: 'Social Registry classification' },
    values: {
      'extreme-poverty': {
        label: { es: 'pobreza extrema', en: 'extreme poverty' },
        actual: { es: 'está en pobreza extrema', en: 'is in extreme poverty' },
      },
      poverty: {
        label: { es: 'pobreza', en: 'poverty' },
        actual: { es: 'está en pobreza', en: 'is in poverty' },
      },
      vulnerable: {
        label: { es: 'vulnerabilidad', en: 'vulnerability' },
        actual: { es: 'es vulnerable', en: 'is vulnerable' },
      },
      'not-poor': {
        label: { es: 'no pobreza', en: 'non-poverty' },
        actual: { es: 'es no pobre', en: 'is not poor' },
      },
    },
    lead: { es: 'en situación de', en: 'in a situation of' },
  },
  monthlyIncome: {
    label: { es: 'Ingreso mensual', en: 'Monthly income' },
    noun: { es: 'el ingreso mensual', en: 'monthly income' },
    format: 'money',
    lead: { es: 'con un ingreso mensual de', en: 'with a monthly income of' },
  },
  canton: {
    label: { es: 'Cantón', en: 'Canton' },
    noun: { es: 'el cantón de residencia', en: 'canton of residence' },
    lead: { es: 'del cantón', en: 'from the canton of' },
  },
  province: {
    label: { es: 'Provincia', en: 'Province' },
    noun: { es: 'la provincia de residencia', en: 'province of residence' },
    lead: { es: 'de la provincia de', en: 'from the province of' },
  },
  nationality: {
    label: { es: 'Nacionalidad', en: 'Nationality' },
    noun: { es: 'la nacionalidad', en: 'nationality' },
    lead: { es: 'de nacionalidad', en: 'with nationality' },
  },
  migrant: {
    label: { es: 'Movilidad humana', en: 'Migration' },
    noun: { es: 'la condición de movilidad humana', en: 'migration status' },
    requirement: { es: 'estar en situación de movilidad humana', en: 'be a migrant or refugee' },
    describe: {
      yes: { es: 'en situación de movilidad humana', en: 'who are migrants or refugees' },
      no: { es: 'que no están en situación de movilidad humana', en: 'who are not migrants or refugees' },
    },
  },
  headOfHousehold: {
    label: { es: 'Jefatura de hogar', en: 'Head of household' },
    noun: { es: 'la condición de jefatura de hogar', en: 'head-of-household status' },
    requirement: { es: 'ser jefe o jefa de hogar', en: 'be the head of the household' },
    describe: {
      yes: { es: 'que son jefes o jefas de hogar', en: 'who head their household' },
      no: { es: 'que no son jefes o jefas de hogar', en: 'who do not head their household' },
    },
  },
  receivesBdh: {
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
    label: { es: 'Empleo', en: 'Employment' },
    noun: { es: 'la situación laboral', en: 'employment status' },
    requirement: { es: 'tener empleo', en: 'be employed' },
    describe: {
      yes: { es: 'con empleo', en: 'who are employed' },
      no: { es: 'sin empleo', en: 'who are not employed' },
    },
  },
};

/** An attribute's type and limits with its words. */
export function describedAttribute(name: AttributeName): DescribedAttribute {
  return { ...CITIZEN_ATTRIBUTES[name], ...ATTRIBUTE_WORDS[name] } as DescribedAttribute;
}

/** The words of one value of an enum attribute; undefined for a code the attribute does not have. */
export function enumValueWords(attribute: EnumWords, code: unknown): EnumValueWords | undefined {
  return typeof code === 'string' && Object.hasOwn(attribute.values, code)
    ? attribute.values[code]
    : undefined;
}
