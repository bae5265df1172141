import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

let rt: TestRuntime;
let officer: string;
let caseManager: string;

/** Rosa Guamán (demo registry household HH-UIO-000000: Rosa and her grandson Luis Ángel). */
const ROSA = '1710034065';

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  caseManager = await rt.token('case-manager', 'quito', 'uio.gestora');
});
afterAll(() => rt.stop());

const propose = (changes: unknown[]) =>
  rt.api('POST', '/cantons/quito/registry/change-requests', {
    token: officer,
    body: { nationalId: ROSA, changes, documents: [{ kind: 'utility-bill' }] },
  });
const decide = (changeId: string, outcome: 'approved' | 'rejected') =>
  rt.api('POST', `/cantons/quito/registry/change-requests/${changeId}/decision`, {
    token: caseManager,
    body: { outcome, reason: 'Revisado con la documentación' },
  });
const household = async (token = caseManager) =>
  (
    await rt.api('POST', '/cantons/quito/registry/screenings', {
      token,
      body: { nationalId: ROSA, purpose: 'case-management' },
    })
  ).body.household;

describe('an information update pending on a household', () => {
  it('shows in the screening, with the fields it would change, until it is decided', async () => {
    expect((await household()).pendingUpdates).toEqual([]);
    const proposed = await propose([
      { field: 'contact.phone', value: '+593991112222' },
      { field: 'education', memberId: '2', value: 'basic' },
    ]);
    expect(proposed.status).toBe(201);
    const pending = (await household()).pendingUpdates;
    expect(pending).toEqual([
      {
        changeId: proposed.body.changeId,
        cantonId: 'quito',
        fields: [{ field: 'contact.phone' }, { field: 'education', memberId: '2' }],
        proposedAt: proposed.body.proposedAt,
      },
    ]);
    // Another canton's officer sees that an update is pending, not which change request it is.
    const cuenca = await rt.token('case-manager', 'cuenca', 'cue.gestora');
    const there = await rt.api('POST', '/cantons/cuenca/registry/screenings', {
      token: cuenca,
      body: { nationalId: ROSA, purpose: 'case-management' },
    });
    expect(there.body.household.pendingUpdates).toEqual([
      { cantonId: 'quito', fields: pending[0].fields, proposedAt: pending[0].proposedAt },
    ]);

    expect((await decide(proposed.body.changeId, 'rejected')).status).toBe(200);
    expect((await household()).pendingUpdates).toEqual([]);
  });

  it('leaves no mark once approved, and the household shows the change instead', async () => {
    const proposed = await propose([{ field: 'address.street', value: 'Pasaje Oe5 N23-10' }]);
    expect(proposed.status).toBe(201);
    expect((await household()).pendingUpdates).toHaveLength(1);
    expect((await decide(proposed.body.changeId, 'approved')).status).toBe(200);
    const after = await household();
    expect(after.pendingUpdates).toEqual([]);
    expect(after.address.street).toBe('Pasaje Oe5 N23-10');
  });
});
