import { CANTON_ID_PATTERN } from './canton-id.js';
import type { Localized } from '#kernel/messages.js';

/**
 * The citizen attributes an eligibility rule may test (see eligibility-rule.ts): each one's type and limits, all
 * that validating a rule or a profile needs. The words that explain a rule to a citizen in Spanish and English are
 * in citizen-attribute-words.ts, which only the functions that explain rules load; the schema of a profile is in
 * citizen-profile.ts.
 */

export interface NumberAttribute {
  readonly type: 'integer' | 'number';
  readonly min: number;
  readonly max: number;
}

export interface BooleanAttribute {
  readonly type: 'boolean';
}

export interface EnumAttribute {
  readonly type: 'enum';
  /** The values' codes, in the order messages list them. */
  readonly codes: readonly string[];
}

export interface StringAttribute {
  readonly type: 'string';
  readonly maxLength: number;
  readonly pattern?: RegExp;
  /** What the pattern accepts, for validation messages. */
  readonly expected?: Localized;
}

export type AttributeDefinition = NumberAttribute | BooleanAttribute | EnumAttribute | StringAttribute;
export type AttributeType = AttributeDefinition['type'];

export const CITIZEN_ATTRIBUTES = {
  age: { type: 'integer', min: 0, max: 130 },
  sex: { type: 'enum', codes: ['female', 'male'] },
  disability: { type: 'boolean' },
  // The percentage on the CONADIS disability card.
  disabilityPercentage: { type: 'number', min: 0, max: 100 },
  householdSize: { type: 'integer', min: 1, max: 50 },
  childrenUnder5: { type: 'integer', min: 0, max: 30 },
  pregnant: { type: 'boolean' },
  registryStatus: { type: 'enum', codes: ['not-registered', 'registered', 'update-pending'] },
  // The Registro Social groups households by its welfare index.
  povertyClassification: { type: 'enum', codes: ['extreme-poverty', 'poverty', 'vulnerable', 'not-poor'] },
  monthlyIncome: { type: 'number', min: 0, max: 1_000_000 },
  canton: {
    type: 'string',
    maxLength: 40,
    pattern: CANTON_ID_PATTERN,
    expected: { es: 'identificadores de cantón (p. ej. quito)', en: 'canton ids (e.g. quito)' },
  },
  province: { type: 'string', maxLength: 80 },
  nationality: { type: 'string', maxLength: 60 },
  migrant: { type: 'boolean' },
  headOfHousehold: { type: 'boolean' },
  receivesBdh: { type: 'boolean' },
  // Social security pensions (IESS, ISSFA, ISSPOL) exclude non-contributory ones such as the older-adult pension.
  receivesContributoryPension: { type: 'boolean' },
  catastrophicIllness: { type: 'boolean' },
  employed: { type: 'boolean' },
} as const satisfies Record<string, AttributeDefinition>;

export type AttributeName = keyof typeof CITIZEN_ATTRIBUTES;
export const ATTRIBUTE_NAMES = Object.keys(CITIZEN_ATTRIBUTES) as AttributeName[];

type ValueOf<A> = A extends { readonly type: 'integer' | 'number' }
  ? number
  : A extends { readonly type: 'boolean' }
    ? boolean
    : A extends { readonly type: 'enum'; readonly codes: readonly (infer C)[] }
      ? C
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
