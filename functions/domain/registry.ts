import { IN_ENGLISH } from '#kernel/zod-english.js';
import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CEDULA_PROBLEMS, cedulaProblem } from './cedula.js';
import type { CitizenProfile } from './citizen-attributes.js';
import { knownParish, REGISTRY_PLACES, sameProvince } from './registry-places.js';
import type { Localized } from '#kernel/messages.js';

/**
 * The social registry (Registro Social) as the ministry holds it: households and their members, each household with
 * its address, contact and classification. One schema serves the batch API, the file import and the demo seed;
 * docs/registry.md describes it field by field. Cross-field rules (one head, no future birth date, a known parish,
 * no national ID twice) are in `householdProblems`, shared by every way in.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });
/** A string matching a pattern, with the message in both languages (zod's `regex` takes no params). */
const matching = (pattern: RegExp, es: string, en: string) =>
  withMeta(z.string().check(z.refine((value) => pattern.test(value), msg(es, en))), {
    pattern: pattern.source,
  });

export const RELATIONSHIPS = [
  'head',
  'spouse',
  'child',
  'grandchild',
  'parent',
  'sibling',
  'other-relative',
  'non-relative',
] as const;
export const EDUCATION_LEVELS = [
  'none',
  'initial',
  'basic',
  'secondary',
  'technical',
  'university',
  'postgraduate',
] as const;
/** Monthly income against the basic wage (salario básico unificado). */
export const INCOME_BRACKETS = [
  'none',
  'up-to-basic-wage',
  'up-to-twice-basic-wage',
  'above-twice-basic-wage',
] as const;
export const CLASSIFICATIONS = ['extreme-poverty', 'poverty', 'vulnerable', 'not-poor'] as const;
/** Contributory pensions: social security (IESS), armed forces (ISSFA), police (ISSPOL). */
export const PENSIONS = ['iess', 'issfa', 'isspol'] as const;
/** National benefits (non-contributory transfers) a member may receive. */
export const NATIONAL_BENEFITS = [
  'bono-desarrollo-humano',
  'bdh-componente-variable',
  'pension-mis-mejores-anos',
  'pension-toda-una-vida',
  'bono-joaquin-gallegos-lara',
  'bono-orfandad',
] as const;
export const NATIONAL_BENEFIT_NAMES: Readonly<Record<(typeof NATIONAL_BENEFITS)[number], string>> = {
  'bono-desarrollo-humano': 'Bono de Desarrollo Humano',
  'bdh-componente-variable': 'Bono de Desarrollo Humano con componente variable',
  'pension-mis-mejores-anos': 'Pensión Mis Mejores Años',
  'pension-toda-una-vida': 'Pensión Toda una Vida',
  'bono-joaquin-gallegos-lara': 'Bono Joaquín Gallegos Lara',
  'bono-orfandad': 'Bono para niños y niñas en orfandad',
};

const IsoDate = matching(
  /^\d{4}-\d{2}-\d{2}$/,
  'debe ser una fecha AAAA-MM-DD',
  'must be a date YYYY-MM-DD',
).check(
  z.refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    msg('no es una fecha del calendario', 'is not a calendar date'),
  ),
);

export const RegistryNationalId = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = cedulaProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', params: CEDULA_PROBLEMS[problem] });
  }),
);

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const RegistryMemberSchema = z.strictObject({
  memberId: matching(
    /^[A-Za-z0-9-]{1,20}$/,
    'letras, dígitos y guiones, hasta 20',
    'letters, digits and dashes, up to 20',
  ),
  nationalId: z.optional(RegistryNationalId),
  givenNames: Text(80),
  familyNames: Text(80),
  birthDate: IsoDate,
  sex: z.enum(['female', 'male']),
  relationship: z.enum(RELATIONSHIPS),
  nationality: Text(60),
  education: z.enum(EDUCATION_LEVELS),
  /** CONADIS card percentage; 0 or absent: no registered disability. */
  disabilityPercentage: z.optional(z.number().check(z.gte(0), z.lte(100))),
  occupation: z.optional(Text(80)),
  employed: z.boolean(),
  incomeBracket: z.enum(INCOME_BRACKETS),
  pregnant: z.optional(z.boolean()),
  catastrophicIllness: z.optional(z.boolean()),
  pensions: z._default(z.array(z.enum(PENSIONS)).check(z.maxLength(3)), []),
  benefits: z._default(z.array(z.enum(NATIONAL_BENEFITS)).check(z.maxLength(6)), []),
});

