import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { placeOf, type ProblemError } from '../support/problems.js';
import { quitoDay } from '../support/quito-day.js';

let rt: TestRuntime;
let operator: string;
let officer: string;
let officer2: string;

/** Rosa Guamán's cédula in the demo registry; and a valid one nobody in it has. */
const ROSA = '1710034065';
const UNREGISTERED = '0926687856';
/** Another valid cédula not in the demo registry, for the person whose whole file is merged. */
const WILMER = '0924681356';

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  officer2 = await rt.token('swcs-officer', 'quito', 'uio.tecnico2');
});
afterAll(() => rt.stop());

/** A request recorded without ID, as for a migrant without documents; answers the request and its identity. */
async function recordWithoutId(given: string, family: string, birthYear: number, phone: string) {
  const recorded = await rt.api('POST', '/cantons/quito/requests', {
    token: operator,
    body: {
      channel: 'walk-in',
      citizen: {
        identification: 'provisional',
        name: { given, family },
        nationality: 'Venezolana',
        birthYear,
      },
      contact: { phone },
      description: 'Necesita orientación legal para regularizar su situación',
      classification: { category: 'special-needs', subcategory: 'migrants' },
      consent: { dataSharing: 'given' },
    },
  });
  expect(recorded.status).toBe(201);
  return {
    requestId: recorded.body.requestId as string,
    provisionalId: recorded.body.citizen.provisionalId as string,
  };
}

const search = (body: unknown, token = officer) =>
  rt.api('POST', '/cantons/quito/registry/provisional-identities/search', { token, body });
const merge = (
  provisionalId: string,
  nationalId: string,
  token = officer,
  headers: Record<string, string> = {},
) =>
  rt.api('POST', `/cantons/quito/registry/provisional-identities/${provisionalId}/merge`, {
    token,
    body: { nationalId },
    headers,
  });
const unmerge = (provisionalId: string, token = officer) =>
  rt.api('POST', `/cantons/quito/registry/provisional-identities/${provisionalId}/unmerge`, {
    token,
    body: { reason: 'Cédula equivocada' },
  });
const request = async (requestId: string) =>
  (await rt.api('GET', `/cantons/quito/requests/${requestId}`, { token: officer })).body;

