import type { Localized } from '#kernel/messages.js';
import { checkHousehold, type RegistryHousehold } from './registry.js';

/**
 * The registry's import files (docs/registry.md): CSV with one row per member, or JSON Lines with one household per
 * line. The whole file is checked before anything is loaded, and every problem is named by its line and column
 * (a CSV column name, or a JSON pointer inside the line's household), so a file is mended in one pass.
 */
export interface FileProblem {
  readonly line: number;
  readonly column: string;
  readonly problem: Localized;
}

export type FileCheck =
  | { readonly ok: true; readonly households: readonly RegistryHousehold[] }
  | { readonly ok: false; readonly problems: readonly FileProblem[] };

export const HOUSEHOLD_COLUMNS = [
  'household_id',
  'province',
  'canton',
  'parish',
  'street',
  'phone',
  'email',
  'classification',
  'score',
  'survey_date',
] as const;
export const MEMBER_COLUMNS = [
  'member_id',
  'national_id',
  'given_names',
  'family_names',
  'birth_date',
  'sex',
  'relationship',
  'nationality',
  'education',
  'disability_percentage',
  'occupation',
  'employed',
  'income_bracket',
  'pregnant',
  'catastrophic_illness',
  'pensions',
  'benefits',
] as const;
export const CSV_COLUMNS = [...HOUSEHOLD_COLUMNS, ...MEMBER_COLUMNS] as const;

/** Where each household field sits in a CSV row. */
const HOUSEHOLD_FIELD_COLUMN: Readonly<Record<string, string>> = {
  householdId: 'household_id',
  'address.province': 'province',
  'address.canton': 'canton',
  'address.parish': 'parish',
  'address.street': 'street',
  'contact.phone': 'phone',
  'contact.email': 'email',
  'classification.level': 'classification',
  'classification.score': 'score',
  'classification.surveyDate': 'survey_date',
};
const MEMBER_FIELD_COLUMN: Readonly<Record<string, string>> = {
  memberId: 'member_id',
  nationalId: 'national_id',
  givenNames: 'given_names',
  familyNames: 'family_names',
  birthDate: 'birth_date',
  sex: 'sex',
  relationship: 'relationship',
  nationality: 'nationality',
  education: 'education',
  disabilityPercentage: 'disability_percentage',
  occupation: 'occupation',
  employed: 'employed',
  incomeBracket: 'income_bracket',
  pregnant: 'pregnant',
  catastrophicIllness: 'catastrophic_illness',
  pensions: 'pensions',
  benefits: 'benefits',
};

/** RFC 4180 records with the line each starts on (a quoted field may hold line breaks). */
export function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let any = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      any = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      any = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (any || field !== '') records.push({ line: start, fields: [...fields, field] });
      fields = [];
      field = '';
      any = false;
      line++;
      start = line;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || field !== '') records.push({ line: start, fields: [...fields, field] });
  return records;
}

const optional = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();
const list = (value: string | undefined) =>
  optional(value)
    ?.split(';')
    .map((v) => v.trim())
    .filter(Boolean) ?? [];
/** "si"/"sí"/"true"/"1" and "no"/"false"/"0"; anything else is passed on for the schema to refuse. */
function yesNo(value: string | undefined): boolean | string | undefined {
  const v = optional(value)?.toLowerCase();
  if (v === undefined) return undefined;
  if (['si', 'sí', 'true', '1', 'yes'].includes(v)) return true;
  if (['no', 'false', '0'].includes(v)) return false;
  return v;
}
function numberOf(value: string | undefined): number | string | undefined {
  const v = optional(value);
  if (v === undefined) return undefined;
  const n = Number(v.replace(',', '.'));
  return Number.isFinite(n) ? n : v;
}
const defined = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

