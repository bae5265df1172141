import { readFileSync } from 'node:fs';
import type { CantonDefinition } from '#domain/canton.js';
import { localDate, type WorkingCalendar } from '#domain/deadlines.js';
import { calendarFor, type NationalRestDays } from '#domain/holidays.js';

/**
 * The national rest days that deadlines count around. A Lambda bundle carries their dates only, in a data file
 * beside it that bundling writes from cantons/holidays/ecuador.json once that file has passed its checks
 * (bundleFiles in lib/constructs/bundle-aliases.ts): the names and legal sources, 24 KB, and their validation at
 * every cold start are nothing a deadline reads. Unbundled (`npm start`, the tests) they come from the file itself.
 * The import is dynamic for the OpenAPI handler's reason: esbuild drops an `import()` in the branch the define
 * makes dead, and with it the JSON and its schemas.
 */
const NATIONAL_REST_DAYS: NationalRestDays =
  process.env.SWCS_NATIONAL_REST_DAYS !== undefined
    ? (JSON.parse(
        readFileSync(new URL(process.env.SWCS_NATIONAL_REST_DAYS, import.meta.url), 'utf8'),
      ) as NationalRestDays)
    : (await import('./holiday-calendar.js')).NATIONAL_HOLIDAYS;

/** The working calendar of a canton from `at` on: national rest days and the canton's own. */
export function cantonCalendar(
  canton: Pick<CantonDefinition, 'timeZone' | 'holidays'>,
  at: Date,
): WorkingCalendar {
  return calendarFor(canton, NATIONAL_REST_DAYS, { from: localDate(at, canton.timeZone) });
}
