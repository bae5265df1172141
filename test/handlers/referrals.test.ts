import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { placeOf } from '../support/problems.js';
import { fireTimer } from '../../functions/domain/referral.js';
import { quitoDay } from '../support/quito-day.js';

/**
 * Referrals end to end on the local runtime: the real handlers, the real workflow definition run by the ASL
 * interpreter, notifications into the local SNS outbox, and the product clock moved by the test to fire reminders
 * and escalations.
 */
let rt: TestRuntime;
let officer: string;
let operator: string;
let coordinator: string;
let contact: string;
const HOUR = 3_600_000;
/** Today in Quito on the product clock: a counter-referral's date served is a local date. */
const localToday = quitoDay;

const hours = (amount: number) => ({ amount, unit: 'hours' });
const protocol = {
  subcategory: { category: 'special-needs', subcategory: 'older-adults' },
  handledBy: 'swcs-officer',
  eligibleServiceIds: [],
  deadlines: { acknowledgement: hours(4), counterReferral: hours(48) },
  reminders: { acknowledgement: [hours(1)], counterReferral: [hours(6)] },
  escalation: {
    acknowledgement: [
      { after: hours(1), notify: { role: 'supervisor' } },
      { after: hours(2), notify: { role: 'canton-coordinator' } },
      { after: hours(4), notify: { role: 'national-coordinator' } },
    ],
    counterReferral: [
      { after: hours(2), notify: { role: 'canton-coordinator' } },
      { after: hours(8), notify: { role: 'national-coordinator' } },
    ],
  },
  counterReferral: {
    requiredFields: ['assisted', 'outcome', 'dateServed'],
    customFields: [
      {
        name: 'homeVisitDone',
        type: 'boolean',
        required: true,
        label: { es: 'Visita domiciliaria', en: 'Home visit' },
      },
    ],
  },
  validity: { from: '2026-01-01' },
  indicators: [{ id: 'on-time-acknowledgement-rate', target: 0.9 }],
};

const organization = {
  name: 'Fundación Años Dorados',
  sector: 'non-profit',
  contactOfficers: [
    {
      id: 'lucia',
      userId: 'dorados.lucia',
      name: 'Lucía Benítez',
      position: 'Enlace',
      email: 'lucia@dorados.example.org',
      phone: '+593987111222',
      preferredChannel: 'sms',
      supervisorId: 'hector',
    },
    {
      id: 'hector',
      userId: 'dorados.hector',
      name: 'Héctor Mena',
      position: 'Director',
      email: 'hector@dorados.example.org',
      phone: '+593987333444',
      preferredChannel: 'sms',
    },
  ],
  locations: [],
};

const service = (
  id: string,
  capacity: { total: number; available: number; waitlist: boolean },
  status = 'active',
) => ({
  organizationId: 'dorados',
  name: `Centro diurno ${id}`,
  description: 'Cuidado diurno para personas adultas mayores',
  serves: [{ category: 'special-needs', subcategory: 'older-adults' }],
  capacity,
  status,
  contactOfficerIds: ['lucia'],
});

async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 8000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const outboxFor = (reference: string) => rt.sns.outbox({ referral: reference });

async function newRequest(overrides: Record<string, unknown> = {}) {
  const { body } = await rt.api('POST', '/cantons/quito/requests', {
    token: operator,
    body: intakeBody({
      classification: { category: 'special-needs', subcategory: 'older-adults' },
      ...overrides,
    }),
  });
  return body.requestId as string;
}

const refer = (requestId: string, serviceId: string, extra: Record<string, unknown> = {}) =>
  rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
    token: officer,
    body: { serviceId, ...extra },
  });

const move = (referralId: string, body: unknown, token = contact) =>
  rt.api('POST', `/cantons/quito/referrals/${referralId}/transitions`, { token, body });

const spotsOf = async (serviceId: string) =>
  (await rt.api('GET', `/cantons/quito/services/${serviceId}`, { token: officer })).body.capacity.available;