describe('attention without ID', () => {
  it('finds a provisional identity by name and birth year, or by phone', async () => {
    const { provisionalId } = await recordWithoutId('Yolimar', 'Pérez Rondón', 1991, '+593961112233');
    const byName = await search({ name: { given: 'yolimar', family: 'Perez' }, birthYear: 1991 });
    expect(byName.status).toBe(200);
    expect(byName.body.items).toEqual([
      expect.objectContaining({
        reasons: ['name-and-birth-year'],
        identity: expect.objectContaining({ provisionalId }),
      }),
    ]);
    const byPhone = await search({ phone: '+593961112233' });
    expect(byPhone.body.items[0].reasons).toEqual(['phone']);
    expect(
      (await search({ name: { given: 'Yolimar', family: 'Pérez' }, birthYear: 1980 })).body.items,
    ).toEqual([]);
    expect((await search({})).status).toBe(400);
  });

  it('merges into a national ID: the request moves to it and shows in the screening; an unmerge restores it exactly', async () => {
    const { requestId, provisionalId } = await recordWithoutId('Carlos', 'Mendoza', 1985, '+593962223344');
    const before = await request(requestId);
    const merged = await merge(provisionalId, UNREGISTERED);
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ status: 'merged', merge: { by: 'uio.tecnica1' }, version: 2 });
    expect(JSON.stringify(merged.body)).not.toContain(UNREGISTERED);
    const moved = await request(requestId);
    expect(moved.citizen).toEqual({
      identification: 'national-id',
      nationalId: UNREGISTERED,
      name: { given: 'Carlos', family: 'Mendoza' },
    });
    expect(moved.history.at(-1)).toMatchObject({ action: 'citizen-merged', by: { userId: 'uio.tecnica1' } });
    const screening = await rt.api('POST', '/cantons/quito/registry/screenings', {
      token: officer,
      body: { nationalId: UNREGISTERED, purpose: 'case-management' },
    });
    expect(screening.body.activity.requests.map((r: { requestId: string }) => r.requestId)).toEqual([
      requestId,
    ]);

    const undone = await unmerge(provisionalId, officer2);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({
      status: 'active',
      history: [{ action: 'merged' }, { action: 'unmerged', by: 'uio.tecnico2' }],
    });
    expect(undone.body.merge).toBeUndefined();
    const restored = await request(requestId);
    expect(restored.citizen).toEqual(before.citizen);
    const after = await rt.api('POST', '/cantons/quito/registry/screenings', {
      token: officer,
      body: { nationalId: UNREGISTERED, purpose: 'case-management' },
    });
    expect(after.body.activity.requests).toEqual([]);
  });

  it('refuses to merge into a national ID holding another person’s data (409 naming what conflicts)', async () => {
    const { requestId, provisionalId } = await recordWithoutId('María', 'Quispe', 1990, '+593963334455');
    const refused = await merge(provisionalId, ROSA);
    expect(refused.status).toBe(409);
    expect(refused.body.errors.map((e: ProblemError) => placeOf(e)).sort()).toEqual(['birthYear', 'name']);
    expect((await request(requestId)).citizen.identification).toBe('provisional');
  });

  it('lets one of two concurrent merges of the same identity win; the other gets 409 or 412', async () => {
    const { provisionalId } = await recordWithoutId('Luis', 'Zambrano', 1979, '+593964445566');
    const read = await rt.api('GET', `/cantons/quito/registry/provisional-identities/${provisionalId}`, {
      token: officer,
    });
    const etag = read.headers.get('etag') as string;
    const answers = await Promise.all([
      merge(provisionalId, UNREGISTERED, officer, { 'if-match': etag }),
      merge(provisionalId, '1710034065', officer2, { 'if-match': etag }),
      merge(provisionalId, UNREGISTERED, officer2),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409 || s === 412)).toBe(true);
    // A merge with the ETag read before the winner's is stale now.
    expect((await merge(provisionalId, UNREGISTERED, officer, { 'if-match': etag })).status).toBe(412);
  });

  it('suggests likely duplicates when a request is recorded, without blocking it', async () => {
    const first = await recordWithoutId('Gabriela', 'Salazar Loja', 1988, '+593966667788');
    const again = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: {
        channel: 'phone',
        citizen: {
          identification: 'provisional',
          name: { given: 'Gabriela', family: 'Salazar' },
          birthYear: 1988,
        },
        contact: { phone: '+593966667788' },
        description: 'Llama de nuevo por su trámite',
        consent: { dataSharing: 'given' },
      },
    });
    expect(again.status).toBe(201);
    expect(again.body.possibleDuplicates).toEqual([
      {
        provisionalId: first.provisionalId,
        requestIds: [first.requestId],
        reasons: ['name-and-birth-year', 'phone'],
      },
    ]);
    // The same phone with a national ID also suggests the provisional identity.
    const withId = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: {
        channel: 'phone',
        citizen: { identification: 'national-id', nationalId: UNREGISTERED },
        contact: { phone: '+593966667788' },
        description: 'Ya tiene cédula',
        consent: { dataSharing: 'given' },
      },
    });
    expect(withId.body.possibleDuplicates.map((d: { provisionalId: string }) => d.provisionalId)).toContain(
      first.provisionalId,
    );
    const unrelated = await recordWithoutId('Kléber', 'Tenesaca', 1970, '+593967778899');
    expect(unrelated).toBeDefined();
  });

  it('undoes a merge only within 30 days', async () => {
    const { provisionalId } = await recordWithoutId('Ana', 'Benítez', 1995, '+593965556677');
    expect((await merge(provisionalId, UNREGISTERED)).status).toBe(200);
    clock.advance(31 * 24 * 3600 * 1000);
    const late = await unmerge(provisionalId);
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('30');
  });
});

