import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NATIONAL_HOLIDAYS, parseNationalHolidays } from '../../functions/app/holiday-calendar.js';
import { logger } from '../../functions/kernel/logger.js';
import { CantonDefinitionSchema } from '../../functions/domain/canton.js';
import { isWorkingDay } from '../../functions/domain/deadlines.js';
import { ECUADOR_NATIONAL_HOLIDAYS_2026 } from '../support/holidays.js';
import {
  calendarFor,
  type Holiday,
  holidayCalendarGaps,
  type NationalHolidays,
} from '../../functions/domain/holidays.js';
import { checkHolidayCalendar, HOLIDAY_CALENDAR_METRIC } from '../../functions/app/holiday-calendar-check.js';
import { warnOfHolidayGaps } from '../../lib/holiday-warnings.js';

const readJson = (path: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../cantons/${path}`, import.meta.url), 'utf8'));
const cantons = ['quito', 'cuenca', 'santa-cruz', 'national'].map((id) =>
  CantonDefinitionSchema.parse(readJson(`${id}.json`)),
);
const cantonById = (id: string) => cantons.find((c) => c.id === id)!;

const holiday = (date: string, basis: Holiday['basis'] = 'official'): Holiday => ({
  date,
  name: { es: 'Feriado', en: 'Holiday' },
  basis,
  source: 'Código del Trabajo, art. 65',
});
const nationalOf = (...holidays: Holiday[]): NationalHolidays => ({ country: 'EC', holidays });
/** Midday in Quito on a local date, so that the instant is on that date whatever the machine's zone. */
const noonInQuito = (date: string) => new Date(`${date}T17:00:00Z`);
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

describe('the holiday data', () => {
  it('has Ecuador’s national rest days for 2026, 2027 and 2028, each on a weekday, with its source', () => {
    const byYear = (y: string) => NATIONAL_HOLIDAYS.holidays.filter((h) => h.date.startsWith(y));
    expect(byYear('2026').map((h) => h.date)).toEqual([...ECUADOR_NATIONAL_HOLIDAYS_2026]);
    expect(byYear('2026').every((h) => h.basis === 'official')).toBe(true);
    // 2027 and 2028 are computed from the 2016 rule until an official calendar confirms them.
    expect(byYear('2027').length).toBeGreaterThanOrEqual(11);
    expect(byYear('2027').every((h) => h.basis === 'derived' && /DERIVADA/.test(h.source))).toBe(true);
    expect(byYear('2028').length).toBeGreaterThanOrEqual(10);
    for (const h of NATIONAL_HOLIDAYS.holidays) {
      expect([1, 2, 3, 4, 5], h.date).toContain(weekday(h.date));
      expect(h.source, h.date).toMatch(/Código del Trabajo|Decreto/);
    }
  });

  it('moves 2027 rest days as the law says: Saturday to Friday, Tuesday to Monday', () => {
    const dates = NATIONAL_HOLIDAYS.holidays.map((h) => h.date);
    expect(dates).toEqual(expect.arrayContaining(['2027-01-01', '2027-04-30', '2027-08-09', '2027-10-08']));
    expect(dates).toEqual(expect.arrayContaining(['2027-12-24', '2027-12-31'])); // 25 Dec and 1 Jan 2028: Saturdays
    expect(dates).not.toContain('2027-05-01');
    const moved = NATIONAL_HOLIDAYS.holidays.filter((h) => h.commemorates);
    for (const h of moved) expect(h.commemorates, h.date).not.toBe(h.date);
  });

  it('gives Quito, Cuenca and Santa Cruz their own holidays, and national none', () => {
    expect(cantonById('quito').holidays?.map((h) => h.date)).toContain('2027-12-06');
    expect(cantonById('cuenca').holidays?.map((h) => h.date)).toContain('2027-04-12');
    expect(cantonById('santa-cruz').holidays?.map((h) => h.date)).toContain('2027-02-19');
    expect(cantonById('national').holidays).toBeUndefined();
    for (const canton of cantons) {
      for (const h of canton.holidays ?? [])
        expect([1, 2, 3, 4, 5], `${canton.id} ${h.date}`).toContain(weekday(h.date));
    }
  });
});

describe('the holiday schema', () => {
  it('refuses an impossible date and names the field', () => {
    expect(() => parseNationalHolidays({ country: 'EC', holidays: [holiday('2027-02-30')] })).toThrow(
      /field "holidays\.0\.date": must be a real date YYYY-MM-DD/,
    );
    expect(() => parseNationalHolidays({ country: 'EC', holidays: [holiday('27-01-01')] })).toThrow(
      /holidays\.0\.date/,
    );
  });

  it('refuses a repeated date, naming the repeat and the first', () => {
    expect(() =>
      parseNationalHolidays({ country: 'EC', holidays: [holiday('2027-01-01'), holiday('2027-01-01')] }),
    ).toThrow(/field "holidays\.1\.date": repeats the date 2027-01-01 \(already at position 0\)/);
  });

  it('refuses a canton holiday without a source or with a bad date, naming the field', () => {
    const quito = readJson('quito.json') as Record<string, unknown>;
    const bad = CantonDefinitionSchema.safeParse({
      ...quito,
      holidays: [
        { date: '2027-12-06', name: { es: 'Fundación', en: 'Foundation' }, basis: 'derived' },
        holiday('2027-13-01'),
      ],
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['holidays.0.source', 'holidays.1.date']));
  });
});

describe('calendarFor', () => {
  it('joins the national rest days and the canton’s own, from a date on, sorted and without repeats', () => {
    const national = nationalOf(holiday('2026-12-25'), holiday('2027-01-01'));
    const canton = {
      timeZone: 'America/Guayaquil',
      holidays: [holiday('2027-01-01'), holiday('2026-12-07')],
    };
    expect(calendarFor(canton, national)).toEqual({
      timeZone: 'America/Guayaquil',
      holidays: ['2026-12-07', '2026-12-25', '2027-01-01'],
    });
    expect(calendarFor(canton, national, { from: '2026-12-08' }).holidays).toEqual([
      '2026-12-25',
      '2027-01-01',
    ]);
    expect(isWorkingDay('2026-12-07', calendarFor(canton, national))).toBe(false);
    expect(isWorkingDay('2026-12-07', calendarFor({ timeZone: 'America/Guayaquil' }, national))).toBe(true);
  });
});

describe('holidayCalendarGaps (the missing-year warning)', () => {
  const only2026 = nationalOf(holiday('2026-01-01'), holiday('2026-12-25'));

  it('says nothing about next year until 60 days before it starts, then reports it missing', () => {
    expect(holidayCalendarGaps(noonInQuito('2026-11-01'), only2026)).toEqual([]);
    expect(holidayCalendarGaps(noonInQuito('2026-11-02'), only2026)).toEqual([
      { scope: 'national', year: 2027, problem: 'missing', daysLeft: 60 },
    ]);
    expect(holidayCalendarGaps(noonInQuito('2026-12-30'), only2026)).toEqual([
      { scope: 'national', year: 2027, problem: 'missing', daysLeft: 2 },
    ]);
  });

  it('turns its days in Ecuador: 23:30 on 1 November in Quito is not yet 2 November', () => {
    expect(holidayCalendarGaps(new Date('2026-11-02T04:30:00Z'), only2026)).toEqual([]);
    expect(holidayCalendarGaps(new Date('2026-11-02T05:00:00Z'), only2026)).toHaveLength(1);
  });

  it('reports the current year whenever it is missing', () => {
    expect(holidayCalendarGaps(noonInQuito('2027-03-01'), only2026)).toEqual([
      { scope: 'national', year: 2027, problem: 'missing', daysLeft: -59 },
    ]);
  });

  it('tells a year derived from the rule apart from a missing one', () => {
    const derived2027 = nationalOf(holiday('2026-12-25'), holiday('2027-01-01', 'derived'));
    expect(holidayCalendarGaps(noonInQuito('2026-11-02'), derived2027)).toEqual([
      { scope: 'national', year: 2027, problem: 'derived', daysLeft: 60 },
    ]);
    const official = nationalOf(holiday('2026-12-25'), holiday('2027-01-01'));
    expect(holidayCalendarGaps(noonInQuito('2026-11-02'), official)).toEqual([]);
  });

  it('checks a canton’s own holidays only if it lists any', () => {
    const official = nationalOf(holiday('2026-12-25'), holiday('2027-01-01'));
    const withOwn = { id: 'quito', holidays: [holiday('2026-12-07')] };
    const without = { id: 'national' };
    expect(holidayCalendarGaps(noonInQuito('2026-11-02'), official, [withOwn, without])).toEqual([
      { scope: 'quito', year: 2027, problem: 'missing', daysLeft: 60 },
    ]);
  });

  it('finds the repository’s data complete today for the national calendar until November 2028', () => {
    const missing = (date: string) =>
      holidayCalendarGaps(noonInQuito(date), NATIONAL_HOLIDAYS).filter((g) => g.problem === 'missing');
    expect(missing('2026-12-30')).toEqual([]);
    expect(missing('2028-11-01')).toEqual([]);
    expect(missing('2028-11-02')).toEqual([
      { scope: 'national', year: 2029, problem: 'missing', daysLeft: 60 },
    ]);
  });
});

describe('the warnings that synth, npm start and the daily check give', () => {
  afterEach(() => vi.restoreAllMocks());
  const only2026 = nationalOf(holiday('2026-01-01'), holiday('2026-12-25'));

  it('prints a loud bilingual warning when next year is missing, and nothing when all is there', () => {
    const written: string[] = [];
    const write = (t: string) => written.push(t);
    const text = warnOfHolidayGaps(cantons, { now: noonInQuito('2026-11-02'), national: only2026, write });
    expect(text).toMatch(/WARNING: the holiday calendar is missing a year/);
    expect(text).toMatch(/2027 \(empieza en 60 días\)/);
    expect(text).toMatch(/2027 \(starts in 60 days\).*weekends only/);
    // Every canton with holidays of its own lists 2027 already: only the national year is missing.
    expect(text).not.toMatch(/cantons\/quito\.json/);
    const quitoWithout2027 = { ...cantonById('quito'), holidays: [holiday('2026-12-07')] };
    const cantonText = warnOfHolidayGaps([quitoWithout2027], {
      now: noonInQuito('2026-11-02'),
      write: () => {},
    });
    expect(cantonText).toMatch(
      /cantons\/quito\.json has none of the canton's own holidays.*weekends and national/,
    );
    expect(written.join('')).toBe(`${text}\n`);
    const complete = nationalOf(holiday('2026-01-01'), holiday('2027-01-01'));
    const quiet = warnOfHolidayGaps([], { now: noonInQuito('2026-11-02'), national: complete, write });
    expect(quiet).toBe('');
    expect(written).toHaveLength(1);
  });

  it('logs an error carrying the metric the alarm watches when a year is missing', async () => {
    const error = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    const result = await checkHolidayCalendar(noonInQuito('2026-11-02'), only2026);
    expect(result).toEqual({ missingYears: [2027], derivedYears: [] });
    expect(error).toHaveBeenCalledTimes(1);
    const line = error.mock.calls[0]![1] as unknown as Record<string, unknown>;
    expect(line[HOLIDAY_CALENDAR_METRIC]).toBe(1);
    expect(JSON.stringify(line._aws)).toContain(HOLIDAY_CALENDAR_METRIC);

    error.mockClear();
    const ok = await checkHolidayCalendar(noonInQuito('2026-06-01'), only2026);
    expect(ok.missingYears).toEqual([]);
    expect(error).not.toHaveBeenCalled();
    expect((info.mock.calls.at(-1)![1] as unknown as Record<string, unknown>)[HOLIDAY_CALENDAR_METRIC]).toBe(
      0,
    );
  });
});
