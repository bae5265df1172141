import { IN_ENGLISH } from '#kernel/zod-english.js';
import data from '../../cantons/holidays/ecuador.json' with { type: 'json' };
import type { CantonDefinition } from '#domain/canton.js';
import { localDate, type WorkingCalendar } from '#domain/deadlines.js';
import {
  calendarFor,
  holidayProblems,
  type NationalHolidays,
  NationalHolidaysSchema,
} from '#domain/holidays.js';

/**
 * Ecuador's national holidays, bundled into every function that imports this module (esbuild inlines the JSON,
 * so no file is read at run time) and validated once, at load: a malformed file fails `cdk synth`, `npm start`
 * and the tests, which all import it too, long before a referral would need it.
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

/** The working calendar of a canton from `at` on: national rest days and the canton's own. */
export function cantonCalendar(
  canton: Pick<CantonDefinition, 'timeZone' | 'holidays'>,
  at: Date,
): WorkingCalendar {
  return calendarFor(canton, NATIONAL_HOLIDAYS, { from: localDate(at, canton.timeZone) });
}
