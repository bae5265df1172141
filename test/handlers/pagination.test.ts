import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { type ApiAnswer, intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * Every list of the API pages the same way: `limit` and an opaque `cursor` in, `items` and `nextCursor` out; a
 * cursor opens only the list and filters it came from; a list under another canton's record is a 404; and lists
 * show summaries, never the citizen's identity or contact.
 */
let rt: TestRuntime;
let officer: string;
let coordinator: string;
let national: string;
let cuenca: string;
let shelterOfficer: string;
let foodBankOfficer: string;
const requestIds: string[] = [];
/** The request referred to three services, so that its referral list has more than one page. */
let referredThrice = '';
const HOUR = 3_600_000;

const CEDULA = '1710034065';
const PHONE = '+593991234567';
const EMAIL = 'rosa.guaman@example.org';
const DESCRIPTION = 'Perdió su vivienda en el deslave de ayer';

/** Walks a list to its end with `limit`, following nextCursor; fails on a repeated item or a runaway walk. */
async function walk(path: string, token: string, limit: number, idOf: (item: any) => string) {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const answer = await rt.api(
      'GET',
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    expect(answer.body.items.length).toBeLessThanOrEqual(limit);
    seen.push(...answer.body.items.map(idOf));
    cursor = answer.body.nextCursor;
    pages++;
    expect(pages, `${path} does not end`).toBeLessThan(100);
  } while (cursor);
  expect(new Set(seen).size, `${path} repeats an item`).toBe(seen.length);
  return { ids: seen, pages };
}

const firstPage = async (path: string, token: string) =>
  (await rt.api('GET', path, { token })).body as { items: any[]; nextCursor?: string };

const expectBadParameter = (answer: ApiAnswer, parameter: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.body.code).toBe('invalid_input');
  expect(answer.body.errors).toEqual([expect.objectContaining({ parameter })]);
};

