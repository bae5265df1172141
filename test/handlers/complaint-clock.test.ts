import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import type { OutboxEntry } from '../../lib/local/sns.js';
import { until } from '../support/link-client.js';
import { complaintBody, intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * A complaint case's clock end to end on the local runtime: the real handlers, the complaint clock's definition run
 * by the same ASL interpreter as referrals, notices into the local SNS outbox, and the product clock moved by the
 * test to fire each reminder and escalation step. Every branch of the clock: unattended (reminder, then the
 * ladder), acknowledged in time (the resolution clock's reminder and ladder), resolved (stopped, nothing more),
 * appealed (the national level's own clock).
 */
let rt: TestRuntime;
let operator: string;
let officer: string;
let coordinator: string;
let national: string;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const hours = (amount: number) => ({ amount, unit: 'hours' });
/** Suggestions under a protocol in hours, so that the test moves the clock by hours rather than working days. */
const protocol = {
  subcategory: { category: 'complaint', subcategory: 'suggestion' },
  handledBy: 'swcs-officer',
  eligibleServiceIds: [],
  deadlines: { acknowledgement: hours(4), counterReferral: hours(48) },
  reminders: { acknowledgement: [hours(1)], counterReferral: [hours(6)] },
  escalation: {
    acknowledgement: [
      { after: hours(1), notify: { role: 'canton-coordinator' } },
      { after: hours(2), notify: { role: 'national-coordinator' } },
    ],
    counterReferral: [
      { after: hours(2), notify: { role: 'supervisor' } },
      { after: hours(8), notify: { staffId: 'uio.tecnico2' } as { staffId: string } },
      { after: hours(12), notify: { role: 'national-coordinator' } },
    ],
  },
  counterReferral: { requiredFields: ['assisted', 'outcome', 'dateServed'] },
  validity: { from: '2026-01-01' },
  // Complaint protocols set how long a decision may be appealed.
  appealPeriod: { amount: 2, unit: 'working-days' },
  indicators: [{ id: 'on-time-acknowledgement-rate', target: 0.9 }],
};

const DESCRIPTION = 'El guardia del centro trató mal a mi madre en la fila';

const openCase = async (overrides: Record<string, unknown> = {}) => {
  const created = await rt.api('POST', '/cantons/quito/complaints', {
    token: operator,
    body: complaintBody({ description: DESCRIPTION, assigneeId: 'uio.tecnica1', ...overrides }),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { complaintId: string; reference: string; deadlines: { startedAt: string } };
};

const path = (id: string) => `/cantons/quito/complaints/${id}`;
const read = async (id: string, token = coordinator) => (await rt.api('GET', path(id), { token })).body;
const mails = (reference: string) =>
  rt.sns
    .outbox({ referral: reference })
    .filter((m) => m.channel === 'email')
    .reverse();
/** Waits for the reference's `count`-th notice, and returns them all, oldest first. */
const notices = (reference: string, count: number, what: string) =>
  until(() => {
    const sent = mails(reference);
    return sent.length >= count ? sent : undefined;
  }, what);
const actions = (body: { history: { action: string }[] }) => body.history.map((e) => e.action);
/** Moves product time to `ms` after the case opened. */
const at = (opened: { deadlines: { startedAt: string } }, ms: number) =>
  clock.advance(Math.max(0, Date.parse(opened.deadlines.startedAt) + ms - clock.now().getTime()));
const executionsOf = (complaintId: string) =>
  rt.stepFunctions
    .executions()
    .filter((e) => e.stateMachineName === 'complaint-clock' && e.name.includes(complaintId));

const activity = (id: string) =>
  rt.api('POST', `${path(id)}/activities`, {
    token: officer,
    body: { description: 'Hablar con el guardia', assigneeId: 'uio.gestora', dueDate: '2030-01-15' },
  });
const finishActivity = (id: string) =>
  rt.api('PUT', `${path(id)}/activities/1`, {
    token: coordinator,
    body: { status: 'done', result: 'Conversado' },
  });
const resolve = (id: string) =>
  rt.api('POST', `${path(id)}/resolution`, {
    token: coordinator,
    body: { decision: 'upheld', reply: { text: 'Gracias, tomamos nota', givenBy: 'phone' } },
  });

/** What no clock notice may carry: the complaint's words, the complainant, their ID or phone. */
function expectNothingPersonal(notice: OutboxEntry) {
  expect(notice.message).not.toContain(DESCRIPTION);
  expect(`${notice.subject} ${notice.message}`).not.toMatch(/Rosa|Guamán|1710034065|\+593991234567/);
}

beforeAll(async () => {
  rt = await startTestRuntime();
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  coordinator = await rt.token('coordinator', 'quito', 'uio.coordinadora');
  national = await rt.token('coordinator', 'national', 'nat.coordinador');
  // Quito's protocol names one of its staff; the national one (an appeal's) one of the national staff.
  for (const [cantonId, token, staffId] of [
    ['quito', coordinator, 'uio.tecnico2'],
    ['national', national, 'nat.tecnico1'],
  ] as const) {
    const body = structuredClone(protocol);
    body.escalation.counterReferral[1]!.notify = { staffId };
    const published = await rt.api('POST', `/cantons/${cantonId}/protocols/complaint/suggestion/versions`, {
      token,
      body,
    });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(() => rt.stop());

describe('an unattended case', () => {
  it('reminds the assignee before the acknowledgement deadline, then climbs the ladder; the view shows the running clock', async () => {
    const opened = await openCase();
    const { complaintId, reference } = opened;
    await until(() => executionsOf(complaintId)[0]?.waiting.length, 'the clock to wait');
    expect(mails(reference)).toEqual([]);

    at(opened, 3 * HOUR + MINUTE); // an hour before the deadline: the reminder
    const [reminder] = await notices(reference, 1, 'the reminder');
    expect(reminder).toMatchObject({ to: 'uio.tecnica1', attributes: { kind: 'complaint-reminder' } });
    expect(reminder!.subject).toContain(reference);
    expect(reminder!.message).toContain(`/cantons/quito/complaints/${complaintId}`);
    expectNothingPersonal(reminder!);
    const reminded = await read(complaintId);
    expect(reminded.clock).toMatchObject({
      phase: 'acknowledge',
      state: 'at-risk',
      escalations: 0,
      nextTimer: { kind: 'escalation', step: 0, notify: { role: 'canton-coordinator' } },
    });

    at(opened, 5 * HOUR + MINUTE); // an hour past: the canton coordinator
    const second = await notices(reference, 2, 'the canton coordinator');
    expect(second[1]).toMatchObject({ to: 'uio.coordinadora', attributes: { kind: 'complaint-escalation' } });
    expect(second[1]!.subject).toMatch(/Escalamiento 1\/2/);
    expectNothingPersonal(second[1]!);
    await until(async () => (await read(complaintId)).clock.escalations === 1, 'the view to count it');
    expect((await read(complaintId)).clock).toMatchObject({ state: 'breached', nextTimer: { step: 1 } });

    at(opened, 6 * HOUR + MINUTE); // two hours past: the national single window
    const third = await notices(reference, 3, 'the national coordinator');
    expect(third[2]).toMatchObject({ to: 'nat.coordinador', attributes: { kind: 'complaint-escalation' } });
    const climbed = await until(async () => {
      const body = await read(complaintId);
      return body.clock.escalations === 2 ? body : undefined;
    }, 'the view to count both steps');
    expect(climbed.clock).not.toHaveProperty('nextTimer');
    expect(actions(climbed)).toEqual(['opened', 'reminder-sent', 'escalated', 'escalated']);
    expect(climbed.history.slice(1).map((e: { by: { userId: string } }) => e.by.userId)).toEqual([
      'swcs-workflow',
      'swcs-workflow',
      'swcs-workflow',
    ]);

    // First acted on at last: the acknowledgement wait is answered and the resolution clock runs.
    expect((await activity(complaintId)).status).toBe(201);
    at(opened, 42 * HOUR + MINUTE); // six hours before the deadline to resolve: its reminder
    const fourth = await notices(reference, 4, 'the resolution reminder');
    // The case's owner and the assignee of its open activity.
    const reminded2 = await notices(reference, 5, 'the reminder to both assignees');
    expect(reminded2.slice(3).map((m) => m.to)).toEqual(['uio.tecnica1', 'uio.gestora']);
    expect(fourth[3]!.attributes.kind).toBe('complaint-reminder');
    const resolving = await read(complaintId);
    expect(resolving.clock).toMatchObject({ phase: 'resolve', escalations: 0, nextTimer: { step: 0 } });

    expect((await finishActivity(complaintId)).status).toBe(200);
    expect((await resolve(complaintId)).status).toBe(200);
    await until(() => executionsOf(complaintId)[0]?.status === 'SUCCEEDED', 'the clock to stop');
  });
});

describe('a case acknowledged in time', () => {
  it('never reminds of the acknowledgement; the resolution clock reminds, then escalates to stand-ins and named staff', async () => {
    const opened = await openCase();
    const { complaintId, reference } = opened;
    expect((await activity(complaintId)).status).toBe(201);
    at(opened, 7 * HOUR); // past every acknowledgement timer: none fires
    await until(
      async () =>
        (await read(complaintId)).clock.phase === 'resolve' &&
        executionsOf(complaintId)[0]?.currentState === 'AwaitResolve',
      'the resolution wait',
    );
    expect(mails(reference)).toEqual([]);

    at(opened, 42 * HOUR + MINUTE);
    await notices(reference, 2, 'the resolution reminder to both assignees');
    at(opened, 50 * HOUR + MINUTE); // two hours past: "supervisor", for which the coordinators stand in
    const escalated = await notices(reference, 3, 'the first resolution escalation');
    expect(escalated[2]).toMatchObject({
      to: 'uio.coordinadora',
      attributes: { kind: 'complaint-escalation' },
    });
    at(opened, 56 * HOUR + MINUTE); // eight hours past: the staff member the protocol names
    const named = await notices(reference, 4, 'the named staff member');
    expect(named[3]!.to).toBe('uio.tecnico2');
    const body = await until(async () => {
      const current = await read(complaintId);
      return current.clock.escalations === 2 ? current : undefined;
    }, 'the view to count both steps');
    expect(body.clock).toMatchObject({ phase: 'resolve', state: 'breached' });
    // An acknowledgement timer whose wait timed out just as the activity answered it is counted, never sent.
    expect(actions(body).filter((a: string) => a !== 'timer-skipped')).toEqual([
      'opened',
      'activity-added',
      'reminder-sent',
      'escalated',
      'escalated',
    ]);

    expect((await finishActivity(complaintId)).status).toBe(200);
    expect((await resolve(complaintId)).status).toBe(200);
    await until(() => executionsOf(complaintId)[0]?.status === 'SUCCEEDED', 'the clock to stop');
  });
});

describe('a case resolved before anything is due', () => {
  it('stops the clock at once: no reminder, no escalation, however long one waits', async () => {
    const opened = await openCase({ assigneeId: undefined });
    const { complaintId, reference } = opened;
    await until(() => executionsOf(complaintId)[0]?.waiting.length, 'the clock to wait');
    expect((await resolve(complaintId)).status).toBe(200);
    await until(() => executionsOf(complaintId)[0]?.status === 'SUCCEEDED', 'the clock to stop');
    at(opened, 10 * DAY);
    // The clock stopped before time moved on: nothing is left to fire.
    const body = await read(complaintId);
    expect(body.clock).toEqual({ phase: 'stopped', state: 'on-track' });
    expect(mails(reference)).toEqual([]);
    expect(actions(body)).toEqual(['opened', 'resolved']);
  });
});

describe('an appealed case', () => {
  it('reopens at the national level with its own clock, which tells the national single window', async () => {
    const opened = await openCase();
    const { complaintId, reference } = opened;
    const decided = await resolve(complaintId);
    expect(decided.status).toBe(200);
    // The protocol's appeal period (2 working days), not the default 15.
    expect(decided.body.deadlines.appealPeriod).toEqual({ amount: 2, unit: 'working-days' });
    const [decision] = decided.body.resolutions;
    expect(Date.parse(decision.appealBy) - Date.parse(decision.at)).toBeLessThan(5 * DAY);
    expect(Date.parse(decision.appealBy) - Date.parse(decision.at)).toBeGreaterThan(DAY);
    const appealed = await rt.api('POST', `${path(complaintId)}/appeal`, {
      token: operator,
      body: { reason: 'No estoy de acuerdo con la respuesta' },
    });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect(appealed.body).toMatchObject({
      level: 'national',
      clock: { phase: 'acknowledge', escalations: 0 },
    });
    const clocks = await until(() => {
      const found = executionsOf(complaintId);
      return found.length === 2 && found[1]!.waiting.length > 0 ? found : undefined;
    }, 'the national clock');
    expect(clocks.map((e) => e.name.endsWith('-national'))).toEqual([false, true]);
    expect(clocks[0]!.status).toBe('SUCCEEDED');

    const appealedAt = Date.parse(appealed.body.deadlines.startedAt);
    clock.advance(appealedAt + 3 * HOUR + MINUTE - clock.now().getTime());
    // Nobody of the national staff is assigned yet: its coordinators are reminded, so that someone takes it.
    const [reminder] = await notices(reference, 1, 'the national reminder');
    expect(reminder).toMatchObject({ to: 'nat.coordinador', attributes: { kind: 'complaint-reminder' } });
    expect(reminder!.message).toMatch(/apelación/);
    expectNothingPersonal(reminder!);
    clock.advance(appealedAt + 5 * HOUR + MINUTE - clock.now().getTime());
    const escalated = await notices(reference, 2, 'the national escalation');
    // "The canton coordinator" of a case at the national level is the national one.
    expect(escalated[1]).toMatchObject({
      to: 'nat.coordinador',
      attributes: { kind: 'complaint-escalation' },
    });

    const resolved = await rt.api('POST', `${path(complaintId)}/resolution`, {
      token: national,
      body: { decision: 'partly-upheld', reply: { text: 'Revisado en apelación', givenBy: 'phone' } },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    await until(() => executionsOf(complaintId)[1]?.status === 'SUCCEEDED', 'the national clock to stop');
  });
});

describe('a case opened by classifying a request', () => {
  it('starts its clock too, once the request and its case are stored', async () => {
    const recorded = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({ classification: { category: 'complaint', subcategory: 'suggestion' } }),
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const complaintId = recorded.body.history[0].details.complaintId as string;
    expect(complaintId).toMatch(/^[0-9A-Z]{26}$/);
    const [execution] = await until(() => {
      const found = executionsOf(complaintId);
      return found[0]?.waiting.length ? found : undefined;
    }, 'the clock of the classified case');
    expect(execution).toMatchObject({ status: 'RUNNING', currentState: 'AwaitAcknowledge' });
    expect((await resolve(complaintId)).status).toBe(200);
    await until(() => executionsOf(complaintId)[0]?.status === 'SUCCEEDED', 'the clock to stop');
  });
});