export const RegistryHouseholdSchema = z.strictObject({
  householdId: matching(
    /^[A-Z0-9-]{3,40}$/,
    'mayúsculas, dígitos y guiones, 3 a 40',
    'capitals, digits and dashes, 3 to 40',
  ),
  address: z.strictObject({
    province: Text(80),
    canton: Text(40),
    parish: Text(80),
    street: z.optional(Text(160)),
  }),
  contact: z._default(
    z.strictObject({
      phone: z.optional(
        matching(
          /^\+[1-9]\d{6,14}$/,
          'formato E.164, p. ej. +593991234567',
          'E.164 format, e.g. +593991234567',
        ),
      ),
      email: z.optional(z.email()),
    }),
    {},
  ),
  classification: z.strictObject({
    level: z.enum(CLASSIFICATIONS),
    score: z.number().check(z.gte(0), z.lte(100)),
    surveyDate: IsoDate,
  }),
  members: z.array(RegistryMemberSchema).check(z.minLength(1), z.maxLength(30)),
});

export type RegistryMember = z.output<typeof RegistryMemberSchema>;
export type RegistryHousehold = z.output<typeof RegistryHouseholdSchema>;

/** A problem with one field of a household: the path inside the household, and what is wrong. */
export interface HouseholdProblem {
  readonly path: readonly (string | number)[];
  readonly problem: Localized;
}

/**
 * The rules a schema cannot state: exactly one head, no birth (or survey) after `today`, the canton and parish
 * known and the province the canton's, member ids and national IDs not repeated. `today` is YYYY-MM-DD.
 */
export function householdProblems(household: RegistryHousehold, today: string): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  const { address } = household;
  if (!REGISTRY_PLACES[address.canton]) {
    problems.push({
      path: ['address', 'canton'],
      problem: { es: `cantón desconocido "${address.canton}"`, en: `unknown canton "${address.canton}"` },
    });
  } else {
    if (!knownParish(address.canton, address.parish)) {
      problems.push({
        path: ['address', 'parish'],
        problem: {
          es: `la parroquia "${address.parish}" no pertenece al cantón ${address.canton}`,
          en: `parish "${address.parish}" is not in canton ${address.canton}`,
        },
      });
    }
    if (!sameProvince(address.canton, address.province)) {
      problems.push({
        path: ['address', 'province'],
        problem: {
          es: `el cantón ${address.canton} está en ${REGISTRY_PLACES[address.canton]?.province}`,
          en: `canton ${address.canton} is in ${REGISTRY_PLACES[address.canton]?.province}`,
        },
      });
    }
  }
  if (household.classification.surveyDate > today) {
    problems.push({
      path: ['classification', 'surveyDate'],
      problem: { es: 'la fecha de la encuesta está en el futuro', en: 'the survey date is in the future' },
    });
  }
  const heads = household.members.filter((m) => m.relationship === 'head').length;
  if (heads !== 1) {
    problems.push({
      path: ['members'],
      problem: {
        es: `un hogar tiene exactamente un jefe o jefa (hay ${heads})`,
        en: `a household has exactly one head (it has ${heads})`,
      },
    });
  }
  const memberIds = new Set<string>();
  const nationalIds = new Set<string>();
  household.members.forEach((member, i) => {
    if (member.birthDate > today) {
      problems.push({
        path: ['members', i, 'birthDate'],
        problem: { es: 'la fecha de nacimiento está en el futuro', en: 'the birth date is in the future' },
      });
    }
    if (memberIds.has(member.memberId)) {
      problems.push({
        path: ['members', i, 'memberId'],
        problem: { es: 'el identificador de miembro se repite', en: 'the member id is repeated' },
      });
    }
    memberIds.add(member.memberId);
    if (member.nationalId) {
      if (nationalIds.has(member.nationalId)) {
        problems.push({
          path: ['members', i, 'nationalId'],
          problem: {
            es: 'la cédula se repite en el hogar',
            en: 'the national ID is repeated in the household',
          },
        });
      }
      nationalIds.add(member.nationalId);
    }
  });
  return problems;
}

