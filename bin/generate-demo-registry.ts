import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cedulaProblem } from '../functions/domain/cedula.js';
import {
  type RegistryHousehold,
  type RegistryMember,
  NATIONAL_BENEFITS,
} from '../functions/domain/registry.js';
import { REGISTRY_PLACES } from '../functions/domain/registry-places.js';

/**
 * Writes the synthetic demo social registry that `npm start` seeds: `npm run -s registry:generate` rewrites
 * registry/demo-registry.jsonl (JSON Lines, one household a line; docs/registry.md). Everything is invented and
 * deterministic (a seeded generator), so the file only changes when this script does. Cédulas are valid (their
 * province is the canton's) and unique; names, parishes, ages, disabilities, pensions and national benefits are
 * spread so that every attribute the catalogue's eligibility rules read appears, both met and not met.
 * `--households N` makes a bigger file (the benchmark uses 50,000); `--out FILE` writes elsewhere.
 */
const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '600' },
    out: { type: 'string', default: 'registry/demo-registry.jsonl' },
    seed: { type: 'string', default: '11' },
  },
});

/** mulberry32: small, fast, and the same sequence on every machine. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FEMALE = [
  'María',
  'Rosa',
  'Carmen',
  'Ana',
  'Luz',
  'Gloria',
  'Mercedes',
  'Fernanda',
  'Gabriela',
  'Daniela',
  'Paola',
  'Andrea',
  'Verónica',
  'Jessica',
  'Mayra',
  'Nathaly',
  'Dayana',
  'Valentina',
  'Camila',
  'Doménica',
  'Sisa',
  'Nina',
  'Tamia',
  'Blanca',
  'Lourdes',
  'Martha',
  'Cecilia',
  'Inés',
  'Elena',
  'Patricia',
];
const MALE = [
  'José',
  'Luis',
  'Carlos',
  'Juan',
  'Segundo',
  'Manuel',
  'Jorge',
  'Fernando',
  'Diego',
  'Andrés',
  'Bryan',
  'Kevin',
  'Alexis',
  'Mateo',
  'Santiago',
  'Sebastián',
  'Ángel',
  'Wilson',
  'Édgar',
  'Marco',
  'Patricio',
  'Rubén',
  'Víctor',
  'Kléber',
  'Inti',
  'Amaru',
  'Washington',
  'Galo',
  'Hugo',
  'Ramiro',
];
const FAMILY = [
  'Guamán',
  'Quispe',
  'Chicaiza',
  'Toapanta',
  'Pilataxi',
  'Cando',
  'Tipán',
  'Morocho',
  'Sarango',
  'Guallpa',
  'Zhunio',
  'Naula',
  'Pesántez',
  'Cabrera',
  'Sánchez',
  'Rodríguez',
  'Vera',
  'Zambrano',
  'Cedeño',
  'Mendoza',
  'Andrade',
  'Espinoza',
  'Jaramillo',
  'Ortiz',
  'Villacís',
  'Paredes',
  'Cevallos',
  'Salazar',
  'Tenesaca',
  'Lema',
  'Yánez',
  'Benítez',
  'Loja',
  'Chávez',
  'Gualoto',
  'Caiza',
];
const STREETS = [
  'Av. Maldonado',
  'Calle Ajaví',
  'Pasaje Los Cedros',
  'Av. Mariscal Sucre',
  'Calle Bolívar',
  'Calle Sangurima',
  'Av. de las Américas',
  'Calle Larga',
  'Av. Baltra',
  'Calle Charles Binford',
  'Calle Rocafuerte',
  'Av. Simón Bolívar',
];
const OCCUPATIONS = [
  'comerciante informal',
  'albañil',
  'empleada doméstica',
  'agricultor',
  'vendedor ambulante',
  'chofer',
  'costurera',
  'pescador',
  'guía turístico',
  'mecánico',
  'cuidadora',
  'carpintero',
];
const MIGRANT_NATIONALITIES = ['Venezolana', 'Colombiana', 'Peruana', 'Cubana'];
const PROVINCE_CODE: Readonly<Record<string, string>> = { quito: '17', cuenca: '01', 'santa-cruz': '20' };
const CANTON_SHARE: readonly [string, number][] = [
  ['quito', 0.5],
  ['cuenca', 0.33],
  ['santa-cruz', 0.17],
];
/** The day ages are counted on, so that the file does not depend on when it was generated. */
const REFERENCE_YEAR = 2026;

