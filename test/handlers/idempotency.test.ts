import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { ROUTES } from '../../lib/api/routes.js';
import { bulkHsdsDocument } from '../support/hsds-bulk.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Safe retries: a console that resends a POST after a timeout, with the same Idempotency-Key, gets the first
 * answer again and nothing happens twice; and a request is never referred twice to the same service at once.
 * On the local runtime with the demo seeds (the shelter psj-albergue-emergencias serves urgent/home-destroyed).
 */
let rt: TestRuntime;
let operator: string;
let officer: string;
let otherOfficer: string;
let cuencaOperator: string;
let coordinator: string;
let contact: string;
const SHELTER = 'psj-albergue-emergencias';
const FOOD = 'baq-raciones-emergencia';
let keyCount = 0;
/** A fresh key per use, as a client would make one (a UUID, say). */
const newKey = () => `key-${Date.now()}-${++keyCount}`;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  otherOfficer = await rt.token('swcs-officer', 'quito', 'uio.tecnico2');
  cuencaOperator = await rt.token('operator', 'cuenca');
  coordinator = await rt.token('coordinator', 'quito');
  contact = await rt.token('contact-officer', 'quito', 'uio.enlace.lcaiza');
});
afterAll(() => rt?.stop());

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const record = (key: string | undefined, options: { token?: string; canton?: string; body?: unknown } = {}) =>
  rt.api('POST', `/cantons/${options.canton ?? 'quito'}/requests`, {
    token: options.token ?? operator,
    body: options.body ?? intakeBody(),
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
  });

