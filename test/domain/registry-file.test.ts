import { describe, expect, it } from 'vitest';
import { checkRegistryFile, CSV_COLUMNS, csvRecords } from '../../functions/domain/registry-file.js';
import { ageOn, registryProfile, type RegistryHousehold } from '../../functions/domain/registry.js';

const TODAY = '2026-12-01';
const header = CSV_COLUMNS.join(',');
/** A CSV row from the columns given by name; the rest empty. */
const row = (values: Record<string, string>) => CSV_COLUMNS.map((c) => values[c] ?? '').join(',');
const head = (overrides: Record<string, string> = {}) =>
  row({
    household_id: 'HH-CUE-000001',
    province: 'Azuay',
    canton: 'cuenca',
    parish: 'El Vecino',
    classification: 'poverty',
    score: '28.5',
    survey_date: '2025-06-01',
    member_id: '1',
    national_id: '0102030400',
    given_names: 'Carmen',
    family_names: 'Naula Pesántez',
    birth_date: '1980-02-10',
    sex: 'female',
    relationship: 'head',
    nationality: 'Ecuatoriana',
    education: 'secondary',
    employed: 'sí',
    income_bracket: 'up-to-basic-wage',
    benefits: 'bono-desarrollo-humano',
    ...overrides,
  });
const member = (overrides: Record<string, string> = {}) =>
  row({
    household_id: 'HH-CUE-000001',
    member_id: '2',
    given_names: 'Mateo',
    family_names: 'Naula Naula',
    birth_date: '2023-05-01',
    sex: 'male',
    relationship: 'child',
    nationality: 'Ecuatoriana',
    education: 'none',
    employed: 'no',
    income_bracket: 'none',
    ...overrides,
  });
const csv = (...rows: string[]) => [header, ...rows].join('\n');

describe('the CSV import format', () => {
  it('reads a household declared on its first row, with members on the following rows', () => {
    const checked = checkRegistryFile(csv(head(), member()), 'csv', TODAY);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const [household] = checked.households as [RegistryHousehold];
    expect(household.classification.score).toBe(28.5);
    expect(household.members.map((m) => m.memberId)).toEqual(['1', '2']);
    expect(household.members[0]).toMatchObject({ employed: true, benefits: ['bono-desarrollo-humano'] });
    expect(household.members[1]?.nationalId).toBeUndefined();
  });

  it('names every problem by line and column, and returns nothing to load', () => {
    const checked = checkRegistryFile(
      csv(
        head(), // line 2: fine
        member({ birth_date: '2999-01-01' }), // line 3: born in the future
        member({ household_id: '', member_id: '3' }), // line 4: no household
        member({ household_id: 'HH-CUE-000009', member_id: '1' }), // line 5: a household nobody declares
        head({
          household_id: 'HH-UIO-000002',
          canton: 'quito',
          province: 'Pichincha',
          parish: 'Tarqui',
          national_id: '',
        }), // 6: Tarqui is Cuenca's
        head({ household_id: 'HH-XXX-000003', canton: 'manta', province: 'Manabí', national_id: '' }), // 7: unknown canton
        head({ household_id: 'HH-CUE-000004', national_id: '0102030401' }), // 8: bad check digit
      ),
      'csv',
      TODAY,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => [p.line, p.column])).toEqual([
      [3, 'birth_date'],
      [4, 'household_id'],
      [5, 'household_id'],
      [6, 'parish'],
      [7, 'canton'],
      [8, 'national_id'],
    ]);
    expect(checked.problems[1]?.problem.en).toContain('member without a household');
  });

  it('refuses a national ID in two households of the file, naming both', () => {
    const checked = checkRegistryFile(
      csv(head(), head({ household_id: 'HH-CUE-000002', member_id: '1' })),
      'csv',
      TODAY,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems).toHaveLength(1);
    expect(checked.problems[0]).toMatchObject({ line: 3, column: 'national_id' });
    expect(checked.problems[0]?.problem.en).toContain('HH-CUE-000001 (line 2)');
  });

  it('names a missing or unknown column in the header', () => {
    const checked = checkRegistryFile('household_id,canton,colour\nHH-1,quito,red', 'csv', TODAY);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.every((p) => p.line === 1)).toBe(true);
    expect(checked.problems.map((p) => p.column)).toContain('colour');
    expect(checked.problems.map((p) => p.column)).toContain('birth_date');
  });

  it('keeps quoted commas and line breaks, and counts lines from where a record starts', () => {
    expect(csvRecords('a,b\n"x, y","line\nbreak"\nz,w')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'line\nbreak'] },
      { line: 4, fields: ['z', 'w'] },
    ]);
  });
});

describe('the JSON Lines import format', () => {
  const household = {
    householdId: 'HH-SCZ-000001',
    address: { province: 'Galápagos', canton: 'santa-cruz', parish: 'Puerto Ayora' },
    classification: { level: 'vulnerable', score: 40, surveyDate: '2025-01-10' },
    members: [
      {
        memberId: '1',
        givenNames: 'Yolimar',
        familyNames: 'Pérez',
        birthDate: '1990-03-03',
        sex: 'female',
        relationship: 'head',
        nationality: 'Venezolana',
        education: 'university',
        employed: false,
        incomeBracket: 'none',
      },
    ],
  };

  it('names problems by line and JSON pointer', () => {
    const bad = {
      ...household,
      householdId: 'HH-SCZ-000002',
      members: [{ ...household.members[0], sex: 'x' }],
    };
    const checked = checkRegistryFile(
      [JSON.stringify(household), '{not json', JSON.stringify(bad)].join('\n'),
      'jsonl',
      TODAY,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problems.map((p) => [p.line, p.column])).toEqual([
      [2, ''],
      [3, '/members/0/sex'],
    ]);
  });

  it('turns a member into the attributes eligibility rules read', () => {
    const checked = checkRegistryFile(JSON.stringify(household), 'jsonl', TODAY);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    const h = checked.households[0] as RegistryHousehold;
    expect(registryProfile(h, h.members[0] as never, TODAY)).toMatchObject({
      age: 36,
      migrant: true,
      headOfHousehold: true,
      receivesBdh: false,
      disability: false,
      registryStatus: 'registered',
      povertyClassification: 'vulnerable',
    });
    expect(ageOn('2000-12-02', TODAY)).toBe(25);
    expect(ageOn('2000-12-01', TODAY)).toBe(26);
  });
});