beforeAll(async () => {
  rt = await startTestRuntime();
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  operator = await rt.token('operator', 'quito');
  coordinator = await rt.token('coordinator', 'quito');
  contact = await rt.token('contact-officer', 'quito', 'dorados.lucia');
  const national = await rt.token('coordinator', 'national');
  expect(
    (
      await rt.api('POST', '/cantons/national/protocols/special-needs/older-adults/versions', {
        token: national,
        body: protocol,
      })
    ).status,
  ).toBe(201);
  await rt.api('PUT', '/cantons/quito/organizations/dorados', { token: coordinator, body: organization });
  for (const [id, capacity, status] of [
    ['centro-a', { total: 20, available: 20, waitlist: false }, 'active'],
    ['centro-b', { total: 20, available: 20, waitlist: false }, 'active'],
    ['centro-diez', { total: 10, available: 10, waitlist: true }, 'active'],
    ['centro-cerrado', { total: 5, available: 5, waitlist: false }, 'inactive'],
  ] as const) {
    const answer = await rt.api('PUT', `/cantons/quito/services/${id}`, {
      token: coordinator,
      body: service(id, capacity, status),
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
});
afterAll(() => rt.stop());

describe('the referral happy path', () => {
  it('takes a request from intake through assignment and referral to the counter-referral, and closes it', async () => {
    const requestId = await newRequest();
    const assigned = await rt.api('PUT', `/cantons/quito/requests/${requestId}/assignment`, {
      token: operator,
      body: { officerId: 'uio.tecnica1' },
    });
    expect(assigned.body.status).toBe('assigned');
    const created = await refer(requestId, 'centro-a');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'requested',
      spot: 'reserved',
      protocol: { cantonId: 'national' },
    });
    const { referralId, reference } = created.body;
    expect(await spotsOf('centro-a')).toBe(19);

    const sms = await until(
      () => outboxFor(reference).find((m) => m.channel === 'sms'),
      'the SMS to the contact officer',
    );
    expect(sms.phoneNumber).toBe('+593987111222');
    expect(sms.message).toContain(reference);
    expect(sms.message).not.toMatch(/Rosa|Guam|1710034065|\+593991234567/);

    expect((await move(referralId, { action: 'acknowledge' })).status).toBe(200);
    const accepted = await move(referralId, { action: 'accept' });
    expect(accepted.body).toMatchObject({ status: 'accepted', spot: 'consumed' });
    const today = localToday();
    const missing = await move(referralId, {
      action: 'complete',
      counterReferral: { assisted: true, outcome: 'Inscrita' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map(placeOf)).toEqual(
      expect.arrayContaining(['counterReferral.dateServed', 'counterReferral.homeVisitDone']),
    );
    const completed = await move(referralId, {
      action: 'complete',
      counterReferral: {
        assisted: true,
        outcome: 'Inscrita en el centro diurno',
        dateServed: today,
        homeVisitDone: true,
      },
    });
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
    expect(completed.body.status).toBe('completed');

    const request = await rt.api('GET', `/cantons/quito/requests/${requestId}`, { token: officer });
    expect(request.body.status).toBe('closed');
    expect(request.body.history.map((e: { action: string }) => e.action)).toEqual([
      'recorded',
      'assigned',
      'referred',
      'closed',
    ]);
    await until(
      () => outboxFor(reference).find((m) => m.channel === 'email' && m.to === 'uio.tecnica1'),
      'the closing notice to the referring officer',
    );
    const history = (await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer })).body
      .history;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'acknowledged',
      'accepted',
      'completed',
    ]);
    expect(await spotsOf('centro-a')).toBe(19);
  });

  it('answers a late or repeated callback with 409 and changes nothing', async () => {
    const { body } = await refer(await newRequest(), 'centro-a');
    await move(body.referralId, { action: 'acknowledge' });
    const again = await move(body.referralId, { action: 'acknowledge' });
    expect(again.status).toBe(409);
    const rejectLate = await move(body.referralId, { action: 'accept' });
    expect(rejectLate.status).toBe(200);
    const acceptAgain = await move(body.referralId, { action: 'accept' });
    expect(acceptAgain.status).toBe(409);
    expect(acceptAgain.body.detail).toMatch(/accepted/);
    const referral = await rt.api('GET', `/cantons/quito/referrals/${body.referralId}`, { token: officer });
    expect(referral.body.version).toBe(3);
  });

  it('an acknowledgement crossing a reminder the workflow records in the same instant is not a 409', async () => {
    const { body } = await refer(await newRequest(), 'centro-a');
    const referralId = body.referralId as string;
    // The table's modules read its name when loaded, which the runtime has now set.
    const { dynamo } = await import('../../functions/adapters/dynamodb/client.js');
    const { findReferral, saveWorkflowChange } =
      await import('../../functions/adapters/dynamodb/referrals-store.js');
    // Just before the acknowledgement is written, the workflow fires the reminder and writes the referral first.
    let raced = false;
    const send = dynamo.send.bind(dynamo);
    const spy = vi.spyOn(dynamo, 'send').mockImplementation((async (command: { input?: object }) => {
      if (!raced && JSON.stringify(command.input ?? {}).includes('referral.acknowledge')) {
        raced = true;
        const stored = (await findReferral('quito', referralId))!;
        const fired = fireTimer(stored, 'acknowledgement', 0, clock.now().toISOString())!;
        await saveWorkflowChange(fired.referral, fired.event);
      }
      return send(command as never);
    }) as never);
    try {
      const acknowledged = await move(referralId, { action: 'acknowledge' });
      expect(raced).toBe(true);
      expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
      expect(acknowledged.body.acknowledgedAt).toBeDefined();
    } finally {
      spy.mockRestore();
    }
    const history = await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer });
    // Both writes kept: the reminder's version, then the acknowledgement on top of it.
    expect(history.body.version).toBe(3);
  });

  it("a timer firing as the contact officer acknowledges is counted on the new state; the workflow's step does not fail", async () => {
    const { body } = await refer(await newRequest(), 'centro-a');
    const referralId = body.referralId as string;
    const { dynamo } = await import('../../functions/adapters/dynamodb/client.js');
    const { handler: step } = await import('../../functions/handlers/referrals/workflow-step.js');
    // Just before the step writes the reminder, the contact officer's acknowledgement is written first.
    let raced = false;
    const send = dynamo.send.bind(dynamo);
    const spy = vi.spyOn(dynamo, 'send').mockImplementation((async (command: { input?: object }) => {
      if (!raced && JSON.stringify(command.input ?? {}).includes('reminder-sent')) {
        raced = true;
        expect((await move(referralId, { action: 'acknowledge' })).status).toBe(200);
      }
      return send(command as never);
    }) as never);
    try {
      await step({
        action: 'fire-timer',
        referral: { cantonId: 'quito', referralId },
        phase: 'acknowledgement',
        timer: { seconds: 0, timerIndex: 0 },
      });
    } finally {
      spy.mockRestore();
    }
    expect(raced).toBe(true);
    const after = await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer });
    const actions = after.body.history.map((e: { action: string }) => e.action);
    // Answered in time: the reminder is counted without being sent, after the acknowledgement.
    expect(actions.slice(-2)).toEqual(['acknowledged', 'timer-skipped']);
  });
});

