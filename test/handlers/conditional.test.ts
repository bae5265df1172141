import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { doradosOrganization } from '../support/providers.js';
import { quitoDay } from '../support/quito-day.js';

/**
 * Idempotent PUTs and conditional requests: every versioned record answers with an ETag, If-None-Match saves a
 * client re-reading what it has, If-Match keeps two people from overwriting each other's change unknowingly.
 */
let rt: TestRuntime;
let operator: string;
let officer: string;
let coordinator: string;
let contact: string;
let national: string;

const hours = (amount: number) => ({ amount, unit: 'hours' });
const TEMPLATE = '/cantons/national/protocols/special-needs/older-adults';
const protocol = (from: string) => ({
  subcategory: { category: 'special-needs', subcategory: 'older-adults' },
  handledBy: 'swcs-officer',
  eligibleServiceIds: [],
  deadlines: { acknowledgement: hours(4), counterReferral: hours(48) },
  reminders: { acknowledgement: [hours(1)], counterReferral: [hours(6)] },
  escalation: {
    acknowledgement: [{ after: hours(1), notify: { role: 'national-coordinator' } }],
    counterReferral: [{ after: hours(2), notify: { role: 'national-coordinator' } }],
  },
  counterReferral: { requiredFields: ['assisted', 'outcome', 'dateServed'], customFields: [] },
  validity: { from },
  indicators: [{ id: 'on-time-acknowledgement-rate', target: 0.9 }],
});

const organization = (name?: string) => doradosOrganization(name ? { name } : {});

const service = (available = 10) => ({
  organizationId: 'dorados',
  name: 'Centro diurno Los Pinos',
  description: 'Cuidado diurno para personas adultas mayores',
  serves: [{ category: 'special-needs', subcategory: 'older-adults' }],
  capacity: { total: 10, available, waitlist: false },
  contactOfficerIds: ['lucia'],
});