const requestIds = async (canton = 'quito', token = operator) => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await rt.api(
      'GET',
      `/cantons/${canton}/requests?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    ids.push(...page.body.items.map((i: { requestId: string }) => i.requestId));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids;
};

const refer = (requestId: string, serviceId: string, key?: string, token = officer) =>
  rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
    token,
    body: { serviceId },
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
  });

const spotsOf = async (serviceId: string) =>
  (await rt.api('GET', `/cantons/quito/services/${serviceId}`, { token: officer })).body.capacity.available;

const referralsOf = async (requestId: string) =>
  (await rt.api('GET', `/cantons/quito/requests/${requestId}/referrals`, { token: officer })).body.items as {
    referralId: string;
  }[];

async function newRequest() {
  const answer = await record(undefined);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.requestId as string;
}

describe('a retried POST with the same Idempotency-Key', () => {
  it('records one request when the same POST …/requests is sent three times, and replays the first answer', async () => {
    const before = await requestIds();
    const key = newKey();
    const answers = [await record(key), await record(key), await record(key)];
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const [first, ...retries] = answers as [(typeof answers)[0], ...typeof answers];
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    for (const retry of retries) {
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    }
    const after = await requestIds();
    expect(after.length).toBe(before.length + 1);
    expect(after.filter((id) => id === first.body.requestId)).toHaveLength(1);
  });

  it('makes one referral when the referral POST is sent twice: one spot reserved, the contact officer told once', async () => {
    const requestId = await newRequest();
    const spots = await spotsOf(SHELTER);
    const key = newKey();
    const first = await refer(requestId, SHELTER, key);
    const second = await refer(requestId, SHELTER, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.referralId).toBe(first.body.referralId);
    expect(await spotsOf(SHELTER)).toBe(spots - 1);
    expect((await referralsOf(requestId)).map((r) => r.referralId)).toEqual([first.body.referralId]);
    const toContact = () =>
      rt.sns.outbox({ referral: first.body.reference }).filter((m) => m.to === '+593997013486');
    await until(() => toContact().length > 0, 'the first notice');
    // Time for a second notice to go out, if the retry had started a second workflow.
    await new Promise((r) => setTimeout(r, 500));
    expect(toContact()).toHaveLength(1);
  });

  it('replays a referral transition instead of refusing it as repeated', async () => {
    const requestId = await newRequest();
    const referral = (await refer(requestId, FOOD)).body;
    const key = newKey();
    const accept = () =>
      rt.api('POST', `/cantons/quito/referrals/${referral.referralId}/transitions`, {
        token: coordinator,
        body: { action: 'accept' },
        headers: { 'Idempotency-Key': key },
      });
    const first = await accept();
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const again = await accept();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    // Without the key, the same move is a repeated one: refused, so the replay above really did not run it.
    const repeated = await rt.api('POST', `/cantons/quito/referrals/${referral.referralId}/transitions`, {
      token: coordinator,
      body: { action: 'accept' },
    });
    expect(repeated.status).toBe(409);
  });

  it('replays the 202 of an import job with its Location, and starts no second job', async () => {
    const key = newKey();
    const document = bulkHsdsDocument(210, 'Comedores de la prueba de reintentos');
    const send = () =>
      rt.api('POST', '/cantons/quito/catalogue/hsds', {
        token: coordinator,
        body: document,
        headers: { 'Idempotency-Key': key },
      });
    const first = await send();
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const again = await send();
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.body.jobId).toBe(first.body.jobId);
  });
});

describe('the same key with something else', () => {
  it('refuses another body with 422 idempotency_key_reused naming the header, and writes nothing', async () => {
    const key = newKey();
    expect((await record(key)).status).toBe(201);
    const before = await requestIds();
    const other = await record(key, { body: intakeBody({ description: 'Otra persona, otra necesidad' }) });
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(other.body.errors).toEqual([expect.objectContaining({ parameter: 'Idempotency-Key' })]);
    expect(await requestIds()).toEqual(before);
  });

  it('refuses the same key on another operation', async () => {
    const key = newKey();
    const recorded = await record(key, { token: officer });
    expect(recorded.status).toBe(201);
    const requestId = recorded.body.requestId as string;
    const reused = await refer(requestId, SHELTER, key);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect(await referralsOf(requestId)).toEqual([]);
  });

  it('never writes twice when the same key arrives concurrently: one runs, the others wait or replay', async () => {
    const before = await requestIds();
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 6 }, () => record(key)));
    const created = answers.filter((a) => a.status === 201);
    const fresh = created.filter((a) => a.headers.get('idempotent-replayed') === null);
    expect(fresh).toHaveLength(1);
    for (const answer of answers) {
      if (answer.status === 201) expect(answer.body.requestId).toBe(fresh[0]?.body.requestId);
      else {
        expect(answer.status).toBe(409);
        expect(answer.body.code).toBe('idempotency_key_in_use');
        expect(answer.headers.get('retry-after')).toBe('1');
      }
    }
    expect((await requestIds()).length).toBe(before.length + 1);
    // Once the first has answered, a retry replays it.
    const retry = await record(key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.requestId).toBe(fresh[0]?.body.requestId);
  });

  it("keeps another caller's and another canton's identical key apart", async () => {
    const key = newKey();
    const mine = await record(key);
    const colleagues = await record(key, { token: officer });
    const cuenca = await record(key, { token: cuencaOperator, canton: 'cuenca' });
    for (const answer of [mine, colleagues, cuenca]) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      expect(answer.headers.get('idempotent-replayed')).toBeNull();
    }
    expect(new Set([mine.body.requestId, colleagues.body.requestId, cuenca.body.requestId]).size).toBe(3);
    expect(await requestIds('cuenca', cuencaOperator)).toContain(cuenca.body.requestId);
  });

  it('runs a failed first attempt again on retry: only successful answers are kept', async () => {
    const key = newKey();
    const missing = await refer('01JZZZZZZZZZZZZZZZZZZZZZZZ', SHELTER, key);
    expect(missing.status).toBe(404);
    const requestId = await newRequest();
    // Same key, another path: the failed attempt left nothing behind to compare with.
    const made = await refer(requestId, SHELTER, key);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('bad keys', () => {
  it.each([
    ['over 255 characters', 'k'.repeat(256), 'Idempotency-Key'],
    ['with a tab', 'abc\tdef', 'control'],
    ['empty', '', 'Idempotency-Key'],
    ['with a non-ASCII character', 'clave-ñ', 'ASCII'],
  ])('refuses a key %s with 400 naming the header, and records nothing', async (_what, key, hint) => {
    const before = await requestIds();
    const answer = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody(),
      headers: { 'Idempotency-Key': key, 'Accept-Language': 'en' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('invalid_input');
    expect(answer.body.errors).toEqual([expect.objectContaining({ parameter: 'Idempotency-Key' })]);
    expect(`${answer.body.detail} ${answer.body.errors[0].detail}`).toContain(hint);
    expect(await requestIds()).toEqual(before);
  });

  it('refuses control characters that HTTP itself would not carry (checked on the event)', async () => {
    // Imported once the runtime has set the table's environment, which the module's store reads.
    const { idempotencyKeyOf } = await import('../../functions/http/idempotency.js');
    for (const key of ['a\u0000b', 'a\u0001b', 'a\u007fb', 'a\nb']) {
      expect(() => idempotencyKeyOf({ headers: { 'Idempotency-Key': key } })).toThrow(/Idempotency-Key/);
    }
    expect(idempotencyKeyOf({ headers: { 'idempotency-key': '0b6f2f4e-7d1c-4b8e-9a51-3c2f1e0d9b7a' } })).toBe(
      '0b6f2f4e-7d1c-4b8e-9a51-3c2f1e0d9b7a',
    );
    expect(idempotencyKeyOf({ headers: {} })).toBeUndefined();
  });
});

describe('one active referral per request and service', () => {
  it('refuses a second referral of the request to the same service with 409 duplicate_referral naming the first', async () => {
    const requestId = await newRequest();
    const first = await refer(requestId, SHELTER);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const spots = await spotsOf(SHELTER);
    const second = await refer(requestId, SHELTER);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('duplicate_referral');
    expect(second.body.detail).toContain(first.body.referralId);
    expect(second.body.errors).toEqual([expect.objectContaining({ pointer: '/serviceId' })]);
    expect(await spotsOf(SHELTER)).toBe(spots);
    // Another service is another referral.
    expect((await refer(requestId, FOOD)).status).toBe(201);
  });

  it('allows the request to be referred there again once the first referral has ended', async () => {
    const requestId = await newRequest();
    const first = (await refer(requestId, SHELTER)).body;
    const rejected = await rt.api('POST', `/cantons/quito/referrals/${first.referralId}/transitions`, {
      token: contact,
      body: { action: 'reject', reason: { code: 'no-capacity' } },
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const again = await refer(requestId, SHELTER);
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.referralId).not.toBe(first.referralId);
  });

  it('holds under concurrency: of two simultaneous referrals to one service, one is made and one spot taken', async () => {
    const requestId = await newRequest();
    const spots = await spotsOf(SHELTER);
    const answers = await Promise.all([
      refer(requestId, SHELTER),
      refer(requestId, SHELTER, undefined, otherOfficer),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const refused = answers.find((a) => a.status === 409);
    const made = answers.find((a) => a.status === 201);
    // Whichever read came first, the loser is told of the winner: its claim on request and service failed.
    expect(refused?.body.code).toBe('duplicate_referral');
    expect(refused?.body.detail).toContain(made?.body.referralId);
    expect(await spotsOf(SHELTER)).toBe(spots - 1);
    expect((await referralsOf(requestId)).map((r) => r.referralId)).toEqual([made?.body.referralId]);
    const later = await refer(requestId, SHELTER);
    expect(later.status).toBe(409);
    expect(later.body.code).toBe('duplicate_referral');
  });
});

describe('the document', () => {
  it('declares Idempotency-Key, Idempotent-Replayed and the 422 on every POST but the exempt eligibility check', async () => {
    const document = (await rt.api('GET', '/openapi.json')).body;
    const posts = ROUTES.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(5);
    for (const route of posts) {
      const operation = document.paths[route.path].post;
      const names = (operation.parameters ?? []).map(
        (p: { name: string; in: string }) => `${p.in}:${p.name}`,
      );
      const success = operation.responses[String(route.successStatus)];
      if (route.idempotencyExempt) {
        expect(names, route.operationId).not.toContain('header:Idempotency-Key');
        continue;
      }
      expect(names, route.operationId).toContain('header:Idempotency-Key');
      expect(success.headers?.['Idempotent-Replayed'], route.operationId).toBeDefined();
      expect(operation.responses['422'], route.operationId).toBeDefined();
    }
    expect(ROUTES.find((r) => r.operationId === 'checkEligibility')?.idempotencyExempt).toMatch(
      /changes nothing/,
    );
  });
});

describe('a key after 24 hours', () => {
  // Last in the file: moving the product clock a day fires the timers of the referrals above.
  it('is forgotten: the same key and body make a new request', async () => {
    const key = newKey();
    const first = await record(key);
    expect(first.status).toBe(201);
    clock.advance(23 * 3600_000);
    expect((await record(key)).headers.get('idempotent-replayed')).toBe('true');
    clock.advance(3600_000 + 60_000);
    const later = await record(key);
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(later.body.requestId).not.toBe(first.body.requestId);
    // The key now stands for the new request, for another 24 hours.
    const retry = await record(key);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.requestId).toBe(later.body.requestId);
  });
});