const random = generator(Number(values.seed));
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const chance = (p: number) => random() < p;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const usedIds = new Set<string>(['1710034065']);
function cedula(cantonId: string): string {
  for (;;) {
    const nine = `${PROVINCE_CODE[cantonId]}${between(0, 5)}${String(between(0, 999_999)).padStart(6, '0')}`;
    for (let check = 0; check <= 9; check++) {
      const id = `${nine}${check}`;
      if (cedulaProblem(id) === undefined) {
        if (usedIds.has(id)) break;
        usedIds.add(id);
        return id;
      }
    }
  }
}

const birthDate = (age: number) =>
  `${REFERENCE_YEAR - age - 1}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;

function member(
  memberId: string,
  relationship: RegistryMember['relationship'],
  age: number,
  sex: 'female' | 'male',
  family: string,
  level: RegistryHousehold['classification']['level'],
  cantonId: string,
  migrant: boolean,
): RegistryMember {
  const poor = level === 'extreme-poverty' || level === 'poverty';
  const disabled = chance(0.08);
  const disabilityPercentage = disabled ? pick([30, 40, 45, 50, 65, 75, 85]) : undefined;
  const adult = age >= 18;
  const employed = adult && age < 65 && chance(migrant ? 0.35 : 0.55);
  const pensions: RegistryMember['pensions'] =
    age >= 60 && !poor && chance(0.5) ? [pick(['iess', 'issfa', 'isspol'] as const)] : [];
  const benefits = new Set<(typeof NATIONAL_BENEFITS)[number]>();
  if (relationship === 'head' && poor && chance(0.6))
    benefits.add(
      level === 'extreme-poverty' && chance(0.4) ? 'bdh-componente-variable' : 'bono-desarrollo-humano',
    );
  if (age >= 65 && poor && pensions.length === 0 && chance(0.7)) benefits.add('pension-mis-mejores-anos');
  if (disabled && poor && chance(0.5)) benefits.add('pension-toda-una-vida');
  if ((disabilityPercentage ?? 0) >= 65 && poor && chance(0.5)) benefits.add('bono-joaquin-gallegos-lara');
  if (age < 18 && relationship === 'grandchild' && chance(0.1)) benefits.add('bono-orfandad');
  const education: RegistryMember['education'] =
    age < 4
      ? 'none'
      : age < 6
        ? 'initial'
        : age < 15
          ? 'basic'
          : age < 18
            ? 'secondary'
            : pick(['basic', 'basic', 'secondary', 'secondary', 'technical', 'university', 'none']);
  return {
    memberId,
    ...(migrant && chance(0.7) ? {} : { nationalId: cedula(cantonId) }),
    givenNames: `${pick(sex === 'female' ? FEMALE : MALE)}${chance(0.6) ? ` ${pick(sex === 'female' ? FEMALE : MALE)}` : ''}`,
    familyNames: `${family} ${pick(FAMILY)}`,
    birthDate: birthDate(age),
    sex,
    relationship,
    nationality: migrant ? pick(MIGRANT_NATIONALITIES) : 'Ecuatoriana',
    education,
    ...(disabilityPercentage ? { disabilityPercentage } : {}),
    ...(employed ? { occupation: pick(OCCUPATIONS) } : {}),
    employed,
    incomeBracket: !adult
      ? 'none'
      : employed
        ? poor
          ? 'up-to-basic-wage'
          : pick(['up-to-twice-basic-wage', 'above-twice-basic-wage'] as const)
        : 'none',
    ...(sex === 'female' && age >= 16 && age <= 42 ? { pregnant: chance(0.1) } : {}),
    ...(chance(0.3) ? { catastrophicIllness: chance(0.12) } : {}),
    pensions,
    benefits: [...benefits],
  };
}

function household(index: number, cantonId: string): RegistryHousehold {
  const code = { quito: 'UIO', cuenca: 'CUE', 'santa-cruz': 'SCZ' }[cantonId] as string;
  const places = REGISTRY_PLACES[cantonId] as (typeof REGISTRY_PLACES)[string];
  const level = pick([
    'extreme-poverty',
    'poverty',
    'poverty',
    'vulnerable',
    'vulnerable',
    'not-poor',
  ] as const);
  const score =
    {
      'extreme-poverty': between(0, 2000),
      poverty: between(2001, 3400),
      vulnerable: between(3401, 5000),
      'not-poor': between(5001, 10000),
    }[level] / 100;
  const migrant = chance(0.1);
  const family = pick(FAMILY);
  const headSex = chance(0.45) ? 'female' : 'male';
  const headAge = chance(0.2) ? between(65, 92) : between(20, 64);
  const members: RegistryMember[] = [member('1', 'head', headAge, headSex, family, level, cantonId, migrant)];
  let next = 2;
  if (chance(0.6))
    members.push(
      member(
        String(next++),
        'spouse',
        Math.max(18, headAge + between(-6, 6)),
        headSex === 'female' ? 'male' : 'female',
        pick(FAMILY),
        level,
        cantonId,
        migrant,
      ),
    );
  const children = headAge < 60 ? between(0, 4) : between(0, 1);
  for (let c = 0; c < children; c++) {
    const age = Math.max(0, Math.min(headAge - 16, between(0, 24)));
    members.push(
      member(String(next++), 'child', age, chance(0.5) ? 'female' : 'male', family, level, cantonId, migrant),
    );
  }
  if (headAge >= 50 && chance(0.5))
    members.push(
      member(
        String(next++),
        'grandchild',
        between(0, 12),
        chance(0.5) ? 'female' : 'male',
        family,
        level,
        cantonId,
        migrant,
      ),
    );
  if (headAge < 50 && chance(0.25))
    members.push(
      member(
        String(next++),
        'parent',
        between(headAge + 18, Math.min(95, headAge + 35)),
        chance(0.6) ? 'female' : 'male',
        family,
        level,
        cantonId,
        migrant,
      ),
    );
  if (chance(0.1))
    members.push(
      member(
        String(next++),
        'other-relative',
        between(10, 70),
        chance(0.5) ? 'female' : 'male',
        family,
        level,
        cantonId,
        migrant,
      ),
    );
  return {
    householdId: `HH-${code}-${String(index).padStart(6, '0')}`,
    address: {
      province: places.province,
      canton: cantonId,
      parish: pick(places.parishes),
      street: `${pick(STREETS)} N${between(1, 80)}-${between(10, 300)}`,
    },
    contact: chance(0.85) ? { phone: `+5939${between(60_000_000, 99_999_999)}` } : {},
    classification: {
      level,
      score,
      surveyDate: `${between(2023, 2025)}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`,
    },
    members,
  };
}

/** The household the README walks through: Rosa Guamán, 68, in extreme poverty in Chillogallo (Quito). */
const WALKTHROUGH: RegistryHousehold = {
  householdId: 'HH-UIO-000000',
  address: { province: 'Pichincha', canton: 'quito', parish: 'Chillogallo', street: 'Calle Ajaví S12-45' },
  contact: { phone: '+593991234567' },
  classification: { level: 'extreme-poverty', score: 14.2, surveyDate: '2025-03-18' },
  members: [
    {
      memberId: '1',
      nationalId: '1710034065',
      givenNames: 'Rosa',
      familyNames: 'Guamán Toapanta',
      birthDate: '1958-04-12',
      sex: 'female',
      relationship: 'head',
      nationality: 'Ecuatoriana',
      education: 'basic',
      employed: false,
      incomeBracket: 'none',
      catastrophicIllness: false,
      pensions: [],
      benefits: ['bono-desarrollo-humano'],
    },
    {
      memberId: '2',
      givenNames: 'Luis Ángel',
      familyNames: 'Chicaiza Guamán',
      birthDate: '2016-09-03',
      sex: 'male',
      relationship: 'grandchild',
      nationality: 'Ecuatoriana',
      education: 'basic',
      disabilityPercentage: 40,
      employed: false,
      incomeBracket: 'none',
      pensions: [],
      benefits: [],
    },
  ],
};

const total = Number(values.households);
const lines = [JSON.stringify(WALKTHROUGH)];
let index = 1;
for (const [cantonId, share] of CANTON_SHARE) {
  const count = cantonId === 'santa-cruz' ? total - index + 1 : Math.round(total * share);
  for (let i = 0; i < count; i++) lines.push(JSON.stringify(household(index++, cantonId)));
}
writeFileSync(values.out, `${lines.join('\n')}\n`);
const people = lines.reduce((n, line) => n + (JSON.parse(line) as RegistryHousehold).members.length, 0);
process.stderr.write(`${values.out}: ${lines.length} households, ${people} people\n`);
