import { clock } from '../functions/kernel/clock.js';
import { NATIONAL_HOLIDAYS } from '../functions/app/holiday-calendar.js';
import type { CantonDefinition } from '../functions/domain/canton.js';
import {
  describeHolidayGap,
  holidayCalendarGaps,
  type NationalHolidays,
} from '../functions/domain/holidays.js';

/**
 * The holiday-calendar warning that `cdk synth` and `npm start` print. Working-day deadlines never fail for a
 * missing year (they count weekends only), so nothing would otherwise tell anyone that they are early: this is
 * loud on purpose. It returns the text it wrote (empty when the calendar is complete) so tests can read it.
 */
export function warnOfHolidayGaps(
  cantons: readonly CantonDefinition[],
  options: {
    readonly now?: Date;
    readonly national?: NationalHolidays;
    readonly write?: (text: string) => void;
  } = {},
): string {
  const gaps = holidayCalendarGaps(
    options.now ?? clock.now(),
    options.national ?? NATIONAL_HOLIDAYS,
    cantons,
  );
  if (gaps.length === 0) return '';
  const missing = gaps.filter((g) => g.problem === 'missing');
  const rule = '!'.repeat(78);
  const heading =
    missing.length > 0
      ? 'AVISO: faltan feriados — WARNING: the holiday calendar is missing a year'
      : 'Aviso: feriados por confirmar — Notice: holidays to confirm';
  const lines = gaps.flatMap((gap) => {
    const text = describeHolidayGap(gap);
    return [`  • ${text.es}`, `    ${text.en}`];
  });
  const text = [
    '',
    ...(missing.length > 0 ? [rule] : []),
    heading,
    ...lines,
    '  README → Configuration → Holidays: how to add a year, with its legal source.',
    ...(missing.length > 0 ? [rule] : []),
    '',
  ].join('\n');
  (options.write ?? ((t: string) => process.stderr.write(t)))(`${text}\n`);
  return text;
}
