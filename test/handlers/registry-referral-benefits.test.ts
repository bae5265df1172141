import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { placeOf, type ProblemError } from '../support/problems.js';
import { quitoDay } from '../support/quito-day.js';

let rt: TestRuntime;
let officer: string;
let contact: string;
let coordinator: string;

/** Rosa Guamán (68, extreme poverty in the demo registry): eligible for the day centre by her registry data. */
const ROSA = '1710034065';
const DAY_CENTRE = 'mies9-gerontologico-diurno';

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  contact = await rt.token('contact-officer', 'quito', 'uio.enlace.ssimbana');
  coordinator = await rt.token('coordinator', 'quito', 'uio.coordinacion');
});
afterAll(() => rt.stop());

const today = quitoDay;
const move = (referralId: string, body: unknown, token = contact) =>
  rt.api('POST', `/cantons/quito/referrals/${referralId}/transitions`, { token, body });
const screen = async () =>
  (
    await rt.api('POST', '/cantons/quito/registry/screenings', {
      token: officer,
      body: { nationalId: ROSA, purpose: 'case-management' },
    })
  ).body;

/** A request for Rosa referred to the day centre, acknowledged and accepted by its contact officer. */
async function acceptedReferral() {
  const recorded = await rt.api('POST', '/cantons/quito/requests', {
    token: officer,
    body: {
      channel: 'walk-in',
      citizen: { identification: 'national-id', nationalId: ROSA },
      contact: { phone: '+593991234567' },
      description: 'Busca un centro diurno',
      classification: { category: 'special-needs', subcategory: 'older-adults' },
      consent: { dataSharing: 'given' },
    },
  });
  expect(recorded.status).toBe(201);
  const referred = await rt.api('POST', `/cantons/quito/requests/${recorded.body.requestId}/referrals`, {
    token: officer,
    body: { serviceId: DAY_CENTRE },
  });
  expect(referred.status, JSON.stringify(referred.body)).toBe(201);
  const referralId = referred.body.referralId as string;
  expect((await move(referralId, { action: 'acknowledge' })).status).toBe(200);
  expect((await move(referralId, { action: 'accept' })).status).toBe(200);
  return referralId;
}

const counterReferral = (extra: Record<string, unknown>) => ({
  assisted: true,
  outcome: 'Inscrita en el centro diurno',
  dateServed: today(),
  reason: { code: 'other', text: 'Atendida' },
  note: 'Asiste de lunes a viernes',
  ...extra,
});

describe('benefits recorded when a referral completes with the citizen assisted', () => {
  it('records the service, the day and what was delivered, in the completion; screening lists it', async () => {
    const referralId = await acceptedReferral();
    const completed = await move(referralId, {
      action: 'complete',
      counterReferral: counterReferral({
        benefit: { kind: 'cash', amount: 50, description: 'Ayuda para transporte' },
      }),
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.counterReferral.benefit).toEqual({
      kind: 'cash',
      amount: 50,
      description: 'Ayuda para transporte',
    });
    const local = (await screen()).benefits.local;
    expect(local).toContainEqual(
      expect.objectContaining({
        cantonId: 'quito',
        serviceId: DAY_CENTRE,
        referralId,
        deliveredOn: today(),
        kind: 'cash',
        amount: 50,
        description: 'Ayuda para transporte',
        recordedBy: 'uio.enlace.ssimbana',
      }),
    );
  });

  it('records an in-kind benefit when the counter-referral does not say what was delivered', async () => {
    const referralId = await acceptedReferral();
    const completed = await move(referralId, { action: 'complete', counterReferral: counterReferral({}) });
    expect(completed.status).toBe(200);
    const local = (await screen()).benefits.local;
    const recorded = local.find((b: { referralId?: string }) => b.referralId === referralId);
    expect(recorded).toMatchObject({ kind: 'in-kind', program: expect.stringContaining('Años Dorados') });
    expect(recorded.amount).toBeUndefined();
  });

  it('records nothing when the citizen was not assisted', async () => {
    const referralId = await acceptedReferral();
    const completed = await move(referralId, {
      action: 'complete',
      counterReferral: counterReferral({ assisted: false, outcome: 'No se presentó' }),
    });
    expect(completed.status).toBe(200);
    const local = (await screen()).benefits.local;
    expect(local.some((b: { referralId?: string }) => b.referralId === referralId)).toBe(false);
  });

  it('refuses a cash benefit without its amount, naming the field, and records nothing', async () => {
    const referralId = await acceptedReferral();
    const refused = await move(referralId, {
      action: 'complete',
      counterReferral: counterReferral({ benefit: { kind: 'cash' } }),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: ProblemError) => placeOf(e))).toEqual([
      'counterReferral.benefit.amount',
    ]);
    const unknownKind = await move(referralId, {
      action: 'complete',
      counterReferral: counterReferral({ benefit: { kind: 'voucher' } }),
    });
    expect(unknownKind.status).toBe(400);
    expect(unknownKind.body.errors.map((e: ProblemError) => placeOf(e))).toEqual([
      'counterReferral.benefit.kind',
    ]);
    const referral = await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer });
    expect(referral.body.status).toBe('accepted');
    const local = (await screen()).benefits.local;
    expect(local.some((b: { referralId?: string }) => b.referralId === referralId)).toBe(false);
  });

  it('voids the benefit when the completion is entered in error, in the same move', async () => {
    const referralId = await acceptedReferral();
    const completed = await move(referralId, {
      action: 'complete',
      counterReferral: counterReferral({ benefit: { kind: 'in-kind', amount: 35 } }),
    });
    expect(completed.status).toBe(200);
    const listed = (await screen()).benefits.local;
    expect(listed.some((b: { referralId?: string }) => b.referralId === referralId)).toBe(true);
    const undone = await move(
      referralId,
      { action: 'enterInError', reason: { code: 'duplicate' } },
      coordinator,
    );
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect(undone.body.status).toBe('entered-in-error');
    const after = (await screen()).benefits.local;
    expect(after.some((b: { referralId?: string }) => b.referralId === referralId)).toBe(false);
  });

  it('stops counting the benefit when the citizen says they were not served, in the answer itself', async () => {
    const referralId = await acceptedReferral();
    const completed = await move(referralId, {
      action: 'complete',
      counterReferral: counterReferral({ benefit: { kind: 'in-kind', description: 'Kit de alimentos' } }),
    });
    expect(completed.status).toBe(200);
    const counted = (b: { referralId?: string }) => b.referralId === referralId;
    const benefit = (await screen()).benefits.local.find(counted);
    expect(benefit).toBeDefined();
    const denied = await rt.api('POST', `/cantons/quito/referrals/${referralId}/confirmation`, {
      token: await rt.token('operator', 'quito'),
      body: { answer: 'denied' },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(denied.status, JSON.stringify(denied.body)).toBe(200);
    expect((await screen()).benefits.local.some(counted)).toBe(false);
    // The void is in the trail, with its reason.
    const file = await rt.api('GET', '/cantons/quito/household-files/HH-UIO-000000', {
      token: await rt.token('case-manager', 'quito', 'uio.gestora'),
    });
    expect(file.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'benefit', id: benefit.benefitId, status: 'voided' }),
      ]),
    );
  });
});