describe('timers', () => {
  it('reminds before the acknowledgement deadline, then climbs the ladder up to national', async () => {
    const { body } = await refer(await newRequest(), 'centro-a');
    const { reference } = body;
    await until(() => outboxFor(reference).length >= 1, 'the first notice');

    clock.advance(3 * HOUR + 60_000); // one hour before the deadline: the reminder
    await until(() => outboxFor(reference).length >= 2, 'the reminder');
    // The first notice went by SMS; the reminder goes by e-mail, as Lucía has an address (one SMS per referral).
    expect(outboxFor(reference)[0]).toMatchObject({ channel: 'email', to: 'dorados.lucia' });

    clock.advance(2 * HOUR); // an hour past the deadline: the supervisor
    await until(() => outboxFor(reference).some((m) => m.to === '+593987333444'), 'the supervisor');
    clock.advance(HOUR); // two hours past: the canton coordinator
    await until(
      () => outboxFor(reference).some((m) => m.to === 'uio.coordinadora'),
      'the canton coordinator',
    );
    clock.advance(2 * HOUR); // four hours past: the national single window
    await until(
      () => outboxFor(reference).some((m) => m.to === 'nat.coordinador'),
      'the national coordinator',
    );

    const referral = await rt.api('GET', `/cantons/quito/referrals/${body.referralId}`, { token: officer });
    expect(referral.body.overdue).toBe(true);
    expect(referral.body.history.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'reminder-sent',
      'escalated',
      'escalated',
      'escalated',
    ]);
    const overdue = await rt.api('GET', '/cantons/quito/referrals/overdue?limit=100', {
      token: coordinator,
    });
    expect(overdue.body.items.map((r: { referralId: string }) => r.referralId)).toContain(body.referralId);

    // Acknowledging late still works, and ends the acknowledgement ladder.
    expect((await move(body.referralId, { action: 'acknowledge' })).status).toBe(200);
  });
});

