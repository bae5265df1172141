import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { doradosOrganization } from '../support/providers.js';

/**
 * The referral handler takes its working days from the holiday data (national and the canton's own), through the
 * local runtime's real handlers. The product clock only moves forward, so each case takes the next holiday ahead in
 * the data (exact dates across New Year 2027 are in test/domain/deadlines.test.ts, without a clock).
 */
let rt: TestRuntime;
let officer: string;
let operator: string;

const workingDays = (amount: number) => ({ amount, unit: 'working-days' });
const protocol = {
  subcategory: { category: 'special-needs', subcategory: 'older-adults' },
  handledBy: 'swcs-officer',
  eligibleServiceIds: [],
  deadlines: { acknowledgement: workingDays(2), counterReferral: workingDays(10) },
  reminders: { acknowledgement: [], counterReferral: [] },
  escalation: {
    acknowledgement: [{ after: workingDays(1), notify: { role: 'national-coordinator' } }],
    counterReferral: [{ after: workingDays(1), notify: { role: 'national-coordinator' } }],
  },
  counterReferral: { requiredFields: ['assisted', 'outcome'], customFields: [] },
  validity: { from: '2026-01-01' },
  indicators: [{ id: 'on-time-acknowledgement-rate', target: 0.9 }],
};

beforeAll(async () => {
  rt = await startTestRuntime();
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  operator = await rt.token('operator', 'quito');
  const coordinator = await rt.token('coordinator', 'quito');
  const national = await rt.token('coordinator', 'national');
  const published = await rt.api('POST', '/cantons/national/protocols/special-needs/older-adults/versions', {
    token: national,
    body: protocol,
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  await rt.api('PUT', '/cantons/quito/organizations/dorados', {
    token: coordinator,
    body: doradosOrganization({ preferredChannel: 'email' }),
  });
  const service = await rt.api('PUT', '/cantons/quito/services/centro-a', {
    token: coordinator,
    body: {
      organizationId: 'dorados',
      name: 'Centro diurno A',
      description: 'Cuidado diurno para personas adultas mayores',
      serves: [{ category: 'special-needs', subcategory: 'older-adults' }],
      capacity: { total: 50, available: 50, waitlist: false },
      status: 'active',
      contactOfficerIds: ['lucia'],
    },
  });
  expect(service.status, JSON.stringify(service.body)).toBe(200);
});
afterAll(() => rt.stop());

/** Moves the product clock to `at`, records a request and refers it; the referral's acknowledgement deadline. */
async function acknowledgementDeadlineOfReferralAt(at: string): Promise<string> {
  clock.advance(new Date(at).getTime() - clock.now().getTime());
  const request = await rt.api('POST', '/cantons/quito/requests', {
    token: operator,
    body: intakeBody({ classification: { category: 'special-needs', subcategory: 'older-adults' } }),
  });
  expect(request.status, JSON.stringify(request.body)).toBe(201);
  const referral = await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
    token: officer,
    body: { serviceId: 'centro-a' },
  });
  expect(referral.status, JSON.stringify(referral.body)).toBe(201);
  return referral.body.deadlines.acknowledgement;
}

/** Holidays from the data the product ships: national, and Quito's own. */
const read = (file: string) =>
  JSON.parse(readFileSync(new URL(`../../cantons/${file}`, import.meta.url), 'utf8')) as {
    holidays: { date: string }[];
  };
const NATIONAL = read('holidays/ecuador.json').holidays.map((h) => h.date);
const QUITO = read('quito.json').holidays.map((h) => h.date);

const DAY = 86_400_000;
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const quitoDate = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(at);

/**
 * The first holiday of a list, ahead of the product clock, that falls on a weekday after a working weekday: a
 * referral made that morning meets it as its first working day, unless the handler knows the holiday.
 */
function nextHolidayAfterAWorkingDay(list: readonly string[], all: ReadonlySet<string>): string {
  const today = quitoDate(clock.now());
  const found = list.find((date) => {
    const before = shift(date, -1);
    return before > today && weekday(date) % 6 !== 0 && weekday(before) % 6 !== 0 && !all.has(before);
  });
  if (!found) throw new Error('The holiday data has no holiday ahead: add the coming year (see the README)');
  return found;
}

/** The local date two working days after `start`, skipping weekends and `holidays` (the protocol's deadline). */
function twoWorkingDaysAfter(start: string, holidays: ReadonlySet<string>): string {
  let date = start;
  for (let counted = 0; counted < 2;) {
    date = shift(date, 1);
    if (weekday(date) % 6 !== 0 && !holidays.has(date)) counted++;
  }
  return date;
}

describe('a referral’s working days', () => {
  const holidays = new Set([...NATIONAL, ...QUITO]);

  for (const [which, list] of [
    ['a national holiday', NATIONAL],
    ['a holiday of Quito’s own', QUITO],
  ] as const) {
    it(`skip ${which} from the data`, async () => {
      const holiday = nextHolidayAfterAWorkingDay(list, holidays);
      const start = shift(holiday, -1);
      // 10:00 in Quito (UTC-5) on the working day before the holiday.
      const deadline = await acknowledgementDeadlineOfReferralAt(`${start}T15:00:00.000Z`);
      const expected = twoWorkingDaysAfter(start, holidays);
      expect(quitoDate(new Date(deadline))).toBe(expected);
      expect(expected).not.toBe(twoWorkingDaysAfter(start, new Set()));
      expect(deadline).toBe(`${expected}T22:00:00.000Z`);
    });
  }
});