describe('a merge moves everything kept under the identity', () => {
  const today = quitoDay;
  const screening = async () =>
    (
      await rt.api('POST', '/cantons/quito/registry/screenings', {
        token: officer,
        body: { nationalId: WILMER, purpose: 'case-management' },
      })
    ).body;

  it('moves requests, referrals, benefits and complaint cases; an unmerge restores each exactly', async () => {
    const legal = await rt.token('contact-officer', 'quito', 'uio.enlace.hmendoza');
    const coordinator = await rt.token('coordinator', 'quito', 'uio.coordinacion');
    // A request without ID, referred, completed with the citizen assisted: the benefit stays with the identity.
    const { requestId, provisionalId } = await recordWithoutId('Wilmer', 'Castro', 1987, '+593968889900');
    const referred = await rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
      token: officer,
      body: { serviceId: 'fra-orientacion-legal', citizenProfile: { migrant: true } },
    });
    expect(referred.status, JSON.stringify(referred.body)).toBe(201);
    const referralId = referred.body.referralId as string;
    const move = (body: unknown) =>
      rt.api('POST', `/cantons/quito/referrals/${referralId}/transitions`, { token: legal, body });
    expect((await move({ action: 'acknowledge' })).status).toBe(200);
    expect((await move({ action: 'accept' })).status).toBe(200);
    const completed = await move({
      action: 'complete',
      counterReferral: {
        assisted: true,
        outcome: 'Orientación sobre la visa de residencia',
        dateServed: today(),
        reason: { code: 'other', text: 'Atendido' },
        note: 'Volverá con sus documentos',
        benefit: { kind: 'in-kind', amount: 40, description: 'Asesoría legal' },
      },
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    // The same person, also without ID, files a complaint: a request classified under the complaint category.
    const complaining = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: {
        channel: 'phone',
        citizen: {
          identification: 'provisional',
          name: { given: 'Wilmer', family: 'Castro' },
          birthYear: 1987,
        },
        contact: { phone: '+593968889900' },
        description: 'Reclama por la demora en la atención',
        classification: { category: 'complaint', subcategory: 'complaint' },
        consent: { dataSharing: 'given' },
      },
    });
    expect(complaining.status, JSON.stringify(complaining.body)).toBe(201);
    const second = complaining.body.citizen.provisionalId as string;
    const complaintId = complaining.body.history[0].details.complaintId as string;
    const complaintBefore = (
      await rt.api('GET', `/cantons/quito/complaints/${complaintId}`, { token: coordinator })
    ).body;
    expect(complaintBefore.complainant.identification).toBe('provisional');

    expect((await merge(provisionalId, WILMER)).status).toBe(200);
    expect((await merge(second, WILMER)).status).toBe(200);
    const merged = await screening();
    expect(merged.activity.requests.map((r: { requestId: string }) => r.requestId).sort()).toEqual(
      [requestId, complaining.body.requestId].sort(),
    );
    expect(merged.activity.referrals.map((r: { referralId: string }) => r.referralId)).toEqual([referralId]);
    expect(merged.activity.complaints).toEqual([
      expect.objectContaining({ complaintId, requestId: complaining.body.requestId, type: 'complaint' }),
    ]);
    // Not in the registry, yet the benefit his completion recorded is his now.
    expect(merged.view).toBe('not-registered');
    expect(merged.benefits.local).toEqual([
      expect.objectContaining({
        referralId,
        kind: 'in-kind',
        amount: 40,
        serviceId: 'fra-orientacion-legal',
      }),
    ]);
    const complaintMerged = (
      await rt.api('GET', `/cantons/quito/complaints/${complaintId}`, { token: coordinator })
    ).body;
    expect(complaintMerged.complainant).toEqual({
      identification: 'national-id',
      nationalId: WILMER,
      name: { given: 'Wilmer', family: 'Castro' },
    });
    expect(complaintMerged.history.at(-1)).toMatchObject({ action: 'complainant-merged' });

    expect((await unmerge(provisionalId, officer2)).status).toBe(200);
    expect((await unmerge(second, officer2)).status).toBe(200);
    const undone = await screening();
    expect(undone.activity).toEqual({ requests: [], referrals: [], complaints: [] });
    expect(undone.benefits.local).toEqual([]);
    const complaintAfter = (
      await rt.api('GET', `/cantons/quito/complaints/${complaintId}`, { token: coordinator })
    ).body;
    expect(complaintAfter.complainant).toEqual(complaintBefore.complainant);
    expect(complaintAfter.history.at(-1)).toMatchObject({ action: 'complainant-unmerged' });
  });
});