describe('counter-referral timers', () => {
  it('after acknowledgement, reminds before the counter-referral deadline and escalates past it to national', async () => {
    const { body } = await refer(await newRequest(), 'centro-a');
    const { reference, referralId } = body;
    await until(() => outboxFor(reference).length >= 1, 'the first notice');
    expect((await move(referralId, { action: 'accept' })).status).toBe(200);
    const accepted = (await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer })).body;
    const deadline = new Date(accepted.deadlines.counterReferral).getTime();
    expect(deadline - clock.now().getTime()).toBeGreaterThan(47 * HOUR);

    clock.advance(deadline - clock.now().getTime() - 6 * HOUR + 60_000); // six hours before: the reminder
    await until(() => outboxFor(reference).length >= 2, 'the counter-referral reminder');
    expect(outboxFor(reference)[0]).toMatchObject({ channel: 'email', to: 'dorados.lucia' });
    clock.advance(8 * HOUR); // two hours past: the canton coordinator
    await until(
      () => outboxFor(reference).some((m) => m.to === 'uio.coordinadora'),
      'the canton coordinator',
    );
    clock.advance(6 * HOUR); // eight hours past: the national single window
    await until(
      () => outboxFor(reference).some((m) => m.to === 'nat.coordinador'),
      'the national coordinator',
    );
    const history = (await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer })).body
      .history;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'accepted',
      'reminder-sent',
      'escalated',
      'escalated',
    ]);
  });
});