/** A zod issue's text in both languages: a custom check carries its own, the usual kinds are said here. */
export function issueText(issue: z.core.$ZodIssue): Localized {
  const params = (issue as { params?: Partial<Localized> }).params;
  if (params?.es && params.en) return { es: params.es, en: params.en };
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { es: 'falta este dato', en: 'is required' }
        : { es: `debe ser de tipo ${issue.expected}`, en: `must be of type ${issue.expected}` };
    case 'invalid_value':
      return {
        es: `debe ser uno de: ${issue.values.join(', ')}`,
        en: `must be one of: ${issue.values.join(', ')}`,
      };
    case 'unrecognized_keys':
      return {
        es: `campos desconocidos: ${issue.keys.join(', ')}`,
        en: `unknown fields: ${issue.keys.join(', ')}`,
      };
    case 'too_small':
      return {
        es: `debe ser al menos ${String(issue.minimum)}`,
        en: `must be at least ${String(issue.minimum)}`,
      };
    case 'too_big':
      return {
        es: `debe ser a lo sumo ${String(issue.maximum)}`,
        en: `must be at most ${String(issue.maximum)}`,
      };
    default:
      return { es: issue.message, en: issue.message };
  }
}

/** Every problem of one household as received (schema first, then the cross-field rules). */
export function checkHousehold(
  input: unknown,
  today: string,
): { ok: true; household: RegistryHousehold } | { ok: false; problems: HouseholdProblem[] } {
  const parsed = RegistryHouseholdSchema.safeParse(input, IN_ENGLISH);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
        problem: issueText(issue),
      })),
    };
  }
  const problems = householdProblems(parsed.data, today);
  return problems.length === 0 ? { ok: true, household: parsed.data } : { ok: false, problems };
}

/** Whole years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();

/** Ecuadorian nationality as the registry writes it ("ecuatoriana", "Ecuatoriano", "Ecuador"). */
export const isEcuadorian = (nationality: string) =>
  fold(nationality).startsWith('ecuator') || fold(nationality) === 'ecuador';

/**
 * What the registry says of one member in the words of eligibility rules (citizen-attributes.ts): every attribute
 * the registry knows, nothing it does not (pregnancy or a catastrophic illness not recorded stays unknown).
 */
export function registryProfile(
  household: RegistryHousehold,
  member: RegistryMember,
  today: string,
  options: { updatePending?: boolean } = {},
): CitizenProfile {
  const disability = (member.disabilityPercentage ?? 0) > 0;
  return {
    age: ageOn(member.birthDate, today),
    sex: member.sex,
    disability,
    ...(disability ? { disabilityPercentage: member.disabilityPercentage } : {}),
    householdSize: household.members.length,
    childrenUnder5: household.members.filter((m) => ageOn(m.birthDate, today) < 5).length,
    ...(member.pregnant !== undefined ? { pregnant: member.pregnant } : {}),
    registryStatus: options.updatePending ? 'update-pending' : 'registered',
    povertyClassification: household.classification.level,
    canton: household.address.canton,
    province: household.address.province,
    nationality: member.nationality,
    migrant: !isEcuadorian(member.nationality),
    headOfHousehold: member.relationship === 'head',
    receivesBdh: member.benefits.some(
      (b) => b === 'bono-desarrollo-humano' || b === 'bdh-componente-variable',
    ),
    receivesContributoryPension: member.pensions.length > 0,
    ...(member.catastrophicIllness !== undefined ? { catastrophicIllness: member.catastrophicIllness } : {}),
    employed: member.employed,
  };
}
