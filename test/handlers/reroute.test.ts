import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { hours, specialNeedsProtocol } from '../support/providers.js';

/**
 * Stuck referrals re-route (issue 14, item 5), on the local runtime: the real handlers, the real workflow
 * definition run by the ASL interpreter, the product clock moved by the test through the whole acknowledgement
 * ladder, notices read from the local outbox.
 */
let rt: TestRuntime;
let officer: string;
let operator: string;
let coordinator: string;
const HOUR = 3_600_000;

/** A short ladder: reminder at 1 h before, deadline at 2 h, supervisor +1 h, canton +2 h, national +3 h. */
const protocol = (subcategory: string, onBreach?: 'notify' | 're-route') =>
  specialNeedsProtocol(subcategory, {
    deadlines: { acknowledgement: hours(2), counterReferral: hours(48) },
    reminders: { acknowledgement: [hours(1)], counterReferral: [] },
    escalation: {
      acknowledgement: [
        { after: hours(1), notify: { role: 'supervisor' } },
        { after: hours(2), notify: { role: 'canton-coordinator' } },
        { after: hours(3), notify: { role: 'national-coordinator' } },
      ],
      counterReferral: [{ after: hours(4), notify: { role: 'national-coordinator' } }],
    },
    indicators: [{ id: 'on-time-acknowledgement-rate', target: 0.9 }],
    ...(onBreach ? { onBreach } : {}),
  });

const officerOf = (org: string, id: string) => ({
  id,
  userId: `${org}.${id}`,
  name: `Enlace ${id}`,
  position: 'Enlace',
  email: `${id}@${org}.example.org`,
  phone: `+5939871${String(id.length).padStart(5, '0')}`,
  preferredChannel: 'email',
});

const service = (
  organizationId: string,
  subcategory: string,
  available: number,
  extra: Record<string, unknown> = {},
) => ({
  organizationId,
  name: `Servicio de ${organizationId} (${subcategory})`,
  description: 'Atención a personas adultas mayores o con discapacidad',
  serves: [{ category: 'special-needs', subcategory }],
  capacity: { total: 10, available, waitlist: true },
  status: 'active',
  contactOfficerIds: [organizationId === 'dorados' ? 'lucia' : 'enlace'],
  ...extra,
});

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const outboxFor = (reference: string) => rt.sns.outbox({ referral: reference });
/** The re-route notice about this referral (others name it too, as the one they replace). */
const toOfficer = (reference: string) =>
  outboxFor(reference).find(
    (m) =>
      m.to === 'uio.tecnica1' &&
      m.attributes.kind === 're-route' &&
      m.message.includes(`Referencia: ${reference}`),
  );
const get = async (referralId: string) =>
  (await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer })).body;
const spotsOf = async (serviceId: string) =>
  (await rt.api('GET', `/cantons/quito/services/${serviceId}`, { token: officer })).body.capacity.available;

