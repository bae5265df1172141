import * as z from 'zod/mini';
import { addDays, localDate, type WorkingCalendar } from './deadlines.js';
import type { Localized } from '#kernel/messages.js';

/**
 * Holidays as data: Ecuador's national rest days live in cantons/holidays/ecuador.json, each canton's own ones
 * (cantonization, foundation, local festivities) in its definition file. Both list **rest days**, already moved by
 * the 2016 rule (Tuesday → Monday, Wednesday/Thursday → Friday, Saturday → Friday, Sunday → Monday), because the
 * rest day is what stops the count of working days; the date commemorated, when different, is kept beside it.
 * Pure: the data comes in as arguments, so tests and `cdk synth` can check any calendar against any "now".
 */

/** How sure a date is: taken from a published calendar or decree, or computed from the legal rule. */
export const HOLIDAY_BASES = ['official', 'derived'] as const;
export type HolidayBasis = (typeof HOLIDAY_BASES)[number];

/** The zone the national calendar's years turn in: mainland Ecuador. */
export const NATIONAL_TIME_ZONE = 'America/Guayaquil';

/** A missing next year is reported from this many days before it starts (from 2 November). */
export const HOLIDAY_WARNING_DAYS = 60;

const msg = (es: string, en: string) => ({ message: en, params: { es, en } });

const IsoDate = z.iso.date(msg('debe ser una fecha real AAAA-MM-DD', 'must be a real date YYYY-MM-DD'));

export const HolidaySchema = z.strictObject({
  /** The rest day (YYYY-MM-DD, local to the canton). */
  date: IsoDate,
  name: z.strictObject({
    es: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    en: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  }),
  /** The date commemorated, when the law or a decree moved the rest day away from it. */
  commemorates: z.optional(IsoDate),
  basis: z.enum(HOLIDAY_BASES),
  /** The legal source: law and article, calendar or decree, and how the date was derived when it was. */
  source: z.string().check(z.trim(), z.minLength(10), z.maxLength(1000)),
});

/** A list of holidays: dates may not repeat, since a repeated date is almost always a mistyped one. */
export const HolidayListSchema = z.array(HolidaySchema).check(
  z.superRefine((list, ctx) => {
    const first = new Map<string, number>();
    list.forEach((holiday, index) => {
      const earlier = first.get(holiday.date);
      if (earlier === undefined) {
        first.set(holiday.date, index);
        return;
      }
      ctx.addIssue({
        code: 'custom',
        path: [index, 'date'],
        ...msg(
          `repite la fecha ${holiday.date} (ya en la posición ${earlier})`,
          `repeats the date ${holiday.date} (already at position ${earlier})`,
        ),
      });
    });
  }),
);

export const NationalHolidaysSchema = z.strictObject({
  country: z.literal('EC'),
  description: z.optional(z.string()),
  holidays: HolidayListSchema.check(z.minLength(1)),
});

export type Holiday = z.infer<typeof HolidaySchema>;
export type NationalHolidays = z.infer<typeof NationalHolidaysSchema>;
/** What a working calendar takes of the national holidays: their dates (a Lambda bundle carries no more). */
export interface NationalRestDays {
  readonly holidays: readonly Pick<Holiday, 'date'>[];
}

/**
 * What a calendar needs of a canton's definition (domain/canton.ts). Named here rather than imported: the
 * definition's schema is built from this module's, so importing it back would make the two depend on each other.
 */
interface CantonHolidays {
  readonly id: string;
  readonly timeZone: string;
  readonly holidays?: readonly Holiday[] | undefined;
}

/** Error text naming each field, the way canton definition files report theirs. */
export function holidayProblems(error: z.core.$ZodError, file: string): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
    const params = (issue as { params?: { en?: string } }).params;
    return `${file}: field "${field}": ${params?.en ?? issue.message}`;
  });
}

/**
 * A canton's working calendar: its time zone, the national rest days and its own. `from` (a local date, usually
 * today's) drops the days before it: a referral snapshots its calendar, and past holidays can never move a
 * deadline, a reminder or an escalation that starts from now.
 */
export function calendarFor(
  canton: Pick<CantonHolidays, 'timeZone' | 'holidays'>,
  national: NationalRestDays,
  options: { readonly from?: string } = {},
): WorkingCalendar {
  const dates = new Set<string>();
  for (const holiday of [...national.holidays, ...(canton.holidays ?? [])]) {
    if (options.from === undefined || holiday.date >= options.from) dates.add(holiday.date);
  }
  return { timeZone: canton.timeZone, holidays: [...dates].sort() };
}

