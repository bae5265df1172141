import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { quitoDay } from '../support/quito-day.js';

let rt: TestRuntime;
let operator: string;
let officer: string;
let coordinator: string;
let auditor: string;

beforeAll(async () => {
  rt = await startTestRuntime();
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  coordinator = await rt.token('coordinator', 'quito');
  auditor = await rt.token('auditor', 'quito');
});
afterAll(() => rt.stop());

const record = (body: unknown = intakeBody(), token = operator) =>
  rt.api('POST', '/cantons/quito/requests', { token, body });

describe('recording a request', () => {
  it('stores the request with who recorded it, consent and a first history event', async () => {
    const created = await record();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      cantonId: 'quito',
      status: 'classified',
      channel: 'phone',
      urgency: 'high',
      classification: {
        category: 'urgent',
        subcategory: 'home-destroyed',
        label: 'Vivienda destruida o inhabitable',
      },
      consent: { dataSharing: 'given', recordedBy: 'uio.operador1' },
      version: 1,
    });
    expect(created.body.reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const fetched = await rt.api('GET', `/cantons/quito/requests/${created.body.requestId}`, {
      token: officer,
    });
    expect(fetched.status).toBe(200);
    expect(fetched.body.citizen).toEqual(intakeBody().citizen);
    expect(fetched.body.history).toEqual([
      expect.objectContaining({
        action: 'recorded',
        by: { userId: 'uio.operador1', roles: ['operator'] },
        details: expect.objectContaining({ channel: 'phone', consent: 'given' }),
      }),
    ]);
  });

  it('records attention without ID under a provisional identity', async () => {
    const created = await record(
      intakeBody({
        channel: 'walk-in',
        citizen: {
          identification: 'provisional',
          name: { given: 'Yusmary', family: 'Rojas' },
          nationality: 'Venezuela',
        },
        contact: { email: 'yrojas@example.org' },
        classification: { category: 'special-needs', subcategory: 'migrants' },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.citizen.provisionalId).toMatch(/^PRV-[0-9A-Z]{26}$/);
  });

  it('answers in English when the caller asks for it', async () => {
    const answer = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody(),
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(answer.body.classification.label).toBe('Home destroyed or uninhabitable');
  });
});

describe('classify, answer and assign', () => {
  it('walks a request from received to classified to assigned, keeping every change in its history', async () => {
    const { body: created } = await record(intakeBody({ classification: undefined }));
    expect(created.status).toBe('received');
    const path = `/cantons/quito/requests/${created.requestId}`;

    const early = await rt.api('PUT', `${path}/assignment`, {
      token: operator,
      body: { officerId: 'uio.tecnica1' },
    });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/Clasifique/);

    const classified = await rt.api('PUT', `${path}/classification`, {
      token: operator,
      body: { category: 'non-urgent', subcategory: 'housing' },
    });
    expect(classified.status).toBe(200);
    expect(classified.body).toMatchObject({ status: 'classified', version: 2 });

    const reclassified = await rt.api('PUT', `${path}/classification`, {
      token: officer,
      body: { category: 'urgent', subcategory: 'home-destroyed', note: 'La vivienda colapsó' },
    });
    expect(reclassified.body.classification.category).toBe('urgent');

    const assigned = await rt.api('PUT', `${path}/assignment`, {
      token: operator,
      body: { officerId: 'uio.tecnica1' },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', assignedOfficer: 'uio.tecnica1', version: 4 });

    const reassigned = await rt.api('PUT', `${path}/assignment`, {
      token: coordinator,
      body: { officerId: 'uio.tecnico2', note: 'Vacaciones' },
    });
    expect(reassigned.body.assignedOfficer).toBe('uio.tecnico2');

    const { body: full } = await rt.api('GET', path, { token: auditor });
    expect(full.history.map((e: { action: string }) => e.action)).toEqual([
      'recorded',
      'classified',
      'reclassified',
      'assigned',
      'reassigned',
    ]);
    expect(full.history[2]).toMatchObject({
      by: { userId: 'uio.tecnica1' },
      details: { from: { category: 'non-urgent', subcategory: 'housing' }, note: 'La vivienda colapsó' },
    });
    expect(full.history[4].details).toEqual({ from: 'uio.tecnica1', to: 'uio.tecnico2', note: 'Vacaciones' });
  });

  it('answers a general-information request on the spot, which closes it', async () => {
    const { body: created } = await record(
      intakeBody({ classification: { category: 'general-information', subcategory: 'service-points' } }),
    );
    const path = `/cantons/quito/requests/${created.requestId}`;
    const answered = await rt.api('POST', `${path}/answer`, {
      token: operator,
      body: { answer: 'El punto de atención de La Mariscal abre de 08:00 a 17:00' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', answer: { by: 'uio.operador1' } });

    const again = await rt.api('POST', `${path}/answer`, { token: operator, body: { answer: 'otra' } });
    expect(again.status).toBe(409);
    const after = await rt.api('GET', path, { token: operator });
    expect(after.body.version).toBe(2);
    expect(after.body.answer.text).toMatch(/La Mariscal/);
  });

  it('refuses to answer on the spot a request that is not general information, naming its category', async () => {
    const { body: created } = await record();
    const answer = await rt.api('POST', `/cantons/quito/requests/${created.requestId}/answer`, {
      token: operator,
      body: { answer: 'x' },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toMatch(/urgent/);
  });

  it('assigns only to an SWCS officer of the canton', async () => {
    const { body: created } = await record();
    const path = `/cantons/quito/requests/${created.requestId}/assignment`;
    for (const officerId of ['uio.operador1', 'cue.tecnico1', 'nobody']) {
      const answer = await rt.api('PUT', path, { token: operator, body: { officerId } });
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].pointer).toBe('/officerId');
    }
    const { body } = await rt.api('GET', `/cantons/quito/requests/${created.requestId}`, { token: operator });
    expect(body.version).toBe(1);
  });

  it('lets exactly one of simultaneous changes from the same read win; the others are told to reload', async () => {
    const { body: created } = await record();
    const path = `/cantons/quito/requests/${created.requestId}/assignment`;
    const answers = await Promise.all(
      ['uio.tecnica1', 'uio.tecnico2', 'uio.tecnica1', 'uio.tecnico2'].map((officerId) =>
        rt.api('PUT', path, { token: operator, body: { officerId }, headers: { 'if-match': 'W/"1"' } }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    // A loser that read the new version is refused before writing (412, or 200 when it asked for the very
    // officer the winner set: nothing to change); one that read the old version loses the versioned write (409).
    const winners = answers.filter((a) => a.status === 200);
    expect(new Set(winners.map((a) => a.body.assignedOfficer)).size).toBe(1);
    expect(statuses.every((s) => s === 200 || s === 409 || s === 412)).toBe(true);
    const { body } = await rt.api('GET', `/cantons/quito/requests/${created.requestId}`, { token: operator });
    // One change was written, with its one event: history and version agree.
    expect(body.version).toBe(2);
    expect(body.history).toHaveLength(2);
    expect(body.assignedOfficer).toBe(winners[0]?.body.assignedOfficer);
  });
});

describe('listing requests', () => {
  let ids: string[];
  beforeAll(async () => {
    const santaCruzOperator = await rt.token('operator', 'santa-cruz');
    ids = [];
    for (const [category, subcategory] of [
      ['complaint', 'complaint'],
      ['complaint', 'suggestion'],
      ['general-information', 'other-enquiry'],
      ['complaint', 'claim'],
    ]) {
      const { body } = await rt.api('POST', '/cantons/santa-cruz/requests', {
        token: santaCruzOperator,
        body: intakeBody({ classification: { category, subcategory } }),
      });
      ids.push(body.requestId);
    }
    await rt.api('PUT', `/cantons/santa-cruz/requests/${ids[1]}/assignment`, {
      token: santaCruzOperator,
      body: { officerId: 'scz.operador1' },
    });
  });

  const list = async (query: string) =>
    rt.api('GET', `/cantons/santa-cruz/requests${query}`, { token: await rt.token('auditor', 'santa-cruz') });

  it('lists newest first, paginated with a cursor until the end', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.body.items.map((r: { requestId: string }) => r.requestId));
      cursor = answer.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by status, category, assigned officer and date range', async () => {
    const ofCategory = await list('?category=complaint');
    expect(ofCategory.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([
      ids[3],
      ids[1],
      ids[0],
    ]);

    const assigned = await list('?status=assigned');
    expect(assigned.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([ids[1]]);

    const byOfficer = await list('?assignedOfficer=scz.operador1&category=complaint');
    expect(byOfficer.body.items.map((r: { requestId: string }) => r.requestId)).toEqual([ids[1]]);

    const future = await list('?from=2099-01-01');
    expect(future.body.items).toEqual([]);
    // A bare date is Quito's calendar day (request-list-days.test.ts).
    const today = quitoDay();
    const inRange = await list(`?from=${today}&to=${today}&status=classified`);
    expect(inRange.body.items).toHaveLength(3);
  });

  it('never shows another canton its requests', async () => {
    const quito = await rt.api('GET', '/cantons/quito/requests?limit=100', { token: operator });
    expect(quito.body.items.every((r: { cantonId: string }) => r.cantonId === 'quito')).toBe(true);
    expect(quito.body.items.some((r: { requestId: string }) => ids.includes(r.requestId))).toBe(false);
  });

  it('refuses a cursor that was tampered with, or reused for another query', async () => {
    const first = await list('?limit=1');
    const cursor: string = first.body.nextCursor;
    const [payload, signature] = cursor.split('.') as [string, string];
    const forged = `${Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        k: { PK: 'C#quito#REQ#X' },
      }),
    ).toString('base64url')}.${signature}`;
    for (const bad of [forged, `${cursor}x`, 'garbage', `${payload}.`]) {
      const answer = await list(`?limit=1&cursor=${encodeURIComponent(bad)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].parameter).toBe('cursor');
    }
    const otherQuery = await list(`?limit=1&status=assigned&cursor=${encodeURIComponent(cursor)}`);
    expect(otherQuery.status).toBe(400);
  });
});

describe('categories', () => {
  it("lists only the categories the caller's canton enabled, in the caller's language", async () => {
    const answer = await rt.api('GET', '/cantons/santa-cruz/categories', {
      token: await rt.token('operator', 'santa-cruz'),
    });
    expect(answer.body.items.map((c: { code: string }) => c.code)).toEqual([
      'urgent',
      'non-urgent',
      'special-needs',
      'complaint',
      'general-information',
    ]);
    expect(answer.body.items[0].label).toBe('Urgente');
  });
});