async function refer(subcategory: string, serviceId: string, extra: Record<string, unknown> = {}) {
  const { body: request } = await rt.api('POST', '/cantons/quito/requests', {
    token: operator,
    body: intakeBody({ classification: { category: 'special-needs', subcategory } }),
  });
  const created = await rt.api('POST', `/cantons/quito/requests/${request.requestId}/referrals`, {
    token: officer,
    body: { serviceId, ...extra },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await until(() => outboxFor(created.body.reference).length > 0, 'the first notice');
  return { requestId: request.requestId as string, ...created.body };
}

/** Moves the product clock past the last step of the ladder, one step at a time, waiting for each to fire. */
async function runLadderOut(referralId: string) {
  for (const [advance, fired] of [
    [HOUR + 60_000, 1],
    [2 * HOUR, 2],
    [HOUR, 3],
    [HOUR, 4],
  ] as const) {
    clock.advance(advance);
    await until(
      async () =>
        (await get(referralId)).history.filter((e: { action: string }) =>
          ['reminder-sent', 'escalated'].includes(e.action),
        ).length >= fired,
      `timer ${fired}`,
    );
  }
}

const reroute = (referralId: string, body: unknown, options: { token?: string; key?: string } = {}) =>
  rt.api('POST', `/cantons/quito/referrals/${referralId}/reroute`, {
    token: options.token ?? officer,
    body,
    headers: { 'idempotency-key': options.key ?? `reroute-${referralId}-${JSON.stringify(body)}` },
  });

beforeAll(async () => {
  rt = await startTestRuntime();
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  operator = await rt.token('operator', 'quito');
  coordinator = await rt.token('coordinator', 'quito');
  for (const body of [protocol('older-adults'), protocol('disability', 're-route')]) {
    const published = await rt.api(
      'POST',
      `/cantons/quito/protocols/special-needs/${body.subcategory.subcategory}/versions`,
      { token: coordinator, body },
    );
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
  for (const org of ['dorados', 'amparo', 'esperanza']) {
    const contact = org === 'dorados' ? officerOf(org, 'lucia') : officerOf(org, 'enlace');
    const put = await rt.api('PUT', `/cantons/quito/organizations/${org}`, {
      token: coordinator,
      body: { name: `Fundación ${org}`, sector: 'non-profit', contactOfficers: [contact], locations: [] },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }
  const services: [string, ReturnType<typeof service>][] = [
    ['dia-dorados', service('dorados', 'older-adults', 5)],
    ['dia-dorados-2', service('dorados', 'older-adults', 5)],
    ['dia-amparo', service('amparo', 'older-adults', 3)],
    ['dia-esperanza-lleno', service('esperanza', 'older-adults', 0)],
    [
      'dia-esperanza-65',
      service('esperanza', 'older-adults', 4, {
        eligibility: { attribute: 'age', op: 'gte', value: 65 },
      }),
    ],
    ['terapia-dorados', service('dorados', 'disability', 5)],
    ['terapia-dorados-2', service('dorados', 'disability', 5)],
    ['terapia-amparo', service('amparo', 'disability', 2)],
  ];
  for (const [id, body] of services) {
    const put = await rt.api('PUT', `/cantons/quito/services/${id}`, { token: coordinator, body });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
  }
});
afterAll(() => rt.stop());

describe('a referral whose acknowledgement ladder runs out (onBreach: notify, the default)', () => {
  it('tells the referring officer, offers the next services with spots, and re-routes in one action', async () => {
    const first = await refer('older-adults', 'dia-dorados', { citizenProfile: { age: 60 } });
    const before = { old: await spotsOf('dia-dorados'), next: await spotsOf('dia-amparo') };
    await runLadderOut(first.referralId);

    // The referring officer is told, with how many services could take the citizen now.
    const notice = await until(() => toOfficer(first.reference), 'the re-route offer');
    expect(notice.channel).toBe('email');
    expect(notice.message).toContain('siguió sin acuse de recibo después de toda la escalera de alertas');
    expect(notice.message).toContain('Hay 3 servicios del mismo protocolo con cupos');
    expect(notice.message).toContain(`/cantons/quito/referrals/${first.referralId}/alternatives`);
    expect(notice.message).not.toMatch(/Rosa|Guam|1710034065|\+593991234567/);
    // Nothing was cancelled on its own: a late acknowledgement could still come.
    expect((await get(first.referralId)).status).toBe('requested');

    const offered = await rt.api('GET', `/cantons/quito/referrals/${first.referralId}/alternatives`, {
      token: officer,
    });
    expect(offered.status, JSON.stringify(offered.body)).toBe(200);
    expect(offered.body.stuck).toBe('deadline-expired');
    // Eligible first, untried providers first; the full service and the referral's own are not offered.
    expect(
      offered.body.services.map((s: { serviceId: string; eligible: boolean; providerTried: boolean }) => [
        s.serviceId,
        s.eligible,
        s.providerTried,
      ]),
    ).toEqual([
      ['dia-amparo', true, false],
      ['dia-dorados-2', true, true],
      ['dia-esperanza-65', false, false],
    ]);
    expect(offered.body.services[2].unmet[0]).toMatch(/65/);

    // Only the referring officer or a coordinator re-routes; a service the chain went to is refused.
    const other = await rt.token('swcs-officer', 'quito', 'uio.tecnica2');
    expect((await reroute(first.referralId, { serviceId: 'dia-amparo' }, { token: other })).status).toBe(403);
    expect((await reroute(first.referralId, { serviceId: 'dia-dorados' })).status).toBe(400);
    expect((await reroute(first.referralId, { serviceId: 'dia-esperanza-lleno' })).status).toBe(409);

    const moved = await reroute(first.referralId, { serviceId: 'dia-amparo' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.headers.get('location')).toBe(`/cantons/quito/referrals/${moved.body.referralId}`);
    expect(moved.body).toMatchObject({
      status: 'requested',
      spot: 'reserved',
      service: { serviceId: 'dia-amparo', organizationId: 'amparo' },
      reroutedFrom: [{ referralId: first.referralId, reference: first.reference, serviceId: 'dia-dorados' }],
    });
    // The same key again answers the same, and does nothing twice.
    const replay = await reroute(first.referralId, { serviceId: 'dia-amparo' });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.referralId).toBe(moved.body.referralId);
    // A second re-route of the same referral is a conflict.
    const again = await reroute(first.referralId, { serviceId: 'dia-dorados-2' }, { key: 'another-key' });
    expect(again.status).toBe(409);

    const old = await get(first.referralId);
    expect(old).toMatchObject({
      status: 'cancelled',
      reason: { code: 'deadline-expired' },
      spot: 'released',
      reroutedTo: {
        referralId: moved.body.referralId,
        serviceId: 'dia-amparo',
        by: 'uio.tecnica1',
        automatic: false,
      },
    });
    expect(old.history.at(-1)).toMatchObject({
      action: 'cancelled',
      details: { reroutedTo: moved.body.referralId, spot: { from: 'reserved', to: 'released' } },
    });
    expect((await get(moved.body.referralId)).history[0]).toMatchObject({
      action: 'created',
      details: { reroutedFrom: [first.referralId] },
    });
    // The old spot is back, the new one is taken.
    expect(await spotsOf('dia-dorados')).toBe(before.old + 1);
    expect(await spotsOf('dia-amparo')).toBe(before.next - 1);

    // The request shows the chain, and stays referred.
    const request = (await rt.api('GET', `/cantons/quito/requests/${first.requestId}`, { token: officer }))
      .body;
    expect(request.status).toBe('referred');
    expect(request.history.at(-1)).toMatchObject({
      action: 'referred',
      details: { referralId: moved.body.referralId, reroutedFrom: first.referralId },
    });

    // The old workflow ends; the new one tells the new provider's contact officer.
    await until(
      () =>
        outboxFor(moved.body.reference).find(
          (m) => m.to === 'amparo.enlace' && m.attributes.kind === 'referral-new',
        ),
      'the new contact officer',
    );
    await until(
      () =>
        outboxFor(first.reference).find(
          (m) => m.attributes.kind === 're-route' && m.subject?.includes('re-derivada'),
        ),
      'the re-routed notice',
    );
  });

  it('offers a re-route when the provider rejects for no capacity, and keeps the rejection', async () => {
    const first = await refer('older-adults', 'dia-dorados-2');
    const contact = await rt.token('contact-officer', 'quito', 'dorados.lucia');
    const notEligible = await refer('older-adults', 'dia-dorados');
    expect(
      (
        await rt.api('POST', `/cantons/quito/referrals/${notEligible.referralId}/transitions`, {
          token: contact,
          body: { action: 'reject', reason: { code: 'not-eligible' } },
        })
      ).status,
    ).toBe(200);
    const rejected = await rt.api('POST', `/cantons/quito/referrals/${first.referralId}/transitions`, {
      token: contact,
      body: { action: 'reject', reason: { code: 'no-capacity' } },
    });
    expect(rejected.status).toBe(200);
    const notice = await until(() => toOfficer(first.reference), 'the re-route offer');
    expect(notice.message).toContain('fue rechazada por falta de cupos');
    // A rejection about the citizen is not the provider's problem: no offer, the usual closing notice.
    await until(
      () => outboxFor(notEligible.reference).find((m) => m.to === 'uio.tecnica1'),
      'the closing notice',
    );
    expect(toOfficer(notEligible.reference)).toBeUndefined();
    expect(
      (
        await rt.api('GET', `/cantons/quito/referrals/${notEligible.referralId}/alternatives`, {
          token: officer,
        })
      ).body,
    ).toMatchObject({ stuck: null, services: [] });
    expect((await reroute(notEligible.referralId, { serviceId: 'dia-amparo' })).status).toBe(409);

    const moved = await reroute(first.referralId, { serviceId: 'dia-amparo' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    const old = await get(first.referralId);
    expect(old).toMatchObject({ status: 'rejected', reason: { code: 'no-capacity' }, spot: 'released' });
    expect(old.history.at(-1)).toMatchObject({
      action: 're-routed',
      details: { reroutedTo: moved.body.referralId, reason: 'no-capacity' },
    });
    const request = (await rt.api('GET', `/cantons/quito/requests/${first.requestId}`, { token: officer }))
      .body;
    expect(request.status).toBe('referred');
    expect(request.history.map((e: { action: string }) => e.action).slice(-2)).toEqual([
      'referral-ended',
      'referred',
    ]);
  });
});

describe('onBreach: "re-route"', () => {
  it('re-routes on its own when the ladder runs out, never twice to the same provider', async () => {
    const first = await refer('disability', 'terapia-dorados');
    await runLadderOut(first.referralId);

    // To amparo, not to dorados' other service: the chain already tried dorados.
    const old = await until(async () => {
      const r = await get(first.referralId);
      return r.reroutedTo ? r : undefined;
    }, 'the automatic re-route');
    expect(old).toMatchObject({
      status: 'cancelled',
      reason: { code: 'deadline-expired' },
      reroutedTo: { serviceId: 'terapia-amparo', by: 'swcs-workflow', automatic: true },
    });
    const second = await get(old.reroutedTo.referralId);
    expect(second).toMatchObject({
      status: 'requested',
      spot: 'reserved',
      reroutedFrom: [{ referralId: first.referralId }],
    });
    const told = await until(() => toOfficer(first.reference), 'the referring officer');
    expect(told.message).toContain('El protocolo la re-derivó automáticamente');
    expect(told.message).toContain(second.reference);

    // The second one runs out too: the only other provider with spots is dorados, already tried.
    await until(() => outboxFor(second.reference).length > 0, 'the second first notice');
    await runLadderOut(second.referralId);
    const offer = await until(() => toOfficer(second.reference), 'the offer for the second');
    // Not re-routed on its own; the officer is offered what there is (by hand, a provider tried may do).
    expect(offer.message).toContain('Hay 1 servicio del mismo protocolo con cupos');
    const stillThere = await get(second.referralId);
    expect(stillThere.status).toBe('requested');
    expect(stillThere.reroutedTo).toBeUndefined();
    // The officer may still choose dorados' other service by hand: it is offered, marked as a provider tried.
    const offered = (
      await rt.api('GET', `/cantons/quito/referrals/${second.referralId}/alternatives`, { token: officer })
    ).body;
    expect(offered.services.map((s: { serviceId: string }) => s.serviceId)).toEqual(['terapia-dorados-2']);
    expect(offered.services[0].providerTried).toBe(true);
  });

  it('re-routes a rejection for outside the service area at once', async () => {
    const first = await refer('disability', 'terapia-dorados-2');
    const contact = await rt.token('contact-officer', 'quito', 'dorados.lucia');
    expect(
      (
        await rt.api('POST', `/cantons/quito/referrals/${first.referralId}/transitions`, {
          token: contact,
          body: { action: 'reject', reason: { code: 'outside-service-area' } },
        })
      ).status,
    ).toBe(200);
    const old = await until(async () => {
      const r = await get(first.referralId);
      return r.reroutedTo ? r : undefined;
    }, 'the automatic re-route');
    expect(old).toMatchObject({
      status: 'rejected',
      reroutedTo: { serviceId: 'terapia-amparo', automatic: true },
    });
    const told = await until(() => toOfficer(first.reference), 'the referring officer');
    expect(told.message).toContain('fue rechazada por estar fuera del área de cobertura');
  });
});