describe('a referral that ends unserved moves its request on', () => {
  const requestOf = async (requestId: string) =>
    (await rt.api('GET', `/cantons/quito/requests/${requestId}`, { token: officer })).body;
  const queue = async () =>
    (
      await rt.api('GET', '/cantons/quito/requests?status=needs-referral&limit=100', { token: officer })
    ).body.items.map((r: { requestId: string }) => r.requestId);
  const toReferringOfficer = (reference: string) =>
    until(
      () => outboxFor(reference).find((m) => m.channel === 'email' && m.to === 'uio.tecnica1'),
      'the notice to the referring officer',
    );

  it('rejected: the request needs another referral, its history says why, the referring officer is told', async () => {
    const requestId = await newRequest();
    const { body } = await refer(requestId, 'centro-a');
    const { referralId, reference } = body;
    await until(() => outboxFor(reference).length >= 1, 'the first notice');
    const rejected = await move(referralId, { action: 'reject', reason: { code: 'not-eligible' } });
    expect(rejected.status).toBe(200);

    const request = await requestOf(requestId);
    expect(request.status).toBe('needs-referral');
    expect(request.history.at(-1)).toMatchObject({
      action: 'referral-ended',
      by: { userId: 'dorados.lucia' },
      details: {
        referralId,
        outcome: 'rejected',
        reason: 'not-eligible',
        status: { from: 'referred', to: 'needs-referral' },
      },
    });
    expect(await queue()).toContain(requestId);

    const notice = await toReferringOfficer(reference);
    expect(notice.attributes.kind).toBe('referral-closed');
    expect(notice.subject).toContain('rechazada');
    expect(notice.message).toContain('Motivo: No cumple los criterios de elegibilidad (not-eligible)');
    expect(notice.message).toContain(`La solicitud ${request.reference} vuelve a su bandeja`);
    expect(notice.message).not.toMatch(/Rosa|Guam|1710034065|\+593991234567/);

    // From the queue it is referred again, and leaves the queue.
    expect((await refer(requestId, 'centro-a')).status).toBe(201);
    expect((await requestOf(requestId)).status).toBe('referred');
    expect(await queue()).not.toContain(requestId);
  });

  it('cancelled after acceptance: likewise, and the request can then be closed with a reason', async () => {
    const requestId = await newRequest();
    const { body } = await refer(requestId, 'centro-a');
    expect((await move(body.referralId, { action: 'accept' })).status).toBe(200);
    const cancelled = await move(
      body.referralId,
      { action: 'cancel', reason: { code: 'citizen-declined' } },
      coordinator,
    );
    expect(cancelled.status).toBe(200);
    const request = await requestOf(requestId);
    expect(request.status).toBe('needs-referral');
    expect(request.history.at(-1)).toMatchObject({
      action: 'referral-ended',
      details: { referralId: body.referralId, outcome: 'cancelled', reason: 'citizen-declined' },
    });
    const notice = await toReferringOfficer(body.reference);
    expect(notice.subject).toContain('cancelada');
    expect(notice.message).toContain('El ciudadano no aceptó el servicio (citizen-declined)');

    const closed = await rt.api('POST', `/cantons/quito/requests/${requestId}/closure`, {
      token: officer,
      body: { reason: { code: 'citizen-declined' } },
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      closure: { reason: { code: 'citizen-declined' } },
    });
    expect(await queue()).not.toContain(requestId);
  });

  it('stays referred while another referral of the request is open', async () => {
    const requestId = await newRequest();
    const first = (await refer(requestId, 'centro-a')).body;
    // Another service: one request has at most one active referral to each service.
    const second = (await refer(requestId, 'centro-b')).body;
    expect(
      (await move(first.referralId, { action: 'cancel', reason: { code: 'duplicate' } }, officer)).status,
    ).toBe(200);
    const request = await requestOf(requestId);
    expect(request.status).toBe('referred');
    expect(request.history.at(-1)).toMatchObject({
      action: 'referral-ended',
      details: { referralId: first.referralId, otherReferralOpen: true },
    });
    expect((await toReferringOfficer(first.reference)).message).toContain('sigue derivada');
    // A closed request with a referral open is refused: the referral closes it, or is cancelled first.
    const refused = await rt.api('POST', `/cantons/quito/requests/${requestId}/closure`, {
      token: officer,
      body: { reason: { code: 'duplicate' } },
    });
    expect(refused.status).toBe(409);
    expect(
      (await move(second.referralId, { action: 'enterInError', reason: { code: 'duplicate' } }, coordinator))
        .status,
    ).toBe(200);
    // Entered in error does not leave it stuck either; nobody is e-mailed about a record that should not exist.
    expect((await requestOf(requestId)).status).toBe('needs-referral');
    await new Promise((r) => setTimeout(r, 300));
    expect(outboxFor(second.reference).some((m) => m.to === 'uio.tecnica1')).toBe(false);
  });
});

