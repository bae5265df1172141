import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/commons/clock.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * The referral handler takes its working days from the holiday data (national and the canton's own), through the
 * local runtime's real handlers. The product clock only moves forward, so each case runs while its date is ahead.
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
  const published = await rt.api('PUT', '/cantons/national/protocols/special-needs/older-adults', {
    token: national,
    body: protocol,
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  await rt.api('PUT', '/cantons/quito/organizations/dorados', {
    token: coordinator,
    body: {
      name: 'Fundación Años Dorados',
      sector: 'non-profit',
      contactOfficers: [
        {
          id: 'lucia',
          userId: 'dorados.lucia',
          name: 'Lucía Benítez',
          position: 'Enlace',
          email: 'lucia@dorados.example.org',
          phone: '+593987111222',
          preferredChannel: 'email',
        },
      ],
      locations: [],
    },
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

const ahead = (at: string) => clock.now().getTime() < new Date(at).getTime();

describe('a referral’s working days', () => {
  const newYear = '2026-12-30T15:00:00.000Z'; // Wednesday 30 December 2026, 10:00 in Quito
  it.runIf(ahead(newYear))(
    'cross New Year 2027: 2 working days from 30 December end on Monday 4 January',
    async () => {
      expect(await acknowledgementDeadlineOfReferralAt(newYear)).toBe('2027-01-04T22:00:00.000Z');
    },
  );

  const beforeFoundation = '2027-12-02T15:00:00.000Z'; // Thursday 2 December 2027, 10:00 in Quito
  it.runIf(ahead(beforeFoundation))('skip Quito’s own 6 December 2027, a Monday', async () => {
    // Friday 3 counts, then the weekend and Monday 6 (Fundación de Quito): Tuesday 7 December at 17:00.
    expect(await acknowledgementDeadlineOfReferralAt(beforeFoundation)).toBe('2027-12-07T22:00:00.000Z');
  });
});