describe('likely duplicates by birth date, and by birth year when the date is unknown', () => {
  const record = (citizen: Record<string, unknown>, phone: string) =>
    rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: {
        channel: 'walk-in',
        citizen,
        contact: { phone },
        description: 'Pide orientación',
        consent: { dataSharing: 'given' },
      },
    });
  const without = (birth: Record<string, unknown>) => ({
    identification: 'provisional',
    name: { given: 'Marleny', family: 'Ortiz Bravo' },
    ...birth,
  });
  const suggested = (answer: {
    body: { possibleDuplicates?: { provisionalId: string; reasons: string[] }[] };
  }) => Object.fromEntries((answer.body.possibleDuplicates ?? []).map((d) => [d.provisionalId, d.reasons]));

  it('matches the whole date when both are known, the year otherwise, and never blocks', async () => {
    const first = await record(without({ birthDate: '1990-05-14' }), '+593969990001');
    expect(first.status).toBe(201);
    const firstId = first.body.citizen.provisionalId as string;
    expect(first.body.citizen.birthDate).toBe('1990-05-14');

    const sameDate = await record(without({ birthDate: '1990-05-14' }), '+593969990002');
    expect(sameDate.status).toBe(201);
    expect(suggested(sameDate)[firstId]).toEqual(['name-and-birth-date']);

    const yearOnly = await record(without({ birthYear: 1990 }), '+593969990003');
    expect(yearOnly.status).toBe(201);
    expect(suggested(yearOnly)[firstId]).toEqual(['name-and-birth-year']);

    // Another day of the same year is another person: not suggested on the name and year.
    const otherDay = await record(without({ birthDate: '1990-11-02' }), '+593969990004');
    expect(otherDay.status).toBe(201);
    expect(suggested(otherDay)[firstId]).toBeUndefined();
    expect(suggested(otherDay)[yearOnly.body.citizen.provisionalId]).toEqual(['name-and-birth-year']);
  });

  it('suggests the identity a citizen had before their cédula, from the registry’s name and birth date', async () => {
    const earlier = await record(
      { identification: 'provisional', name: { given: 'Rosa', family: 'Guamán' }, birthYear: 1958 },
      '+593969990010',
    );
    expect(earlier.status).toBe(201);
    const withId = await record({ identification: 'national-id', nationalId: ROSA }, '+593969990011');
    expect(withId.status).toBe(201);
    expect(suggested(withId)[earlier.body.citizen.provisionalId]).toEqual(['name-and-birth-year']);
  });

  it('refuses a birth date in the future, or a birth year that is not the date’s, naming the field', async () => {
    const future = await record(without({ birthDate: '2999-01-01' }), '+593969990020');
    expect(future.status).toBe(400);
    expect(future.body.errors.map((e: ProblemError) => placeOf(e))).toEqual(['citizen.birthDate']);
    const mismatch = await record(without({ birthDate: '1990-05-14', birthYear: 1991 }), '+593969990021');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors.map((e: ProblemError) => placeOf(e))).toEqual(['citizen.birthYear']);
  });
});