describe('escalations: who stands in, and the late answer', () => {
  const hectorsService = async () => {
    const answer = await rt.api('PUT', '/cantons/quito/services/centro-hector', {
      token: coordinator,
      body: {
        ...service('hector', { total: 5, available: 5, waitlist: false }),
        contactOfficerIds: ['hector'],
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  };
  const coordinatorMails = (reference: string, kind: string) =>
    outboxFor(reference)
      .filter((m) => m.to === 'uio.coordinadora' && m.attributes.kind === kind)
      .reverse();

  it('a late acknowledgement tells everyone the escalations alerted, each once', async () => {
    const { body } = await refer(await newRequest(), 'centro-a');
    const { reference, referralId } = body;
    await until(() => outboxFor(reference).length >= 1, 'the first notice');
    clock.advance(5 * HOUR + 60_000); // an hour past the deadline: the supervisor
    await until(() => outboxFor(reference).some((m) => m.to === '+593987333444'), 'the supervisor');
    clock.advance(HOUR); // two hours past: the canton coordinator
    await until(() => coordinatorMails(reference, 'escalation').length === 1, 'the canton coordinator');

    expect((await move(referralId, { action: 'acknowledge' })).status).toBe(200);
    const [told] = await until(() => {
      const mails = coordinatorMails(reference, 'late-answer');
      return mails.length > 0 ? mails : undefined;
    }, 'the late answer to the coordinator');
    expect(told?.message).toContain('Ya llegó la respuesta: se registró el acuse de recibo.');
    // The supervisor had the escalation by SMS; this later message of the referral goes to his e-mail address.
    const mail = await until(
      () =>
        outboxFor(reference).find((m) => m.to === 'dorados.hector' && m.attributes.kind === 'late-answer'),
      'the late answer to the supervisor',
    );
    expect(mail.message).toContain('Ya llegó la respuesta: se registró el acuse de recibo.');
    await new Promise((r) => setTimeout(r, 300));
    expect(coordinatorMails(reference, 'late-answer')).toHaveLength(1);
    expect(outboxFor(reference).filter((m) => m.attributes.kind === 'late-answer')).toHaveLength(2);
    expect(
      outboxFor(reference).filter((m) => m.channel === 'sms' && m.message.includes('alerta resuelta')),
    ).toEqual([]);
    // The contact officer who answered is not told about her own answer.
    expect(
      outboxFor(reference).filter((m) => m.to === '+593987111222' && m.message.includes('alerta resuelta')),
    ).toEqual([]);
  });

  it('the coordinator standing in for a missing supervisor is told so, and her own step is not an identical copy', async () => {
    await hectorsService();
    const { body } = await refer(await newRequest(), 'centro-hector');
    const { reference, referralId } = body;
    await until(() => outboxFor(reference).length >= 1, 'the first notice');
    clock.advance(5 * HOUR + 60_000); // the supervisor step: Héctor has none
    const [standIn] = await until(
      () =>
        coordinatorMails(reference, 'escalation').length === 1
          ? coordinatorMails(reference, 'escalation')
          : undefined,
      'the stand-in notice',
    );
    expect(standIn?.message).toContain(
      'Le escribimos en lugar del supervisor del enlace, que no está registrado.',
    );
    expect(standIn?.message).toContain('paso 1 de 3');
    clock.advance(HOUR); // the canton coordinator's own step
    const [, own] = await until(
      () =>
        coordinatorMails(reference, 'escalation').length === 2
          ? coordinatorMails(reference, 'escalation')
          : undefined,
      'the second step',
    );
    expect(own?.subject).not.toBe(standIn?.subject);
    expect(own?.message).not.toBe(standIn?.message);
    expect(own?.message).toContain('paso 2 de 3');
    expect(own?.message).toContain('Ya le avisamos en el paso 1');
    expect(own?.message).not.toContain('en lugar del supervisor');

    const hector = await rt.token('contact-officer', 'quito', 'dorados.hector');
    expect((await move(referralId, { action: 'accept' }, hector)).status).toBe(200);
    await until(() => coordinatorMails(reference, 'late-answer').length >= 1, 'the late answer');
    await new Promise((r) => setTimeout(r, 300));
    expect(coordinatorMails(reference, 'late-answer')).toHaveLength(1);
  });
});

describe('spots', () => {
  it('gives exactly ten of fifty simultaneous referrals the ten spots; the rest wait, and none go negative', async () => {
    const requests = await Promise.all(Array.from({ length: 50 }, () => newRequest()));
    const answers = await Promise.all(requests.map((id) => refer(id, 'centro-diez')));
    const spots = answers.map((a) => (a.status === 201 ? a.body.spot : `http-${a.status}`));
    expect(spots.filter((s) => s === 'reserved')).toHaveLength(10);
    expect(spots.filter((s) => s !== 'reserved').every((s) => s === 'waitlisted' || s === 'http-409')).toBe(
      true,
    );
    expect(await spotsOf('centro-diez')).toBe(0);

    // A rejected referral gives its spot back; a rejection needs a reason.
    const reserved = answers.find((a) => a.body.spot === 'reserved')?.body.referralId as string;
    const noReason = await move(reserved, { action: 'reject' });
    expect(noReason.status).toBe(400);
    expect((await move(reserved, { action: 'reject', reason: { code: 'no-capacity' } })).status).toBe(200);
    expect(await spotsOf('centro-diez')).toBe(1);
  });
});

describe('bad referrals: clear 4xx, nothing changed', () => {
  it('without consent, to an inactive service, or to a service with no room', async () => {
    const noConsent = await newRequest({ consent: { dataSharing: 'refused' } });
    expect((await refer(noConsent, 'centro-a')).status).toBe(409);
    const closed = await refer(await newRequest(), 'centro-cerrado');
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toMatch(/inactive/);
    expect((await refer(await newRequest(), 'no-such-service')).status).toBe(404);
  });

  it("a contact officer acting on another provider's referral gets 404", async () => {
    const { body } = await refer(await newRequest(), 'centro-a');
    const stranger = await rt.token('contact-officer', 'quito', 'otra.fundacion');
    expect((await move(body.referralId, { action: 'acknowledge' }, stranger)).status).toBe(404);
    expect(
      (await rt.api('GET', `/cantons/quito/referrals/${body.referralId}`, { token: stranger })).status,
    ).toBe(404);
  });

  it('a transition not allowed from the current status names the status', async () => {
    const { body } = await refer(await newRequest(), 'centro-a');
    const early = await move(body.referralId, {
      action: 'complete',
      counterReferral: { assisted: true, outcome: 'x', dateServed: '2026-11-22', homeVisitDone: false },
    });
    expect(early.status, JSON.stringify(early.body)).toBe(409);
    expect(early.body.detail).toMatch(/requested/);
    const cancelled = await move(
      body.referralId,
      { action: 'cancel', reason: { code: 'duplicate' } },
      officer,
    );
    expect(cancelled.body.status).toBe('cancelled');
  });
});

describe('canton to national', () => {
  it('escalates a request the canton cannot serve; national refers it to a national service and closes it', async () => {
    const national = await rt.token('coordinator', 'national');
    const nationalOfficer = await rt.token('swcs-officer', 'national', 'nat.tecnico1');
    await rt.api('PUT', '/cantons/national/organizations/mies', {
      token: national,
      body: {
        ...organization,
        name: 'MIES',
        sector: 'public',
        contactOfficers: [
          { ...organization.contactOfficers[1], supervisorId: undefined, userId: 'mies.hector' },
        ],
      },
    });
    const put = await rt.api('PUT', '/cantons/national/services/pension', {
      token: national,
      body: {
        ...service('pension', { total: 100, available: 100, waitlist: false }),
        organizationId: 'mies',
        contactOfficerIds: ['hector'],
      },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const requestId = await newRequest();
    // Quito cannot refer to the national pension itself: the answer says to escalate, and where.
    const direct = await refer(requestId, 'pension');
    expect(direct.status, JSON.stringify(direct.body)).toBe(409);
    expect(direct.body).toMatchObject({
      code: 'escalation_required',
      detail: expect.stringContaining(
        `escalando la solicitud a la ventanilla única nacional (POST /cantons/quito/requests/${requestId}/escalation)`,
      ),
      errors: [{ pointer: '/serviceId', detail: expect.stringMatching(/servicio nacional/) }],
    });
    const inEnglish = await rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
      token: officer,
      body: { serviceId: 'pension' },
      headers: { 'accept-language': 'en' },
    });
    expect(inEnglish.body.detail).toMatch(
      /national service.*escalating the request to the national single window \(POST \/cantons\/quito\/requests\/\w+\/escalation\)/,
    );
    const escalated = await rt.api('POST', `/cantons/quito/requests/${requestId}/escalation`, {
      token: officer,
      body: { reason: 'No hay cupos cantonales para este caso' },
    });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    expect(escalated.body).toMatchObject({
      status: 'escalated',
      escalation: { to: 'national', by: 'uio.tecnica1' },
    });
    const again = await rt.api('POST', `/cantons/quito/requests/${requestId}/escalation`, {
      token: officer,
      body: { reason: 'otra vez' },
    });
    expect(again.status).toBe(409);

    const inbox = await rt.api('GET', '/cantons/national/escalations', { token: nationalOfficer });
    expect(inbox.body.items.map((i: { requestId: string }) => i.requestId)).toContain(requestId);
    expect(JSON.stringify(inbox.body)).not.toMatch(/1710034065|Guam/);
    const seen = await rt.api('GET', `/cantons/national/escalations/quito/${requestId}`, {
      token: nationalOfficer,
    });
    expect(seen.body.history.map((e: { action: string }) => e.action)).toEqual(['recorded', 'escalated']);

    const referral = await rt.api('POST', `/cantons/national/escalations/quito/${requestId}/referrals`, {
      token: nationalOfficer,
      body: { serviceId: 'pension' },
    });
    expect(referral.status, JSON.stringify(referral.body)).toBe(201);
    expect(referral.body).toMatchObject({
      cantonId: 'national',
      requestId,
      service: { cantonId: 'national' },
    });

    const hector = await rt.token('contact-officer', 'national', 'mies.hector');
    const move = (body: unknown) =>
      rt.api('POST', `/cantons/national/referrals/${referral.body.referralId}/transitions`, {
        token: hector,
        body,
      });
    expect((await move({ action: 'accept' })).status).toBe(200);
    const done = await move({
      action: 'complete',
      counterReferral: {
        assisted: true,
        outcome: 'Pensión asignada',
        dateServed: localToday(),
        homeVisitDone: false,
      },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // The canton sees the shared history and the national referral; the request is closed.
    const request = await rt.api('GET', `/cantons/quito/requests/${requestId}`, { token: officer });
    expect(request.body.status).toBe('closed');
    expect(
      request.body.history.map((e: { action: string; by: { userId: string } }) => [e.action, e.by.userId]),
    ).toEqual([
      ['recorded', 'uio.operador1'],
      ['escalated', 'uio.tecnica1'],
      ['referred', 'nat.tecnico1'],
      ['closed', 'mies.hector'],
    ]);
    const referrals = await rt.api('GET', `/cantons/quito/requests/${requestId}/referrals`, {
      token: officer,
    });
    expect(referrals.body.items.map((r: { cantonId: string }) => r.cantonId)).toEqual(['national']);

    // Nobody else: another canton's staff, and a canton's staff on the national inbox.
    const cuenca = await rt.token('swcs-officer', 'cuenca');
    expect((await rt.api('GET', `/cantons/quito/requests/${requestId}`, { token: cuenca })).status).toBe(404);
    expect(
      (await rt.api('GET', `/cantons/national/escalations/quito/${requestId}`, { token: cuenca })).status,
    ).toBe(404);
    expect(
      (await rt.api('GET', `/cantons/quito/escalations/quito/${requestId}`, { token: officer })).status,
    ).toBe(404);
  });
});

describe('expired protocols and unknown referrals', () => {
  it('refuses a referral once the protocol the request was classified under has expired', async () => {
    const inThreeDays = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(
      new Date(clock.now().getTime() + 3 * 24 * HOUR),
    );
    const disability = {
      ...protocol,
      subcategory: { category: 'special-needs', subcategory: 'disability' },
      validity: { from: '2026-01-01', until: inThreeDays },
    };
    const published = await rt.api('POST', '/cantons/quito/protocols/special-needs/disability/versions', {
      token: coordinator,
      body: disability,
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    await rt.api('PUT', '/cantons/quito/services/terapias', {
      token: coordinator,
      body: {
        ...service('terapias', { total: 5, available: 5, waitlist: false }),
        serves: [{ category: 'special-needs', subcategory: 'disability' }],
      },
    });
    const requestId = await newRequest({
      classification: { category: 'special-needs', subcategory: 'disability' },
    });
    const request = await rt.api('GET', `/cantons/quito/requests/${requestId}`, { token: officer });
    expect(request.body.protocol).toEqual({ cantonId: 'quito', version: 1 });

    clock.advance(4 * 24 * HOUR);
    const late = await refer(requestId, 'terapias');
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/venció|expired/);
    expect(await spotsOf('terapias')).toBe(5);
  });

  it('answers a callback for an unknown referral with 404', async () => {
    const unknown = await move('01JDA6Z8Y3N5Q2W4E6R8T0Y2V4', { action: 'acknowledge' });
    expect(unknown.status).toBe(404);
    const malformed = await move('not-a-referral', { action: 'acknowledge' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].parameter).toBe('referralId');
  });
});