async function newRequest(classification = { category: 'special-needs', subcategory: 'older-adults' }) {
  const created = await rt.api('POST', '/cantons/quito/requests', {
    token: operator,
    body: intakeBody({ classification }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return `/cantons/quito/requests/${created.body.requestId}`;
}

const read = async (path: string, token = operator) => {
  const answer = await rt.api('GET', path, { token });
  expect(answer.status).toBe(200);
  return answer;
};

const tomorrowInQuito = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(
    new Date(Date.now() + 86_400_000),
  );

beforeAll(async () => {
  rt = await startTestRuntime();
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  coordinator = await rt.token('coordinator', 'quito');
  contact = await rt.token('contact-officer', 'quito', 'dorados.lucia');
  national = await rt.token('coordinator', 'national');
  const published = await rt.api('POST', `${TEMPLATE}/versions`, {
    token: national,
    body: protocol('2026-01-01'),
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  const org = await rt.api('PUT', '/cantons/quito/organizations/dorados', {
    token: coordinator,
    body: organization(),
  });
  expect(org.status, JSON.stringify(org.body)).toBe(200);
  const svc = await rt.api('PUT', '/cantons/quito/services/los-pinos', {
    token: coordinator,
    body: service(),
  });
  expect(svc.status, JSON.stringify(svc.body)).toBe(200);
});
afterAll(() => rt.stop());

describe('ETags', () => {
  it('tags a request with its version when it is created, read and changed', async () => {
    const created = await rt.api('POST', '/cantons/quito/requests', { token: operator, body: intakeBody() });
    expect(created.headers.get('etag')).toBe('W/"1"');
    const path = `/cantons/quito/requests/${created.body.requestId}`;
    expect((await read(path)).headers.get('etag')).toBe('W/"1"');
    const assigned = await rt.api('PUT', `${path}/assignment`, {
      token: operator,
      body: { officerId: 'uio.tecnica1' },
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.version).toBe(2);
    expect(assigned.headers.get('etag')).toBe('W/"2"');
    expect((await read(path)).headers.get('etag')).toBe('W/"2"');
  });

  it('tags organizations, services and protocol versions', async () => {
    expect((await read('/cantons/quito/organizations/dorados', coordinator)).headers.get('etag')).toMatch(
      /^W\/"\d+"$/,
    );
    expect((await read('/cantons/quito/services/los-pinos', officer)).headers.get('etag')).toMatch(
      /^W\/"\d+\.\d+"$/,
    );
    expect((await read(`${TEMPLATE}/versions/1`, national)).headers.get('etag')).toMatch(
      /^W\/"1(\.[\d-]+)?"$/,
    );
  });

  it('answers 304 with no body when If-None-Match names the current tag, and the record when it changed', async () => {
    const path = await newRequest();
    const { headers } = await read(path);
    const tag = headers.get('etag') as string;

    const same = await rt.api('GET', path, { token: operator, headers: { 'if-none-match': tag } });
    expect(same.status).toBe(304);
    expect(same.body).toBe('');
    expect(same.headers.get('etag')).toBe(tag);
    const listed = await rt.api('GET', path, {
      token: operator,
      headers: { 'if-none-match': `W/"99", ${tag}` },
    });
    expect(listed.status).toBe(304);

    await rt.api('PUT', `${path}/assignment`, { token: operator, body: { officerId: 'uio.tecnica1' } });
    const changed = await rt.api('GET', path, { token: operator, headers: { 'if-none-match': tag } });
    expect(changed.status).toBe(200);
    expect(changed.body.assignedOfficer).toBe('uio.tecnica1');
    expect(changed.headers.get('etag')).not.toBe(tag);
  });

  it('changes a service tag when a referral takes a spot, though the service has no new version', async () => {
    const before = await read('/cantons/quito/services/los-pinos', officer);
    const path = await newRequest();
    const referral = await rt.api('POST', `${path}/referrals`, {
      token: officer,
      body: { serviceId: 'los-pinos' },
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    const after = await rt.api('GET', '/cantons/quito/services/los-pinos', {
      token: officer,
      headers: { 'if-none-match': before.headers.get('etag') as string },
    });
    expect(after.status).toBe(200);
    expect(after.body.version).toBe(before.body.version);
    expect(after.body.capacity.available).toBe(before.body.capacity.available - 1);
  });
});

describe('identical PUTs', () => {
  it('answers a repeated assignment or classification with the request as it is, writing nothing', async () => {
    const path = await newRequest();
    const first = await rt.api('PUT', `${path}/assignment`, {
      token: operator,
      body: { officerId: 'uio.tecnica1' },
    });
    expect(first.status).toBe(200);
    const again = await rt.api('PUT', `${path}/assignment`, {
      token: operator,
      body: { officerId: 'uio.tecnica1' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ assignedOfficer: 'uio.tecnica1', version: first.body.version });
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));

    const classification = { category: 'special-needs', subcategory: 'older-adults' };
    const classified = await rt.api('PUT', `${path}/classification`, {
      token: operator,
      body: classification,
    });
    expect(classified.status).toBe(200);
    expect(classified.body.version).toBe(first.body.version);

    const { body } = await read(path);
    expect(body.version).toBe(first.body.version);
    expect(body.history).toHaveLength(first.body.version);
  });

  it('answers a repeated organization or service PUT with the record as it is, writing no version', async () => {
    const org = await read('/cantons/quito/organizations/dorados', coordinator);
    const sameOrg = await rt.api('PUT', '/cantons/quito/organizations/dorados', {
      token: coordinator,
      body: organization(),
    });
    expect(sameOrg.status).toBe(200);
    expect(sameOrg.body.version).toBe(org.body.version);
    expect(sameOrg.headers.get('etag')).toBe(org.headers.get('etag'));

    const svc = await read('/cantons/quito/services/los-pinos', coordinator);
    const sameService = await rt.api('PUT', '/cantons/quito/services/los-pinos', {
      token: coordinator,
      body: service(svc.body.capacity.available),
    });
    expect(sameService.status).toBe(200);
    expect(sameService.body.version).toBe(svc.body.version);

    const after = await read('/cantons/quito/organizations/dorados', coordinator);
    expect(after.body.history).toHaveLength(org.body.history.length);
  });

  it('tells a retried PUT that already took effect 200, even with the If-Match it was first sent with', async () => {
    const path = await newRequest();
    const tag = (await read(path)).headers.get('etag') as string;
    const send = () =>
      rt.api('PUT', `${path}/assignment`, {
        token: operator,
        body: { officerId: 'uio.tecnico2' },
        headers: { 'if-match': tag },
      });
    expect((await send()).status).toBe(200);
    const retried = await send();
    expect(retried.status).toBe(200);
    expect(retried.body.assignedOfficer).toBe('uio.tecnico2');
    expect((await read(path)).body.version).toBe(2);
  });
});

describe('If-Match', () => {
  it('refuses a change to a request changed since it was read with 412, and changes nothing', async () => {
    const path = await newRequest();
    const stale = (await read(path)).headers.get('etag') as string;
    await rt.api('PUT', `${path}/assignment`, { token: operator, body: { officerId: 'uio.tecnica1' } });

    const refused = await rt.api('PUT', `${path}/assignment`, {
      token: coordinator,
      body: { officerId: 'uio.tecnico2' },
      headers: { 'if-match': stale },
    });
    expect(refused.status).toBe(412);
    expect(refused.body).toMatchObject({ status: 412, code: 'precondition_failed' });
    expect(refused.body.detail).toContain('W/"2"');
    const closing = await rt.api('POST', `${path}/closure`, {
      token: officer,
      body: { reason: { code: 'citizen-declined' } },
      headers: { 'if-match': stale },
    });
    expect(closing.status).toBe(412);

    const { body } = await read(path);
    expect(body).toMatchObject({ version: 2, assignedOfficer: 'uio.tecnica1', status: 'assigned' });
  });

  it('lets a change through when If-Match names the current tag (or *)', async () => {
    const path = await newRequest();
    const current = (await read(path)).headers.get('etag') as string;
    const assigned = await rt.api('PUT', `${path}/assignment`, {
      token: operator,
      body: { officerId: 'uio.tecnica1' },
      headers: { 'if-match': current },
    });
    expect(assigned.status).toBe(200);
    const reassigned = await rt.api('PUT', `${path}/assignment`, {
      token: coordinator,
      body: { officerId: 'uio.tecnico2' },
      headers: { 'if-match': '*' },
    });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.version).toBe(3);
  });

  it('refuses a malformed If-Match or If-None-Match with 400 naming the header, and changes nothing', async () => {
    const path = await newRequest();
    for (const value of ['2', 'W/2', '"2', 'W/"2",', '"a" "b"']) {
      const answer = await rt.api('PUT', `${path}/assignment`, {
        token: operator,
        body: { officerId: 'uio.tecnica1' },
        headers: { 'if-match': value },
      });
      expect(answer.status, value).toBe(400);
      expect(answer.body.code).toBe('invalid_input');
      expect(answer.body.errors).toEqual([
        { parameter: 'If-Match', detail: expect.stringMatching(/W\/"3"/) },
      ]);
    }
    const read304 = await rt.api('GET', path, { token: operator, headers: { 'if-none-match': 'v1' } });
    expect(read304.status).toBe(400);
    expect(read304.body.errors).toEqual([{ parameter: 'If-None-Match', detail: expect.any(String) }]);
    expect((await read(path)).body.version).toBe(1);
  });

  it('refuses If-Match on a write that cannot honour it rather than ignore it', async () => {
    const answer = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody(),
      headers: { 'if-match': 'W/"1"' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ parameter: 'If-Match', detail: expect.any(String) }]);
  });

  it('guards organizations: If-None-Match: * only creates, If-Match on a missing one is 412', async () => {
    const created = await rt.api('PUT', '/cantons/quito/organizations/nueva', {
      token: coordinator,
      body: organization('Fundación Nueva'),
      headers: { 'if-none-match': '*' },
    });
    expect(created.status).toBe(200);
    expect(created.headers.get('etag')).toBe('W/"1"');
    const overwrite = await rt.api('PUT', '/cantons/quito/organizations/nueva', {
      token: coordinator,
      body: organization('Otra fundación'),
      headers: { 'if-none-match': '*' },
    });
    expect(overwrite.status).toBe(412);
    const missing = await rt.api('PUT', '/cantons/quito/organizations/fantasma', {
      token: coordinator,
      body: organization('Fantasma'),
      headers: { 'if-match': '*' },
    });
    expect(missing.status).toBe(412);
    expect(
      (await rt.api('GET', '/cantons/quito/organizations/fantasma', { token: coordinator })).status,
    ).toBe(404);
    expect((await read('/cantons/quito/organizations/nueva', coordinator)).body.name).toBe('Fundación Nueva');
  });

  it('refuses a spot update based on a service read before a referral took a spot', async () => {
    const read1 = await read('/cantons/quito/services/los-pinos', contact);
    const path = await newRequest();
    expect(
      (await rt.api('POST', `${path}/referrals`, { token: officer, body: { serviceId: 'los-pinos' } }))
        .status,
    ).toBe(201);
    const stale = await rt.api('PATCH', '/cantons/quito/services/los-pinos/availability', {
      token: contact,
      body: { available: read1.body.capacity.available },
      headers: { 'if-match': read1.headers.get('etag') as string },
    });
    expect(stale.status).toBe(412);
    const now = await read('/cantons/quito/services/los-pinos', contact);
    expect(now.body.capacity.available).toBe(read1.body.capacity.available - 1);
  });

  it('refuses a referral move based on a referral read before another move', async () => {
    const path = await newRequest();
    const created = await rt.api('POST', `${path}/referrals`, {
      token: officer,
      body: { serviceId: 'los-pinos' },
    });
    expect(created.headers.get('etag')).toBe('W/"1"');
    const referral = `/cantons/quito/referrals/${created.body.referralId}`;
    const acknowledged = await rt.api('POST', `${referral}/transitions`, {
      token: contact,
      body: { action: 'acknowledge' },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    const staleCancel = await rt.api('POST', `${referral}/transitions`, {
      token: officer,
      body: { action: 'cancel', reason: { code: 'citizen-declined' } },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(staleCancel.status).toBe(412);
    expect((await read(referral, officer)).body.status).toBe(acknowledged.body.status);
  });
});

describe('concurrent writers', () => {
  it('of two assignments to different officers made from the same read, exactly one wins', async () => {
    // Without If-Match the server runs them one after the other: the second reads the first's result and is a
    // legitimate reassignment, so both are told 200. With the tag they both read, the second cannot win: it is
    // refused before writing (412, it read the new version) or by the versioned write itself (409, it read the
    // old version at the same time as the first).
    for (let round = 0; round < 8; round++) {
      const path = await newRequest();
      const tag = (await read(path)).headers.get('etag') as string;
      // Every other round the second leaves a little later, so that it reads what the first wrote.
      const answers = await Promise.all(
        ['uio.tecnica1', 'uio.tecnico2'].map(async (officerId, n) => {
          await new Promise((resolve) => setTimeout(resolve, n * (round % 2) * 50));
          return rt.api('PUT', `${path}/assignment`, {
            token: coordinator,
            body: { officerId },
            headers: { 'if-match': tag },
          });
        }),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses[0]).toBe(200);
      expect([409, 412]).toContain(statuses[1]);
      const winner = answers.find((a) => a.status === 200)?.body.assignedOfficer;
      const { body } = await read(path);
      expect(body).toMatchObject({ version: 2, assignedOfficer: winner });
      expect(body.history).toHaveLength(2);
    }
  });
});

describe('publishing a protocol version', () => {
  it('is a POST to the versions, answering 201 with the new version at Location', async () => {
    const published = await rt.api('POST', `${TEMPLATE}/versions`, {
      token: national,
      body: protocol(tomorrowInQuito()),
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.version).toBe(2);
    expect(published.headers.get('location')).toBe(`${TEMPLATE}/versions/2`);
    expect(published.headers.get('etag')).toBe('W/"2"');
    const there = await read(published.headers.get('location') as string, national);
    expect(there.body).toEqual(published.body);
  });

  it('changes an earlier version tag when a later one ends it', async () => {
    const v2 = await read(`${TEMPLATE}/versions/2`, national);
    const next = quitoDay(3);
    expect(
      (await rt.api('POST', `${TEMPLATE}/versions`, { token: national, body: protocol(next) })).status,
    ).toBe(201);
    const ended = await rt.api('GET', `${TEMPLATE}/versions/2`, {
      token: national,
      headers: { 'if-none-match': v2.headers.get('etag') as string },
    });
    expect(ended.status).toBe(200);
    expect(ended.body.definition.validity.until).toBe(next);
  });

  it('no longer takes a PUT on the protocol', async () => {
    const before = (await read(TEMPLATE, national)).body.templateVersions.length;
    const answer = await rt.api('PUT', TEMPLATE, { token: national, body: protocol(tomorrowInQuito()) });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toContain('GET');
    expect((await read(TEMPLATE, national)).body.templateVersions.length).toBe(before);
  });
});