export interface HolidayCalendarGap {
  /** `national`, or the canton whose own holidays are missing. */
  readonly scope: string;
  readonly year: number;
  /** `missing`: no rest day of that year at all; `derived`: only dates computed from the rule, unconfirmed. */
  readonly problem: 'missing' | 'derived';
  /** Days from today to 1 January of that year; 0 or less once it has begun. */
  readonly daysLeft: number;
}

const yearsOf = (holidays: readonly Holiday[], basis?: HolidayBasis) =>
  new Set(
    holidays.filter((h) => basis === undefined || h.basis === basis).map((h) => Number(h.date.slice(0, 4))),
  );

/**
 * What the holiday data lacks at `now`: the current year always, and the next one from 60 days before it starts
 * (2 November). National data is checked for missing and for only-derived years; a canton's own holidays only
 * for missing years, and only if it lists any (a canton without local holidays lacks nothing). Deadlines never
 * depend on this: without a year's holidays they count weekends only.
 */
export function holidayCalendarGaps(
  now: Date,
  national: NationalHolidays,
  cantons: readonly Pick<CantonHolidays, 'id' | 'holidays'>[] = [],
  timeZone: string = NATIONAL_TIME_ZONE,
): HolidayCalendarGap[] {
  const today = localDate(now, timeZone);
  const year = Number(today.slice(0, 4));
  const daysLeft = (y: number) =>
    Math.round((Date.parse(`${y}-01-01T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  const years = today >= addDays(`${year + 1}-01-01`, -HOLIDAY_WARNING_DAYS) ? [year, year + 1] : [year];

  const gaps: HolidayCalendarGap[] = [];
  const listed = yearsOf(national.holidays);
  const official = yearsOf(national.holidays, 'official');
  for (const y of years) {
    if (!listed.has(y)) gaps.push({ scope: 'national', year: y, problem: 'missing', daysLeft: daysLeft(y) });
    else if (!official.has(y))
      gaps.push({ scope: 'national', year: y, problem: 'derived', daysLeft: daysLeft(y) });
  }
  for (const canton of cantons) {
    if (!canton.holidays?.length) continue;
    const own = yearsOf(canton.holidays);
    for (const y of years) {
      if (!own.has(y)) gaps.push({ scope: canton.id, year: y, problem: 'missing', daysLeft: daysLeft(y) });
    }
  }
  return gaps;
}

/** What to tell ops about a gap, in both languages (no personal data: scopes and years only). */
export function describeHolidayGap(gap: HolidayCalendarGap): Localized {
  const when =
    gap.daysLeft > 0
      ? { es: `empieza en ${gap.daysLeft} días`, en: `starts in ${gap.daysLeft} days` }
      : { es: 'ya empezó', en: 'has already begun' };
  if (gap.problem === 'derived') {
    return {
      es: `${gap.year} (${when.es}): los feriados nacionales de cantons/holidays/ecuador.json están calculados con la regla legal y no confirmados con el calendario oficial; confírmelos y márquelos "official".`,
      en: `${gap.year} (${when.en}): the national holidays in cantons/holidays/ecuador.json are derived from the legal rule, not confirmed against the official calendar; confirm them and mark them "official".`,
    };
  }
  const national = gap.scope === 'national';
  const missing = national
    ? {
        es: 'cantons/holidays/ecuador.json no tiene feriados nacionales de ese año',
        en: 'cantons/holidays/ecuador.json has no national holidays for that year',
      }
    : {
        es: `cantons/${gap.scope}.json no tiene feriados propios del cantón para ese año`,
        en: `cantons/${gap.scope}.json has none of the canton's own holidays for that year`,
      };
  const skipped = national
    ? { es: 'fines de semana', en: 'weekends' }
    : { es: 'fines de semana y feriados nacionales', en: 'weekends and national holidays' };
  return {
    es: `${gap.year} (${when.es}): ${missing.es}. Hasta que se agreguen, con su fuente legal, los plazos en días hábiles de ese año solo descuentan ${skipped.es}.`,
    en: `${gap.year} (${when.en}): ${missing.en}. Until they are added, with their legal source, working-day deadlines in it skip ${skipped.en} only.`,
  };
}
