import { IN_ENGLISH } from '#kernel/zod-english.js';
import data from '../../cantons/holidays/ecuador.json' with { type: 'json' };
import { holidayProblems, type NationalHolidays, NationalHolidaysSchema } from '#domain/holidays.js';

/**
 * Ecuador's national holidays, names, bases and legal sources included, validated once, at load: a malformed file
 * fails `cdk synth` (which also writes the rest days each Lambda bundle carries from it), `npm start` and the
 * tests, long before a referral would need it. Deadlines take the dates only, through ./canton-calendar.ts; the
 * daily check of the deployed calendar (./holiday-calendar-check.ts) is the one function that bundles it whole.
 */
export const NATIONAL_HOLIDAYS_FILE = 'cantons/holidays/ecuador.json';

export function parseNationalHolidays(raw: unknown, file: string = NATIONAL_HOLIDAYS_FILE): NationalHolidays {
  const parsed = NationalHolidaysSchema.safeParse(raw, IN_ENGLISH);
  if (!parsed.success) {
    throw new Error(`Invalid holiday calendar:\n  ${holidayProblems(parsed.error, file).join('\n  ')}`);
  }
  return parsed.data;
}

export const NATIONAL_HOLIDAYS: NationalHolidays = parseNationalHolidays(data);
