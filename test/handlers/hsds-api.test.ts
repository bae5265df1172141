import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importHsds } from '../../functions/domain/hsds/import.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { type ProblemError } from '../support/problems.js';

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
    const fields = answer.body.errors.map((e: ProblemError) => e.pointer);
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

describe('HSDS documents as others publish them', () => {
  const published = () => fixture('published-organization.json');
  const ORG = '5a0c1e7e-2b8f-4d53-9c1e-7f3a9b2d4e61';

  it('imports a single organization, keeps what SWCS does not model, says so, and exports it again', async () => {
    const token = await rt.token('coordinator', 'santa-cruz');
    const answer = await rt.api('POST', '/cantons/santa-cruz/catalogue/hsds', { token, body: published() });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ organizations: 1, services: 1, written: 2, unchanged: 0 });
    const kept = Object.fromEntries(
      answer.body.kept.map((k: { field: string; count: number }) => [k.field, k.count]),
    );
    expect(kept).toMatchObject({
      'organization.alternate_name': 1,
      'organization.tax_status': 1,
      'funding.source': 1,
      'phone.extension': 1,
      'phone.type': 2,
      'language.name': 3,
      'location.transportation': 1,
    });

    const exported = await rt.api('GET', '/cantons/santa-cruz/catalogue/hsds', { token });
    expect(exported.status).toBe(200);
    const org = exported.body.organizations.find((o: { id: string }) => o.id === ORG);
    const sent = published();
    // The publisher's document comes back with its own ids and every field SWCS does not model.
    for (const field of [
      'alternate_name',
      'tax_status',
      'legal_status',
      'funding',
      'organization_identifiers',
      'programs',
    ]) {
      expect(org[field], field).toEqual(sent[field]);
    }
    expect(org.phones[0]).toMatchObject({
      extension: 12,
      type: 'voice',
      languages: sent.phones[0].languages,
    });
    expect(org.locations[0]).toMatchObject({
      id: sent.locations[0].id,
      transportation: 'Trolebús, parada Solanda',
      accessibility: sent.locations[0].accessibility,
      contacts: sent.locations[0].contacts,
    });
    // The postal location SWCS has no use for is given back too.
    expect(org.locations.map((l: { id: string }) => l.id)).toEqual(
      sent.locations.map((l: { id: string }) => l.id),
    );
    const service = org.services[0];
    expect(service).toMatchObject({
      id: sent.services[0].id,
      alternate_name: 'Comedor Solanda',
      wait_time: 'Una semana',
      cost_options: sent.services[0].cost_options,
      capacities: [
        expect.objectContaining({ description: 'Platos por día', unit: sent.services[0].capacities[0].unit }),
      ],
    });
    expect(service.attributes).toEqual(expect.arrayContaining([sent.services[0].attributes[1]]));

    // Our export is itself importable, and changes nothing.
    const again = await rt.api('POST', '/cantons/santa-cruz/catalogue/hsds', { token, body: published() });
    expect(again.body).toMatchObject({ written: 0, unchanged: 2 });
  });

  it('takes a single service (its organization nested) and pages of organizations or of services', async () => {
    const token = await rt.token('coordinator', 'cuenca');
    const org = published();
    const { services, ...organization } = org;
    const single = { ...services[0], organization };
    const page = (contents: unknown[]) => ({
      total_items: contents.length,
      total_pages: 1,
      page_number: 1,
      size: contents.length,
      first_page: true,
      last_page: true,
      empty: contents.length === 0,
      contents,
    });
    for (const body of [single, page([single]), page([org])]) {
      const answer = await rt.api('POST', '/cantons/cuenca/catalogue/hsds', { token, body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ organizations: 1 });
    }
    const list = await rt.api('GET', '/cantons/cuenca/organizations', { token });
    expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([ORG]);

    // Problems point into the document as it was sent.
    const broken = page([{ ...single, status: 'open-ish' }]);
    const refused = await rt.api('POST', '/cantons/cuenca/catalogue/hsds', { token, body: broken });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: ProblemError) => e.pointer)).toEqual(['/contents/0/status']);
  });

  it("takes a publisher's ids as identity: a renamed organization is a new version of the same one", async () => {
    const token = await rt.token('coordinator', 'national');
    const first = await rt.api('POST', '/cantons/national/catalogue/hsds', { token, body: published() });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const renamed = published();
    renamed.name = 'Fundación Manos Unidas';
    const second = await rt.api('POST', '/cantons/national/catalogue/hsds', { token, body: renamed });
    expect(second.body).toMatchObject({ written: 1, unchanged: 1 });
    const list = await rt.api('GET', '/cantons/national/organizations', { token });
    const ours = list.body.items.filter((o: { id: string }) => o.id === ORG);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ name: 'Fundación Manos Unidas', version: 2 });
  });
});