const refer = async (requestId: string, serviceId: string) => {
  const answer = await rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
    token: officer,
    body: { serviceId },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body.referralId as string;
};

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  coordinator = await rt.token('coordinator', 'quito');
  national = await rt.token('swcs-officer', 'national');
  cuenca = await rt.token(['swcs-officer', 'coordinator'], 'cuenca');
  shelterOfficer = await rt.token('contact-officer', 'quito', 'uio.enlace.avelasco');
  foodBankOfficer = await rt.token('contact-officer', 'quito', 'uio.enlace.dchavez');
  const operator = await rt.token('operator', 'quito');
  for (let i = 0; i < 6; i++) {
    const answer = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({
        contact: { phone: PHONE, email: EMAIL, preferredChannel: 'phone' },
        description: DESCRIPTION,
      }),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    requestIds.push(answer.body.requestId);
  }
  // Three requests go to the shelter (its inbox); the first also to the food bank and the humanitarian aid.
  for (const requestId of requestIds.slice(0, 3)) await refer(requestId, 'psj-albergue-emergencias');
  referredThrice = requestIds[0] as string;
  await refer(referredThrice, 'baq-raciones-emergencia');
  await refer(referredThrice, 'pscs-ayuda-humanitaria');
  // The other three the canton cannot serve: the national inbox.
  for (const requestId of requestIds.slice(3)) {
    const answer = await rt.api('POST', `/cantons/quito/requests/${requestId}/escalation`, {
      token: officer,
      body: { reason: `Rosa Guamán, cédula ${CEDULA}, necesita un cupo nacional` },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  // Nobody acknowledges for three days: every referral is overdue.
  clock.advance(72 * HOUR);
}, 60_000);
afterAll(() => rt.stop());

/** Each list, who may read it, and what identifies its items. */
const LISTS = () =>
  [
    { name: 'categories', path: '/cantons/quito/categories', token: officer, id: (c: any) => c.code },
    { name: 'organizations', path: '/cantons/quito/organizations', token: officer, id: (o: any) => o.id },
    {
      name: 'services',
      path: '/cantons/quito/services',
      token: officer,
      id: (s: any) => `${s.cantonId}/${s.id}`,
    },
    {
      name: 'services of a category',
      path: '/cantons/quito/services?category=urgent',
      token: officer,
      id: (s: any) => `${s.cantonId}/${s.id}`,
    },
    {
      name: 'protocols',
      path: '/cantons/quito/protocols',
      token: officer,
      id: (p: any) => `${p.category}/${p.subcategory}`,
    },
    { name: 'requests', path: '/cantons/quito/requests', token: officer, id: (r: any) => r.requestId },
    {
      name: "a request's referrals",
      path: `/cantons/quito/requests/${referredThrice}/referrals`,
      token: officer,
      id: (r: any) => r.referralId,
    },
    {
      name: 'provider inbox (staff)',
      path: '/cantons/quito/organizations/patronato-san-jose/referrals',
      token: coordinator,
      id: (r: any) => r.referralId,
    },
    {
      name: 'provider inbox (its contact officer, by status)',
      path: '/cantons/quito/organizations/patronato-san-jose/referrals?status=requested',
      token: shelterOfficer,
      id: (r: any) => r.referralId,
    },
    {
      name: 'overdue referrals',
      path: '/cantons/quito/referrals/overdue',
      token: coordinator,
      id: (r: any) => r.referralId,
    },
    {
      name: 'national escalations',
      path: '/cantons/national/escalations',
      token: national,
      id: (e: any) => `${e.originCantonId}/${e.requestId}`,
    },
  ] as const;

describe('every list pages with limit and cursor', () => {
  it('walks every item across pages of 2, in the order of one big page, none twice', async () => {
    for (const list of LISTS()) {
      const whole = await firstPage(
        `${list.path}${list.path.includes('?') ? '&' : '?'}limit=100`,
        list.token,
      );
      expect(whole.nextCursor, list.name).toBeUndefined();
      expect(whole.items.length, `${list.name} needs more than one page of 2`).toBeGreaterThan(2);
      const walked = await walk(list.path, list.token, 2, list.id);
      expect(walked.ids, list.name).toEqual(whole.items.map(list.id));
      expect(walked.pages, list.name).toBeGreaterThanOrEqual(2);
    }
  });

  it('holds what the lists were given to hold', async () => {
    const inbox = await walk(
      '/cantons/quito/organizations/patronato-san-jose/referrals',
      coordinator,
      2,
      (r) => r.requestId,
    );
    expect([...inbox.ids].sort()).toEqual(requestIds.slice(0, 3).sort());
    const overdue = await walk('/cantons/quito/referrals/overdue', coordinator, 2, (r) => r.referralId);
    expect(overdue.ids).toHaveLength(5);
    const escalations = await walk('/cantons/national/escalations', national, 1, (e) => e.requestId);
    // Newest first.
    expect(escalations.ids).toEqual(requestIds.slice(3).reverse());
    const ofRequest = await firstPage(`/cantons/quito/requests/${referredThrice}/referrals`, officer);
    expect(ofRequest.items.map((r) => r.service.serviceId).sort()).toEqual([
      'baq-raciones-emergencia',
      'pscs-ayuda-humanitaria',
      'psj-albergue-emergencias',
    ]);
  });

  it('gives 25 items unless asked, and never more than 100', async () => {
    const protocols = await firstPage('/cantons/quito/protocols', officer);
    expect(protocols.items).toHaveLength(25);
    expect(protocols.nextCursor).toEqual(expect.any(String));
    const document = (await rt.api('GET', '/openapi.json')).body;
    const lists = Object.values(document.paths as Record<string, Record<string, any>>)
      .flatMap((operations) => Object.values(operations))
      .filter((operation) => (operation.parameters ?? []).some((p: { name: string }) => p.name === 'cursor'));
    expect(lists.map((o) => o.operationId).sort()).toEqual(
      [
        'closuresToConfirm',
        'listCategories',
        'listComplaints',
        'listEscalations',
        'listHomeVisits',
        'listHouseholdSocialReports',
        'listOrganizations',
        'listPlans',
        'listProtocols',
        'listRequestReferrals',
        'listRequests',
        'overdueReferrals',
        'providerInbox',
        'searchServices',
      ].sort(),
    );
    for (const operation of lists) {
      const limit = operation.parameters.find((p: { name: string }) => p.name === 'limit');
      expect(limit.schema, operation.operationId).toMatchObject({ default: 25, minimum: 1, maximum: 100 });
      expect(limit.schema.description ?? limit.description, operation.operationId).toMatch(/25.*100/);
    }
  });
});

describe('a bad page request is a 400 naming its parameter, never another page', () => {
  it('refuses a limit out of range or not a number', async () => {
    for (const list of LISTS()) {
      const separator = list.path.includes('?') ? '&' : '?';
      for (const limit of ['0', '101', '-1', '2.5', 'diez']) {
        expectBadParameter(await rt.api('GET', `${list.path}${separator}limit=${limit}`, list), 'limit');
      }
    }
  });

  it('refuses a cursor tampered with, made up, or from another list', async () => {
    const organizations = await firstPage('/cantons/quito/organizations?limit=2', officer);
    const foreign = organizations.nextCursor as string;
    expect(foreign).toEqual(expect.any(String));
    for (const list of LISTS()) {
      const separator = list.path.includes('?') ? '&' : '?';
      const own = (await firstPage(`${list.path}${separator}limit=1`, list.token)).nextCursor as string;
      const [payload, signature] = own.split('.') as [string, string];
      const forged = `${Buffer.from(
        JSON.stringify({
          ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
          k: { after: ['~'], PK: 'C#cuenca' },
        }),
      ).toString('base64url')}.${signature}`;
      const bad = [
        `${own}x`,
        forged,
        'garbage',
        `${payload}.`,
        ...(list.name === 'organizations' ? [] : [foreign]),
      ];
      for (const cursor of bad) {
        const answer = await rt.api(
          'GET',
          `${list.path}${separator}limit=1&cursor=${encodeURIComponent(cursor)}`,
          list,
        );
        expectBadParameter(answer, 'cursor');
      }
    }
  });

  it('refuses a cursor reused with other filters or for another record', async () => {
    const services = await firstPage('/cantons/quito/services?category=urgent&limit=1', officer);
    expectBadParameter(
      await rt.api(
        'GET',
        `/cantons/quito/services?category=complaint&limit=1&cursor=${services.nextCursor}`,
        {
          token: officer,
        },
      ),
      'cursor',
    );
    const inbox = await firstPage(
      '/cantons/quito/organizations/patronato-san-jose/referrals?limit=1',
      coordinator,
    );
    expectBadParameter(
      await rt.api(
        'GET',
        `/cantons/quito/organizations/patronato-san-jose/referrals?status=accepted&limit=1&cursor=${inbox.nextCursor}`,
        { token: coordinator },
      ),
      'cursor',
    );
    const referrals = await firstPage(`/cantons/quito/requests/${referredThrice}/referrals?limit=1`, officer);
    expectBadParameter(
      await rt.api(
        'GET',
        `/cantons/quito/requests/${requestIds[1]}/referrals?limit=1&cursor=${referrals.nextCursor}`,
        { token: officer },
      ),
      'cursor',
    );
  });
});

describe("a list under another canton's record is a 404", () => {
  it('answers 404 to every list of a canton not the caller’s', async () => {
    for (const list of LISTS()) {
      if (list.path.startsWith('/cantons/national')) continue;
      const answer = await rt.api('GET', list.path, { token: cuenca });
      expect(answer.status, list.name).toBe(404);
      expect(answer.body.code).toBe('not_found');
    }
    // The national inbox belongs to national only.
    expect((await rt.api('GET', '/cantons/quito/escalations', { token: officer })).status).toBe(404);
  });

  it("answers 404 for the inbox of another canton's organization, one that does not exist, or another provider's", async () => {
    for (const [organization, token] of [
      ['mies-zonal-6', officer], // Cuenca's
      ['no-such-provider', officer],
      ['patronato-san-jose', foodBankOfficer],
    ] as const) {
      const answer = await rt.api('GET', `/cantons/quito/organizations/${organization}/referrals`, { token });
      expect(answer.status, organization).toBe(404);
      expect(answer.body.code).toBe('not_found');
    }
  });

  it("answers 404 for the referrals of another canton's request, or of one that does not exist", async () => {
    const theirs = await rt.api('POST', '/cantons/cuenca/requests', {
      token: await rt.token('operator', 'cuenca'),
      body: intakeBody(),
    });
    expect(theirs.status).toBe(201);
    for (const requestId of [theirs.body.requestId, '01J0000000000000000000ZZZZ']) {
      const answer = await rt.api('GET', `/cantons/quito/requests/${requestId}/referrals`, {
        token: officer,
      });
      expect(answer.status, requestId).toBe(404);
    }
  });
});

describe('lists show summaries', () => {
  it('request list items carry the reference, status, classification and initials, and no personal data', async () => {
    const page = await firstPage('/cantons/quito/requests?limit=100', officer);
    const mine = page.items.find((r) => r.requestId === requestIds[0]);
    expect(mine).toMatchObject({
      reference: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      status: 'referred',
      channel: 'phone',
      urgency: 'high',
      classification: { category: 'urgent', subcategory: 'home-destroyed', label: expect.any(String) },
      citizenInitials: 'R. G.',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    for (const item of page.items) {
      for (const field of [
        'citizen',
        'contact',
        'description',
        'nationalId',
        'consent',
        'answer',
        'history',
      ]) {
        expect(item, field).not.toHaveProperty(field);
      }
    }
    const json = JSON.stringify(page);
    for (const personal of [CEDULA, PHONE, EMAIL, 'Rosa', 'Guamán', DESCRIPTION]) {
      expect(json).not.toContain(personal);
    }
    // The single read still shows them all.
    const one = await rt.api('GET', `/cantons/quito/requests/${requestIds[0]}`, { token: officer });
    expect(one.body.citizen.nationalId).toBe(CEDULA);
    expect(one.body.contact.phone).toBe(PHONE);
  });

  it('referral lists and the national inbox say nothing about the citizen or the case in words', async () => {
    const lists = [
      await firstPage(`/cantons/quito/requests/${referredThrice}/referrals?limit=100`, officer),
      await firstPage('/cantons/quito/organizations/patronato-san-jose/referrals?limit=100', shelterOfficer),
      await firstPage('/cantons/quito/referrals/overdue?limit=100', coordinator),
      await firstPage('/cantons/national/escalations?limit=100', national),
    ];
    for (const list of lists) {
      const json = JSON.stringify(list);
      for (const personal of [CEDULA, PHONE, EMAIL, 'Rosa', 'Guamán', DESCRIPTION, 'cupo nacional']) {
        expect(json).not.toContain(personal);
      }
    }
    const [ofRequest, inbox, overdue, escalations] = lists as [any, any, any, any];
    expect(ofRequest.items[0]).toMatchObject({
      status: 'requested',
      overdue: true,
      counterReferred: false,
      service: { organizationId: expect.any(String) },
    });
    expect(inbox.items.every((r: any) => r.history === undefined && r.counterReferral === undefined)).toBe(
      true,
    );
    expect(overdue.items.every((r: any) => r.overdue)).toBe(true);
    expect(escalations.items[0]).toMatchObject({
      originCantonId: 'quito',
      urgency: 'high',
      by: 'uio.tecnica1',
    });
    expect(escalations.items[0]).not.toHaveProperty('reason');
    // The reason stays on the escalated request's read.
    const one = await rt.api('GET', `/cantons/national/escalations/quito/${requestIds[5]}`, {
      token: national,
    });
    expect(one.body.escalation.reason).toMatch(/cupo nacional/);
  });
});
