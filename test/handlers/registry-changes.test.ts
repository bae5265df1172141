import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { at, placeOf, type ProblemError } from '../support/problems.js';

let rt: TestRuntime;
let officer: string;
let caseManager: string;
let coordinator: string;

/** Rosa Guamán (demo registry household HH-UIO-000000: Rosa and her grandson Luis Ángel). */
const ROSA = '1710034065';

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  caseManager = await rt.token('case-manager', 'quito', 'uio.gestora');
  coordinator = await rt.token('coordinator', 'quito', 'uio.coordinadora');
});
afterAll(() => rt.stop());

const propose = (body: unknown, token = officer) =>
  rt.api('POST', '/cantons/quito/registry/change-requests', { token, body });
const decide = (changeId: string, body: unknown, token = caseManager, headers: Record<string, string> = {}) =>
  rt.api('POST', `/cantons/quito/registry/change-requests/${changeId}/decision`, { token, body, headers });
const screenRosa = async () =>
  (
    await rt.api('POST', '/cantons/quito/registry/screenings', {
      token: officer,
      body: { nationalId: ROSA, purpose: 'information-update' },
    })
  ).body;

describe('information-update requests', () => {
  it('records each field with its old and new value, and a second person approves it: the household changes, with its history, and the change is queued', async () => {
    const request = await rt.api('POST', '/cantons/quito/requests', {
      token: officer,
      body: {
        channel: 'walk-in',
        citizen: { identification: 'national-id', nationalId: ROSA },
        contact: { phone: '+593991234567' },
        description: 'Se mudó y su nieto obtuvo el carné de discapacidad',
        classification: { category: 'information-update', subcategory: 'registry-modification' },
        consent: { dataSharing: 'given' },
      },
    });
    expect(request.status).toBe(201);
    const proposed = await propose({
      nationalId: ROSA,
      requestId: request.body.requestId,
      changes: [
        { field: 'address.parish', value: 'La Magdalena' },
        { field: 'disabilityPercentage', memberId: '2', value: 55 },
      ],
      documents: [{ kind: 'disability-card', reference: 'CONADIS 17-123456' }, { kind: 'utility-bill' }],
    });
    expect(proposed.status).toBe(201);
    expect(proposed.headers.get('location')).toBe(
      `/cantons/quito/registry/change-requests/${proposed.body.changeId}`,
    );
    expect(proposed.body).toMatchObject({
      status: 'pending',
      householdId: 'HH-UIO-000000',
      proposedBy: 'uio.tecnica1',
      changes: [
        { field: 'address.parish', oldValue: 'Chillogallo', newValue: 'La Magdalena' },
        { field: 'disabilityPercentage', memberId: '2', oldValue: 40, newValue: 55 },
      ],
    });
    // Nothing changes before the decision.
    expect((await screenRosa()).household.address.parish).toBe('Chillogallo');

    const approved = await decide(
      proposed.body.changeId,
      { outcome: 'approved', reason: 'Documentos verificados' },
      caseManager,
      {
        'if-match': proposed.headers.get('etag') as string,
      },
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decision: { outcome: 'approved', by: 'uio.gestora' },
    });

    const after = await screenRosa();
    expect(after.household.address.parish).toBe('La Magdalena');
    expect(after.household.members[1].disabilityPercentage).toBe(55);

    const outbox = await rt.api('GET', '/cantons/quito/registry/outbox', { token: coordinator });
    expect(outbox.status).toBe(200);
    expect(outbox.body.items).toEqual([
      expect.objectContaining({
        changeId: proposed.body.changeId,
        householdId: 'HH-UIO-000000',
        approvedBy: 'uio.gestora',
      }),
    ]);
    // The citizen's request closed with the outcome.
    const closed = await rt.api('GET', `/cantons/quito/requests/${request.body.requestId}`, {
      token: officer,
    });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closure.reason.text).toContain('aprobada');

    // A decided request is not decided again.
    expect(
      (await decide(proposed.body.changeId, { outcome: 'rejected', reason: 'x' }, coordinator)).status,
    ).toBe(409);
  });

  it('refuses approving one’s own change request (403), and changes nothing', async () => {
    const proposed = await propose({
      nationalId: ROSA,
      changes: [{ field: 'contact.phone', value: '+593987650000' }],
    });
    expect(proposed.status).toBe(201);
    const own = await decide(proposed.body.changeId, { outcome: 'approved', reason: 'ok' }, officer);
    expect(own.status).toBe(403);
    const read = await rt.api('GET', `/cantons/quito/registry/change-requests/${proposed.body.changeId}`, {
      token: coordinator,
    });
    expect(read.body.status).toBe('pending');
    expect((await screenRosa()).household.contact.phone).toBe('+593991234567');
  });

  it('records a rejection with its reason and leaves the household as it was', async () => {
    const proposed = await propose({
      nationalId: ROSA,
      changes: [{ field: 'incomeBracket', memberId: '1', value: 'up-to-basic-wage' }],
    });
    const rejected = await decide(proposed.body.changeId, {
      outcome: 'rejected',
      reason: 'Sin respaldo documental',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      decision: { reason: 'Sin respaldo documental' },
    });
    expect((await screenRosa()).household.members[0].incomeBracket).toBe('none');
  });

  it('adds a member born and removes one deceased', async () => {
    const born = {
      memberId: '3',
      givenNames: 'Sisa',
      familyNames: 'Chicaiza Lema',
      birthDate: '2026-10-01',
      sex: 'female',
      relationship: 'grandchild',
      nationality: 'Ecuatoriana',
      education: 'none',
      employed: false,
      incomeBracket: 'none',
    };
    const proposed = await propose({
      nationalId: ROSA,
      changes: [{ field: 'member.add', value: born }],
      documents: [{ kind: 'birth-certificate' }],
    });
    expect(proposed.status).toBe(201);
    expect(
      (await decide(proposed.body.changeId, { outcome: 'approved', reason: 'Partida de nacimiento' })).status,
    ).toBe(200);
    const after = await screenRosa();
    expect(after.household.members.map((m: { memberId: string }) => m.memberId)).toEqual(['1', '2', '3']);
    expect(after.eligibility.profile.childrenUnder5).toBe(1);
  });

  it('refuses a field the registry does not have, a member it does not have, and a change that breaks its rules', async () => {
    const unknown = await propose({
      nationalId: ROSA,
      changes: [{ field: 'favouriteColour', value: 'azul' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject(at('changes.0.field'));
    const noMember = await propose({
      nationalId: ROSA,
      changes: [{ field: 'sex', memberId: '9', value: 'male' }],
    });
    expect(noMember.status).toBe(400);
    expect(noMember.body.errors.map((e: ProblemError) => placeOf(e))).toEqual(['changes.0.memberId']);
    const future = await propose({
      nationalId: ROSA,
      changes: [{ field: 'birthDate', memberId: '1', value: '2999-01-01' }],
    });
    expect(future.status).toBe(400);
    expect(future.body.errors[0].detail).toContain('members.0.birthDate');
    const badParish = await propose({
      nationalId: ROSA,
      changes: [{ field: 'address.parish', value: 'Tarqui' }],
    });
    expect(badParish.status).toBe(400);
  });

  it('refuses an approval when the household changed after the proposal (409)', async () => {
    const first = await propose({
      nationalId: ROSA,
      changes: [{ field: 'address.street', value: 'Av. Mariscal Sucre S10-20' }],
    });
    const second = await propose({
      nationalId: ROSA,
      changes: [{ field: 'address.street', value: 'Calle Ajaví S12-50' }],
    });
    expect((await decide(first.body.changeId, { outcome: 'approved', reason: 'ok' })).status).toBe(200);
    const stale = await decide(second.body.changeId, { outcome: 'approved', reason: 'ok' });
    expect(stale.status).toBe(409);
  });

  it('is a 404 for a person not in the registry, another canton, or an unknown change request', async () => {
    expect(
      (
        await propose({
          nationalId: '0926687856',
          changes: [{ field: 'contact.phone', value: '+593987650000' }],
        })
      ).status,
    ).toBe(404);
    const cuenca = await rt.token('coordinator', 'cuenca');
    const proposed = await propose({
      nationalId: ROSA,
      changes: [{ field: 'contact.email', value: 'rosa@example.ec' }],
    });
    expect(
      (
        await rt.api('GET', `/cantons/cuenca/registry/change-requests/${proposed.body.changeId}`, {
          token: cuenca,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await rt.api('GET', `/cantons/quito/registry/change-requests/01JD5ZQ4X8G2T1V0M3N4P5R6S7`, {
          token: coordinator,
        })
      ).status,
    ).toBe(404);
  });
});