describe('HSDS import limits', () => {
  const importAs = async (body: unknown, rawBody?: string) =>
    rt.api('POST', '/cantons/quito/catalogue/hsds', {
      token: coordinator,
      ...(rawBody !== undefined ? { rawBody, headers: { 'content-type': 'application/json' } } : { body }),
    });

  it('answers a document of 100,000 empty organizations with a 400 naming the record limit', async () => {
    const answer = await importAs({ organizations: Array.from({ length: 100_000 }, () => ({})) });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('invalid_input');
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ pointer: '/organizations', detail: expect.stringContaining('10000') }),
    ]);
  });

  it('answers 10,000 empty organizations (at the limit) with their problems, the first 200 listed', async () => {
    const answer = await importAs({ organizations: Array.from({ length: 10_000 }, () => ({})) });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toHaveLength(201);
    expect(answer.body.errors[0].pointer).toBe('/organizations/0/description');
    expect(answer.body.errors[200]).toMatchObject({ pointer: '', detail: expect.stringMatching(/29800/) });
  });

  it('refuses a document over 5 MB with a 413', async () => {
    const answer = await importAs(
      undefined,
      JSON.stringify({ organizations: [], pad: 'x'.repeat(5 * 1024 * 1024) }),
    );
    expect(answer.status).toBe(413);
    expect(answer.body.code).toBe('payload_too_large');
  });

  it('refuses, before writing anything, a record DynamoDB could not store', async () => {
    const token = await rt.token('coordinator', 'cuenca');
    const big = fixture('published-organization.json');
    big.id = '7b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
    big.services[0].id = '7b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4e';
    big.services[0].alternate_name = 'x'.repeat(301 * 1024);
    const answer = await rt.api('POST', '/cantons/cuenca/catalogue/hsds', { token, body: big });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ pointer: '/services/0', detail: expect.stringContaining('300 KB') }),
    ]);
    const tiny = fixture('published-organization.json');
    tiny.id = big.id;
    tiny.funding[0].amount = 1e-200;
    const refused = await rt.api('POST', '/cantons/cuenca/catalogue/hsds', { token, body: tiny });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: ProblemError) => e.pointer)).toEqual(['/funding/0/amount']);
    const list = await rt.api('GET', '/cantons/cuenca/organizations', { token });
    expect(list.body.items.map((o: { id: string }) => o.id)).not.toContain(big.id);
  });

  it('writes nothing when a write fails half-way through (a 500)', async () => {
    // The handlers' own client, loaded once the runtime has set its environment.
    const { dynamo } = await import('../../functions/adapters/dynamodb/client.js');
    const document = fixture('quito-export.json');
    const token = await rt.token('coordinator', 'national');
    const send = dynamo.send.bind(dynamo);
    // DynamoDB fails on whatever write carries the second organization.
    const secondName = document.organizations[1].name;
    const spy = vi.spyOn(dynamo, 'send').mockImplementation(((command: { input?: unknown }) => {
      if (
        JSON.stringify(command.input ?? {}).includes(secondName) &&
        'TransactItems' in (command.input as object)
      ) {
        return Promise.reject(new Error('DynamoDB is down'));
      }
      return send(command as never);
    }) as never);
    try {
      const answer = await rt.api('POST', '/cantons/national/catalogue/hsds', { token, body: document });
      expect(answer.status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    const list = await rt.api('GET', '/cantons/national/organizations', { token });
    const names = list.body.items.map((o: { name: string }) => o.name);
    for (const org of document.organizations) expect(names).not.toContain(org.name);
  });
});
