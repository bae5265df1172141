import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  computeDeadline,
  escalationTimes,
  instantBounds,
  isWorkingDay,
  localDate,
  reminderTimes,
  startOfLocalDay,
  type WorkingCalendar,
} from '../../functions/domain/deadlines.js';
import { ECUADOR_NATIONAL_HOLIDAYS_2026 } from '../support/holidays.js';
import { cantonCalendar } from '../../functions/app/canton-calendar.js';
import { NATIONAL_HOLIDAYS } from '../../functions/app/holiday-calendar.js';
import { CantonDefinitionSchema } from '../../functions/domain/canton.js';
import { calendarFor } from '../../functions/domain/holidays.js';

const quito: WorkingCalendar = { timeZone: 'America/Guayaquil', holidays: ECUADOR_NATIONAL_HOLIDAYS_2026 };
const galapagos: WorkingCalendar = {
  timeZone: 'Pacific/Galapagos',
  holidays: ECUADOR_NATIONAL_HOLIDAYS_2026,
};
const iso = (d: Date) => d.toISOString();
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const workingDays = (amount: number) => ({ amount, unit: 'working-days' as const });

describe('computeDeadline', () => {
  it('counts hours as elapsed time, across midnight and weekends', () => {
    // Tuesday 22:30 in Quito (UTC−5) + 4 h = Wednesday 02:30 local.
    expect(iso(computeDeadline(new Date('2026-03-11T03:30:00Z'), hours(4), quito))).toBe(
      '2026-03-11T07:30:00.000Z',
    );
    // Friday 20:00 local + 24 h is Saturday 20:00: urgent clocks do not stop on weekends.
    expect(iso(computeDeadline(new Date('2026-03-14T01:00:00Z'), hours(24), quito))).toBe(
      '2026-03-15T01:00:00.000Z',
    );
  });

  it('puts 2 working days from a Thursday afternoon in Quito at Monday 17:00 local', () => {
    const thursday = new Date('2026-03-12T20:00:00Z'); // 15:00 in Quito
    expect(iso(computeDeadline(thursday, workingDays(2), quito))).toBe('2026-03-16T22:00:00.000Z');
    // The day of arrival never counts, whatever the hour: 08:00 and 23:00 give the same deadline.
    expect(iso(computeDeadline(new Date('2026-03-12T13:00:00Z'), workingDays(2), quito))).toBe(
      '2026-03-16T22:00:00.000Z',
    );
    expect(iso(computeDeadline(new Date('2026-03-13T04:00:00Z'), workingDays(2), quito))).toBe(
      '2026-03-16T22:00:00.000Z',
    );
  });

  it('skips Carnaval and Viernes Santo', () => {
    const friday = new Date('2026-02-13T15:00:00Z'); // Friday 10:00 in Quito; Mon 16 and Tue 17 are Carnaval
    expect(iso(computeDeadline(friday, workingDays(1), quito))).toBe('2026-02-18T22:00:00.000Z');
    expect(iso(computeDeadline(friday, workingDays(1), { timeZone: 'America/Guayaquil' }))).toBe(
      '2026-02-16T22:00:00.000Z',
    );
    const holyThursday = new Date('2026-04-02T15:00:00Z');
    expect(iso(computeDeadline(holyThursday, workingDays(1), quito))).toBe('2026-04-06T22:00:00.000Z');
  });

  it('counts working days in the Galápagos time zone (UTC−6)', () => {
    const thursday = new Date('2026-03-12T21:00:00Z'); // 15:00 in Santa Cruz
    expect(iso(computeDeadline(thursday, workingDays(2), galapagos))).toBe('2026-03-16T23:00:00.000Z');
    // 05:30Z is Thursday 00:30 in Quito but still Wednesday 23:30 in Galápagos: the local day decides.
    const instant = new Date('2026-03-12T05:30:00Z');
    expect(iso(computeDeadline(instant, workingDays(1), quito))).toBe('2026-03-13T22:00:00.000Z');
    expect(iso(computeDeadline(instant, workingDays(1), galapagos))).toBe('2026-03-12T23:00:00.000Z');
  });

  it('counts a start on Saturday or on a holiday from the next working day', () => {
    const saturday = new Date('2026-03-14T15:00:00Z');
    expect(iso(computeDeadline(saturday, workingDays(1), quito))).toBe('2026-03-16T22:00:00.000Z');
    expect(iso(computeDeadline(saturday, workingDays(2), quito))).toBe('2026-03-17T22:00:00.000Z');
    const carnavalMonday = new Date('2026-02-16T15:00:00Z');
    expect(iso(computeDeadline(carnavalMonday, workingDays(1), quito))).toBe('2026-02-18T22:00:00.000Z');
  });

  it('honours a canton close of business and refuses nonsense', () => {
    const thursday = new Date('2026-03-12T20:00:00Z');
    expect(iso(computeDeadline(thursday, workingDays(1), { ...quito, closeOfBusiness: '16:30' }))).toBe(
      '2026-03-13T21:30:00.000Z',
    );
    expect(() => computeDeadline(thursday, workingDays(0), quito)).toThrow(RangeError);
    expect(() => computeDeadline(thursday, hours(1.5), quito)).toThrow(/positive whole amount/);
    expect(() => computeDeadline(thursday, hours(1), { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => computeDeadline(thursday, hours(1), { ...quito, closeOfBusiness: '5pm' })).toThrow(/HH:MM/);
  });
});

describe('reminderTimes', () => {
  const deadline = new Date('2026-03-16T22:00:00Z'); // Monday 17:00 in Quito

  it('places reminders before the deadline, working days counted backwards, earliest first', () => {
    const times = reminderTimes(deadline, [hours(4), workingDays(1), workingDays(2)], quito);
    expect(times.map(iso)).toEqual([
      '2026-03-12T22:00:00.000Z', // Thursday 17:00: two working days left
      '2026-03-13T22:00:00.000Z', // Friday 17:00: one working day left
      '2026-03-16T18:00:00.000Z', // Monday 13:00
    ]);
    for (const t of times) expect(t.getTime()).toBeLessThan(deadline.getTime());
  });

  it('skips holidays backwards and drops reminders before the start', () => {
    const afterCarnaval = new Date('2026-02-18T22:00:00Z'); // Wednesday 17:00
    expect(reminderTimes(afterCarnaval, [workingDays(1)], quito).map(iso)).toEqual([
      '2026-02-13T22:00:00.000Z',
    ]);
    const start = new Date('2026-03-13T00:00:00Z');
    expect(reminderTimes(deadline, [workingDays(2), workingDays(1)], quito, start).map(iso)).toEqual([
      '2026-03-13T22:00:00.000Z',
    ]);
  });
});

describe('escalationTimes', () => {
  const deadline = new Date('2026-03-13T22:00:00Z'); // Friday 17:00 in Quito

  it('fires each step after the deadline, in ladder order', () => {
    const ladder = [{ after: hours(4) }, { after: workingDays(1) }, { after: workingDays(3) }];
    expect(escalationTimes(deadline, ladder, quito).map(iso)).toEqual([
      '2026-03-14T02:00:00.000Z', // Friday 21:00
      '2026-03-16T22:00:00.000Z', // Monday 17:00
      '2026-03-18T22:00:00.000Z', // Wednesday 17:00
    ]);
  });

  it('never fires a step before the one above it when units are mixed', () => {
    // 25 hours after Friday 17:00 is Saturday, earlier than 1 working day (Monday).
    const ladder = [{ after: workingDays(1) }, { after: hours(25) }];
    expect(escalationTimes(deadline, ladder, quito).map(iso)).toEqual([
      '2026-03-16T22:00:00.000Z',
      '2026-03-16T22:00:00.000Z',
    ]);
  });
});

describe('calendar helpers', () => {
  it('lists the 2026 national rest days on working weekdays, with the Pichincha holiday moved to Monday', () => {
    expect(ECUADOR_NATIONAL_HOLIDAYS_2026).toContain('2026-02-16');
    expect(ECUADOR_NATIONAL_HOLIDAYS_2026).toContain('2026-02-17');
    expect(ECUADOR_NATIONAL_HOLIDAYS_2026).toContain('2026-04-03');
    expect(ECUADOR_NATIONAL_HOLIDAYS_2026).toContain('2026-05-25');
    expect(ECUADOR_NATIONAL_HOLIDAYS_2026).not.toContain('2026-05-24');
    for (const date of ECUADOR_NATIONAL_HOLIDAYS_2026) {
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      expect(weekday, date).toBeGreaterThanOrEqual(1);
      expect(weekday, date).toBeLessThanOrEqual(5);
      expect(isWorkingDay(date, quito), date).toBe(false);
    }
    expect(isWorkingDay('2026-03-12', quito)).toBe(true);
    expect(isWorkingDay('2026-03-14', quito)).toBe(false);
  });

  it('converts between instants and local dates', () => {
    expect(localDate(new Date('2026-03-12T04:59:59Z'), 'America/Guayaquil')).toBe('2026-03-11');
    expect(localDate(new Date('2026-03-12T05:00:00Z'), 'America/Guayaquil')).toBe('2026-03-12');
    expect(iso(startOfLocalDay('2026-03-12', 'Pacific/Galapagos'))).toBe('2026-03-12T06:00:00.000Z');
    // A zone with daylight saving time still lands on the right wall clock.
    expect(iso(startOfLocalDay('2026-07-01', 'Europe/Madrid'))).toBe('2026-06-30T22:00:00.000Z');
  });

  it("reads a filter's bare dates as the canton's calendar days and keeps date-times as instants", () => {
    expect(instantBounds({ from: '2026-12-01', to: '2026-12-01' }, 'America/Guayaquil')).toEqual({
      from: '2026-12-01T05:00:00.000Z',
      to: '2026-12-02T04:59:59.999Z',
    });
    expect(instantBounds({ to: '2026-12-01' }, 'Pacific/Galapagos')).toEqual({
      from: undefined,
      to: '2026-12-02T05:59:59.999Z',
    });
    expect(
      instantBounds({ from: '2026-12-01T20:00:00-05:00', to: '2026-12-02T01:30:00Z' }, 'America/Guayaquil'),
    ).toEqual({ from: '2026-12-02T01:00:00.000Z', to: '2026-12-02T01:30:00.000Z' });
    // The day a zone moves its clocks forward has 23 hours: it still ends at the next local midnight.
    expect(instantBounds({ to: '2026-03-28' }, 'Europe/Madrid').to).toBe('2026-03-28T22:59:59.999Z');
    expect(instantBounds({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Madrid')).toEqual({
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T21:59:59.999Z',
    });
  });
});

describe('working days from the holiday data', () => {
  const cantonFile = (id: string) =>
    CantonDefinitionSchema.parse(
      JSON.parse(readFileSync(new URL(`../../cantons/${id}.json`, import.meta.url), 'utf8')),
    );
  const quitoCanton = cantonFile('quito');
  const cuencaCanton = cantonFile('cuenca');

  it('crosses New Year 2027: 30 December 2026 + 2 working days is Monday 4 January 17:00 in Quito', () => {
    const wednesday = new Date('2026-12-30T15:00:00Z'); // 10:00 in Quito
    // 31 December counts; 1 January is New Year's Day, then a weekend.
    expect(iso(computeDeadline(wednesday, workingDays(2), cantonCalendar(quitoCanton, wednesday)))).toBe(
      '2027-01-04T22:00:00.000Z',
    );
  });

  it("adds the canton's own holidays: Quito's 6 December 2027 (a Monday) pushes a deadline, Cuenca's does not", () => {
    const friday = new Date('2027-12-03T15:00:00Z');
    expect(iso(computeDeadline(friday, workingDays(1), cantonCalendar(quitoCanton, friday)))).toBe(
      '2027-12-07T22:00:00.000Z',
    );
    expect(iso(computeDeadline(friday, workingDays(1), cantonCalendar(cuencaCanton, friday)))).toBe(
      '2027-12-06T22:00:00.000Z',
    );
    // And Cuenca's foundation day (Monday 12 April 2027) only in Cuenca.
    const before = new Date('2027-04-09T15:00:00Z');
    expect(iso(computeDeadline(before, workingDays(1), cantonCalendar(cuencaCanton, before)))).toBe(
      '2027-04-13T22:00:00.000Z',
    );
    expect(iso(computeDeadline(before, workingDays(1), cantonCalendar(quitoCanton, before)))).toBe(
      '2027-04-12T22:00:00.000Z',
    );
  });

  it('still computes when a year is missing, counting weekends only', () => {
    const only2026 = {
      ...NATIONAL_HOLIDAYS,
      holidays: NATIONAL_HOLIDAYS.holidays.filter((h) => h.date < '2027'),
    };
    const calendar = calendarFor(quitoCanton, only2026);
    const wednesday = new Date('2026-12-30T15:00:00Z');
    // 1 January is then counted as a working day: early, but a deadline all the same.
    expect(iso(computeDeadline(wednesday, workingDays(2), calendar))).toBe('2027-01-01T22:00:00.000Z');
    expect(iso(computeDeadline(wednesday, workingDays(2), { timeZone: 'America/Guayaquil' }))).toBe(
      '2027-01-01T22:00:00.000Z',
    );
  });
});
