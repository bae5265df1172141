import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHsds } from '../../functions/catalogue/hsds.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/hsds/${name}`, import.meta.url), 'utf8'));

let rt: TestRuntime;
let coordinator: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  coordinator = await rt.token('coordinator', 'quito');
});
afterAll(() => rt.stop());

describe('catalogue exchange as Open Referral HSDS', () => {
  it('imports a document, exports the same content, and a second import changes nothing', async () => {
    const document = fixture('quito-export.json');
    const imported = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: document,
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ organizations: 3, services: 5, unchanged: 0 });
    expect(imported.body.written).toBe(8);

    const exported = await rt.api('GET', '/cantons/quito/catalogue/hsds', { token: coordinator });
    expect(exported.status).toBe(200);
    const content = (doc: unknown) => {
      const result = importHsds(doc);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      const byId = <T extends { id: string }>(list: T[]) =>
        [...list].sort((a, b) => a.id.localeCompare(b.id));
      return { organizations: byId(result.organizations), services: byId(result.services) };
    };
    expect(content(exported.body)).toEqual(content(document));

    const again = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      body: document,
    });
    expect(again.body).toMatchObject({ written: 0, unchanged: 8 });
  });

  it('refuses an invalid document whole, naming every problem by JSON pointer', async () => {
    const document = fixture('quito-export.json');
    const [first, second] = document.organizations;
    first.name = '';
    second.services[0].status = 'open-ish';
    // A valid organization travels with the broken ones: it must not be written either.
    const fresh = structuredClone(document.organizations[2]);
    fresh.id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    fresh.name = 'Organización nueva que no debe quedar';
    document.organizations.push(fresh);

    const cuenca = await rt.token('coordinator', 'cuenca');
    const answer = await rt.api('POST', '/cantons/cuenca/catalogue/hsds', { token: cuenca, body: document });
    expect(answer.status).toBe(400);
    const fields = answer.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(['/organizations/0/name', '/organizations/1/services/0/status']),
    );
    const organizations = await rt.api('GET', '/cantons/cuenca/organizations', { token: cuenca });
    expect(organizations.body.items).toEqual([]);
  });

  it('only coordinators import', async () => {
    const officer = await rt.token('swcs-officer', 'quito');
    const answer = await rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: officer,
      body: { organizations: [] },
    });
    expect(answer.status).toBe(403);
  });
});