function memberOf(row: Record<string, string>) {
  return defined({
    memberId: optional(row.member_id),
    nationalId: optional(row.national_id),
    givenNames: optional(row.given_names),
    familyNames: optional(row.family_names),
    birthDate: optional(row.birth_date),
    sex: optional(row.sex),
    relationship: optional(row.relationship),
    nationality: optional(row.nationality),
    education: optional(row.education),
    disabilityPercentage: numberOf(row.disability_percentage),
    occupation: optional(row.occupation),
    employed: yesNo(row.employed),
    incomeBracket: optional(row.income_bracket),
    pregnant: yesNo(row.pregnant),
    catastrophicIllness: yesNo(row.catastrophic_illness),
    pensions: list(row.pensions),
    benefits: list(row.benefits),
  });
}

function householdOf(row: Record<string, string>) {
  return {
    householdId: optional(row.household_id),
    address: defined({
      province: optional(row.province),
      canton: optional(row.canton),
      parish: optional(row.parish),
      street: optional(row.street),
    }),
    contact: defined({ phone: optional(row.phone), email: optional(row.email) }),
    classification: defined({
      level: optional(row.classification),
      score: numberOf(row.score),
      surveyDate: optional(row.survey_date),
    }),
  };
}

/** A household as read from a file, with where each of its parts came from. */
interface Located {
  readonly value: unknown;
  /** The line of the household (CSV: the row that declares it; JSON Lines: its line). */
  readonly line: number;
  /** CSV only: the line of each member. */
  readonly memberLines?: readonly number[];
}

function fromCsv(text: string): { located: Located[]; problems: FileProblem[] } {
  const records = csvRecords(text.replace(/^\uFEFF/, ''));
  const problems: FileProblem[] = [];
  const header = records.shift();
  if (!header)
    return {
      located: [],
      problems: [{ line: 1, column: '', problem: { es: 'el archivo está vacío', en: 'the file is empty' } }],
    };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  for (const column of unknown)
    problems.push({
      line: header.line,
      column,
      problem: { es: 'columna desconocida', en: 'unknown column' },
    });
  for (const column of missing)
    problems.push({ line: header.line, column, problem: { es: 'falta la columna', en: 'missing column' } });
  if (problems.length > 0) return { located: [], problems };

  const households = new Map<
    string,
    { line: number; row: Record<string, string>; members: { line: number; row: Record<string, string> }[] }
  >();
  const orphans: { line: number; row: Record<string, string> }[] = [];
  for (const record of records) {
    if (record.fields.length !== names.length) {
      problems.push({
        line: record.line,
        column: '',
        problem: {
          es: `la fila tiene ${record.fields.length} columnas, el encabezado ${names.length}`,
          en: `the row has ${record.fields.length} columns, the header ${names.length}`,
        },
      });
      continue;
    }
    const row = Object.fromEntries(names.map((n, i) => [n, record.fields[i] ?? '']));
    const id = optional(row.household_id);
    if (!id) {
      orphans.push({ line: record.line, row });
      continue;
    }
    let entry = households.get(id);
    const declares = optional(row.canton) !== undefined;
    if (!entry) {
      entry = { line: record.line, row: declares ? row : {}, members: [] };
      households.set(id, entry);
    } else if (declares && Object.keys(entry.row).length === 0) {
      entry.row = row;
      entry.line = record.line;
    } else if (declares) {
      const differing = HOUSEHOLD_COLUMNS.filter(
        (c) => (optional(row[c]) ?? '') !== (optional(entry?.row[c]) ?? ''),
      );
      for (const column of differing) {
        problems.push({
          line: record.line,
          column,
          problem: {
            es: `difiere de lo declarado para el hogar en la línea ${entry.line}`,
            en: `differs from what line ${entry.line} declares for the household`,
          },
        });
      }
    }
    entry.members.push({ line: record.line, row });
  }
  for (const orphan of orphans) {
    problems.push({
      line: orphan.line,
      column: 'household_id',
      problem: {
        es: 'miembro sin hogar: falta household_id',
        en: 'member without a household: household_id is empty',
      },
    });
  }
  const located: Located[] = [];
  for (const [id, entry] of households) {
    if (Object.keys(entry.row).length === 0) {
      for (const member of entry.members) {
        problems.push({
          line: member.line,
          column: 'household_id',
          problem: {
            es: `miembro sin hogar: ninguna fila declara el hogar ${id} (con su cantón, parroquia y clasificación)`,
            en: `member without a household: no row declares household ${id} (with its canton, parish and classification)`,
          },
        });
      }
      continue;
    }
    located.push({
      value: { ...householdOf(entry.row), members: entry.members.map((m) => memberOf(m.row)) },
      line: entry.line,
      memberLines: entry.members.map((m) => m.line),
    });
  }
  return { located, problems };
}

function fromJsonLines(text: string): { located: Located[]; problems: FileProblem[] } {
  const located: Located[] = [];
  const problems: FileProblem[] = [];
  text.split(/\r?\n/).forEach((content, i) => {
    if (content.trim() === '') return;
    try {
      located.push({ value: JSON.parse(content), line: i + 1 });
    } catch (error) {
      problems.push({
        line: i + 1,
        column: '',
        problem: {
          es: `JSON no válido: ${(error as Error).message}`,
          en: `invalid JSON: ${(error as Error).message}`,
        },
      });
    }
  });
  return { located, problems };
}

/** Where a problem at `path` inside a household sits in the file. */
function locate(
  format: 'csv' | 'jsonl',
  household: Located,
  path: readonly (string | number)[],
): { line: number; column: string } {
  if (format === 'jsonl') return { line: household.line, column: `/${path.join('/')}` };
  if (path[0] === 'members' && typeof path[1] === 'number') {
    const field = path
      .slice(2)
      .filter((p) => typeof p === 'string')
      .join('.');
    return {
      line: household.memberLines?.[path[1]] ?? household.line,
      column: MEMBER_FIELD_COLUMN[field.split('.')[0] ?? ''] ?? 'member_id',
    };
  }
  const field = path.join('.');
  return {
    line: household.line,
    column: HOUSEHOLD_FIELD_COLUMN[field] ?? (path[0] === 'members' ? 'member_id' : 'household_id'),
  };
}

/**
 * Reads and checks a whole registry file: `format` is `csv` or `jsonl`. Also refused: a household id or a national
 * ID that appears in two households of the file. Nothing is returned to load unless nothing is wrong.
 */
export function checkRegistryFile(text: string, format: 'csv' | 'jsonl', today: string): FileCheck {
  const read = format === 'csv' ? fromCsv(text) : fromJsonLines(text);
  const problems = [...read.problems];
  const households: RegistryHousehold[] = [];
  const householdLines = new Map<string, number>();
  const nationalIds = new Map<string, { householdId: string; line: number }>();
  for (const entry of read.located) {
    const checked = checkHousehold(entry.value, today);
    if (!checked.ok) {
      for (const p of checked.problems)
        problems.push({ ...locate(format, entry, p.path), problem: p.problem });
      continue;
    }
    const household = checked.household;
    const earlier = householdLines.get(household.householdId);
    if (earlier !== undefined) {
      problems.push({
        ...locate(format, entry, ['householdId']),
        problem: {
          es: `el hogar ${household.householdId} ya aparece en la línea ${earlier}`,
          en: `household ${household.householdId} already appears on line ${earlier}`,
        },
      });
      continue;
    }
    householdLines.set(household.householdId, entry.line);
    household.members.forEach((member, i) => {
      if (!member.nationalId) return;
      const other = nationalIds.get(member.nationalId);
      const where = locate(format, entry, ['members', i, 'nationalId']);
      if (other && other.householdId !== household.householdId) {
        problems.push({
          ...where,
          problem: {
            es: `la cédula ya pertenece a un miembro del hogar ${other.householdId} (línea ${other.line})`,
            en: `the national ID already belongs to a member of household ${other.householdId} (line ${other.line})`,
          },
        });
      } else nationalIds.set(member.nationalId, { householdId: household.householdId, line: where.line });
    });
    households.push(household);
  }
  problems.sort((a, b) => a.line - b.line);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, households };
}

/** The format a file name says: `.csv`, or `.jsonl` / `.ndjson` (JSON Lines). */
export function registryFileFormat(fileName: string): 'csv' | 'jsonl' | undefined {
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(fileName)) return 'jsonl';
  return undefined;
}
