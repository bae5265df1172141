import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { smsSegments } from '../../functions/domain/notifications.js';
import {
  complaintBody as caseBody,
  intakeBody,
  startTestRuntime,
  type TestRuntime,
} from '../support/runtime.js';
import { placeOf } from '../support/problems.js';
import { until } from '../support/link-client.js';
import { quitoDay } from '../support/quito-day.js';

/**
 * Complaint cases (PQSSF) through the real local runtime: seeded cantons, catalogue and protocols, the embedded
 * DynamoDB and the local SNS outbox, with the product clock moved by the test.
 */
let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let operator: string;
let officer: string;
let coordinator: string;

const DAY = 24 * 3_600_000;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  coordinator = await rt.token('coordinator', 'quito');
});
afterAll(() => rt.stop());

/** A complaint about a CDI service, on the shared case body (test/support/runtime.ts). */
const complaintBody = (overrides: Record<string, unknown> = {}) =>
  caseBody({
    type: 'complaint',
    concerns: { kind: 'service', serviceId: 'mies9-cdi-chillogallo' },
    description: 'En el CDI no recibieron a mi hija aunque tenía cupo asignado',
    ...overrides,
  });

const open = (body: unknown = complaintBody(), token = operator) =>
  rt.api('POST', '/cantons/quito/complaints', { token, body });
const path = (id: string) => `/cantons/quito/complaints/${id}`;
const addActivity = (id: string, body: Record<string, unknown>, token = officer) =>
  rt.api('POST', `${path(id)}/activities`, {
    token,
    body: { description: 'Pedir informe al CDI', dueDate: '2030-01-15', ...body },
  });
const today = quitoDay;
const errorsOf = (body: { errors?: { pointer?: string; parameter?: string; detail: string }[] }) =>
  (body.errors ?? []).map(placeOf);

describe('opening a case', () => {
  it('records type, concerns, channel and complainant, with deadlines from the protocol of its type', async () => {
    const created = await open();
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      cantonId: 'quito',
      type: 'complaint',
      typeLabel: 'Queja',
      concerns: { kind: 'service', serviceId: 'mies9-cdi-chillogallo' },
      organizationId: 'mies-zonal-9',
      channel: 'phone',
      replyChannel: 'sms',
      status: 'open',
      level: 'canton',
      clock: { phase: 'acknowledge', state: 'on-track' },
      deadlines: { protocol: { cantonId: 'quito', version: 1 } },
      version: 1,
    });
    expect(created.body.reference).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(created.headers.get('location')).toBe(path(created.body.complaintId));
    // 1 working day (Quito's override) and 15 (the national template), at 17:00 in Quito. The day the case
    // arrives is not counted, so the acknowledgement falls on a later local day — even less than 24 h later when
    // the case came after the close of business.
    const { startedAt, acknowledgeBy, resolveBy } = created.body.deadlines;
    const quitoDay = (at: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' }).format(new Date(at));
    expect(quitoDay(acknowledgeBy) > quitoDay(startedAt)).toBe(true);
    expect(Date.parse(acknowledgeBy) - Date.parse(startedAt)).toBeLessThanOrEqual(5 * DAY);
    expect(Date.parse(resolveBy) - Date.parse(startedAt)).toBeGreaterThanOrEqual(15 * DAY);
    expect(new Date(acknowledgeBy).toISOString().slice(11, 16)).toBe('22:00');
    // The protocol's reminders and escalation ladder, planned by the referral schedule's rule.
    const { acknowledge } = created.body.deadlines.timers;
    expect(acknowledge.map((t: { kind: string }) => t.kind)).toEqual([
      'reminder',
      'escalation',
      'escalation',
      'escalation',
    ]);
    expect(acknowledge.slice(1).map((t: { notify: { role: string } }) => t.notify.role)).toEqual([
      'supervisor',
      'canton-coordinator',
      'national-coordinator',
    ]);
    expect(created.body.clock).toMatchObject({ nextTimer: acknowledge[0], escalations: 0 });
  });

  it('an anonymous complainant carries no identity and follows the case by its reference', async () => {
    const created = await open(
      complaintBody({ complainant: { identification: 'anonymous' }, contact: undefined }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.complainant).toEqual({ identification: 'anonymous' });
    expect(created.body.contact).toBeUndefined();
    expect(created.body.replyChannel).toBe('in-person');
    const followed = await rt.api('GET', `/cantons/quito/complaint-references/${created.body.reference}`, {
      token: operator,
    });
    expect(followed.status).toBe(200);
    expect(followed.body).toEqual({
      reference: created.body.reference,
      status: 'open',
      nextDate: created.body.deadlines.acknowledgeBy,
    });
  });

  it('counts complaints on the provider concerned', async () => {
    await open(complaintBody({ concerns: { kind: 'provider', organizationId: 'mies-zonal-9' } }));
    const stats = await rt.api('GET', '/cantons/quito/complaint-statistics', { token: coordinator });
    expect(stats.status).toBe(200);
    const mies = stats.body.providers.find(
      (p: { organizationId: string }) => p.organizationId === 'mies-zonal-9',
    );
    expect(mies.complaints).toBeGreaterThanOrEqual(2);
  });
});

describe('a request classified under the complaint category opens its case', () => {
  const findCase = async (requestId: string) => {
    const list = await rt.api('GET', '/cantons/quito/complaints?limit=100', { token: coordinator });
    const ids = list.body.items.map((c: { complaintId: string }) => c.complaintId);
    const cases = await Promise.all(ids.map((id: string) => rt.api('GET', path(id), { token: coordinator })));
    return cases.map((c) => c.body).filter((c) => c.requestId === requestId);
  };

  it('on classification, once, with the request’s citizen and words; other categories open none', async () => {
    const { body: request } = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({ classification: undefined, description: 'Me cobraron por un trámite gratuito' }),
    });
    const classify = (subcategory: string, category = 'complaint') =>
      rt.api('PUT', `/cantons/quito/requests/${request.requestId}/classification`, {
        token: operator,
        body: { category, subcategory },
      });
    const classified = await classify('claim');
    expect(classified.status, JSON.stringify(classified.body)).toBe(200);
    expect(classified.body.status).toBe('classified');
    const complaintId = classified.body.history?.at(-1)?.details?.complaintId;
    const [opened, ...others] = await findCase(request.requestId);
    expect(others).toEqual([]);
    expect(opened).toMatchObject({
      type: 'claim',
      requestId: request.requestId,
      description: 'Me cobraron por un trámite gratuito',
      complainant: { identification: 'national-id', nationalId: '1710034065' },
      replyChannel: 'phone',
      history: [expect.objectContaining({ action: 'opened' })],
    });
    if (complaintId) expect(opened.complaintId).toBe(complaintId);
    const { body: full } = await rt.api('GET', `/cantons/quito/requests/${request.requestId}`, {
      token: officer,
    });
    expect(full.history.at(-1).details.complaintId).toBe(opened.complaintId);

    // Reclassified within the category, and out and back: still the one case.
    expect((await classify('complaint')).status).toBe(200);
    expect((await classify('housing', 'non-urgent')).status).toBe(200);
    expect((await classify('question')).status).toBe(200);
    expect(await findCase(request.requestId)).toHaveLength(1);
  });

  it('when recorded already classified as a complaint', async () => {
    const { body: request } = await rt.api('POST', '/cantons/quito/requests', {
      token: operator,
      body: intakeBody({ classification: { category: 'complaint', subcategory: 'suggestion' } }),
    });
    expect(request.history[0].details.complaintId).toMatch(/^[0-9A-Z]{26}$/);
    const [opened] = await findCase(request.requestId);
    expect(opened).toMatchObject({ type: 'suggestion', complaintId: request.history[0].details.complaintId });
  });
});

describe('activities', () => {
  it('up to ten, assigned to staff of the canton, ordered and in parallel; the eleventh is refused', async () => {
    const { body: created } = await open();
    const first = await addActivity(created.complaintId, { assigneeId: 'uio.tecnica1' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({ status: 'in-progress', clock: { phase: 'resolve' } });
    expect(first.body.acknowledgedAt).toBeDefined();
    expect(first.body.activities[0]).toMatchObject({
      number: 1,
      status: 'pending',
      after: [],
      overdue: false,
    });
    for (let n = 2; n <= 10; n++) {
      const added = await addActivity(created.complaintId, {
        assigneeId: n % 2 ? 'uio.tecnico2' : 'uio.gestora',
        ...(n === 3 ? { after: [1, 2] } : {}),
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
    }
    const eleventh = await addActivity(created.complaintId, { assigneeId: 'uio.tecnica1' });
    expect(eleventh.status).toBe(409);
    expect(eleventh.body.code).toBe('activity_limit');
    expect(errorsOf(eleventh.body)).toEqual(['activities']);
    const after = await rt.api('GET', path(created.complaintId), { token: coordinator });
    expect(after.body.activities).toHaveLength(10);
    expect(after.body.version).toBe(11);
    expect(after.body.activities[2].after).toEqual([1, 2]);

    // Activity 3 waits for 1 and 2.
    const early = await rt.api('PUT', `${path(created.complaintId)}/activities/3`, {
      token: await rt.token('swcs-officer', 'quito', 'uio.tecnico2'),
      body: { status: 'in-progress' },
    });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/1, 2/);
  });

  it('refuses an assignee who is not staff of the canton, naming the field, and changes nothing', async () => {
    const { body: created } = await open();
    for (const stranger of ['cue.tecnico1', 'nadie']) {
      const answer = await addActivity(created.complaintId, { assigneeId: stranger });
      expect(answer.status).toBe(400);
      expect(errorsOf(answer.body)).toEqual(['assigneeId']);
    }
    const { body } = await rt.api('GET', path(created.complaintId), { token: coordinator });
    expect(body).toMatchObject({ version: 1, activities: [] });
  });

  it("assigned to a unit: its members see the case's activity and move it on, others of the canton do not", async () => {
    const { body: created } = await open();
    const added = await addActivity(created.complaintId, { unitId: 'calidad' }, coordinator);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.activities[0]).toMatchObject({ number: 1, unitId: 'calidad', level: 'canton' });
    expect(added.body.activities[0]).not.toHaveProperty('assigneeId');
    const member = await rt.token('swcs-officer', 'quito', 'uio.tecnico2');
    const move = (token: string) =>
      rt.api('PUT', `${path(created.complaintId)}/activities/1`, { token, body: { status: 'in-progress' } });
    // uio.tecnica1 is an officer, but not of the unit.
    const outsider = await move(officer);
    expect(outsider.status).toBe(403);
    expect(outsider.body.detail).toMatch(/calidad/);
    expect((await move(member)).status).toBe(200);
    // Listed by its unit (the caller's canton's unit of that id).
    const listed = await rt.api('GET', '/cantons/quito/complaints?unitId=calidad&limit=100', {
      token: member,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { complaintId: string }) => c.complaintId)).toContain(
      created.complaintId,
    );
  });

  it.each([
    ['an unknown unit', { unitId: 'no-existe' }, ['unitId']],
    [
      "a unit of another level (the national level's, on a canton's case)",
      { unitId: 'quejas-nacional' },
      ['unitId'],
    ],
    ['both a person and a unit', { assigneeId: 'uio.tecnica1', unitId: 'calidad' }, ['unitId']],
    ['neither a person nor a unit', {}, ['assigneeId']],
  ])('refuses %s, naming the field, and changes nothing', async (_what, assignee, fields) => {
    const { body: created } = await open();
    const answer = await addActivity(created.complaintId, assignee, coordinator);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(errorsOf(answer.body)).toEqual(fields);
    const { body } = await rt.api('GET', path(created.complaintId), { token: coordinator });
    expect(body).toMatchObject({ version: 1, activities: [] });
  });

  it('is reported on by its assignee or a coordinator: done with a result, cancelled with a reason', async () => {
    const { body: created } = await open();
    await addActivity(created.complaintId, { assigneeId: 'uio.tecnica1' });
    await addActivity(created.complaintId, { assigneeId: 'uio.tecnica1' });
    const move = (n: number, body: unknown, token = officer) =>
      rt.api('PUT', `${path(created.complaintId)}/activities/${n}`, { token, body });
    const other = await rt.token('swcs-officer', 'quito', 'uio.tecnico2');
    expect((await move(1, { status: 'in-progress' }, other)).status).toBe(403);
    const noResult = await move(1, { status: 'done' });
    expect(noResult.status).toBe(400);
    expect(errorsOf(noResult.body)).toEqual(['result']);
    const noReason = await move(2, { status: 'cancelled' });
    expect(errorsOf(noReason.body)).toEqual(['reason']);
    expect((await move(1, { status: 'in-progress' })).status).toBe(200);
    const done = await move(1, { status: 'done', result: 'El CDI reconoce el error' });
    expect(done.body.activities[0]).toMatchObject({ status: 'done', result: 'El CDI reconoce el error' });
    const cancelled = await move(2, { status: 'cancelled', reason: 'Duplicada' }, coordinator);
    expect(cancelled.body.activities[1]).toMatchObject({ status: 'cancelled', cancelReason: 'Duplicada' });
    expect((await move(1, { status: 'in-progress' })).status).toBe(409);
    expect((await move(7, { status: 'in-progress' })).status).toBe(404);
  });
});

describe('resolution and reply', () => {
  it('needs a decision code and a reply; open activities first', async () => {
    const { body: created } = await open();
    const resolve = (body: unknown) =>
      rt.api('POST', `${path(created.complaintId)}/resolution`, { token: officer, body });
    const noDecision = await resolve({ reply: { text: 'Respuesta' } });
    expect(noDecision.status).toBe(400);
    expect(errorsOf(noDecision.body)).toEqual(['decision']);
    const noReply = await resolve({ decision: 'upheld' });
    expect(errorsOf(noReply.body)).toEqual(['reply']);
    const badCode = await resolve({ decision: 'maybe', reply: { text: 'x' } });
    expect(errorsOf(badCode.body)).toEqual(['decision']);
    await addActivity(created.complaintId, { assigneeId: 'uio.tecnica1' });
    const pending = await resolve({ decision: 'upheld', reply: { text: 'Respuesta' } });
    expect(pending.status).toBe(409);
    expect(errorsOf(pending.body)).toEqual(['activities']);
    const { body } = await rt.api('GET', path(created.complaintId), { token: coordinator });
    expect(body).toMatchObject({ status: 'in-progress', resolutions: [], version: 2 });
  });

  it('sends one GSM-7 SMS with the reference and a link, never the content; the reply is on the record', async () => {
    const { body: created } = await open();
    const reply = 'Se ordenó al CDI recibir a su hija desde el lunes; pedimos disculpas.';
    const resolved = await rt.api('POST', `${path(created.complaintId)}/resolution`, {
      token: officer,
      body: { decision: 'upheld', reply: { text: reply } },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      clock: { phase: 'stopped', state: 'on-track' },
      resolutions: [
        {
          decision: 'upheld',
          level: 'canton',
          onTime: true,
          reply: { text: reply, channel: 'sms', delivery: 'sent', by: 'uio.tecnica1' },
        },
      ],
    });
    const sms = rt.sns.outbox({ referral: created.reference }).filter((m) => m.channel === 'sms');
    expect(sms).toHaveLength(1);
    const text = sms[0]?.message ?? '';
    expect(text).toContain(created.reference);
    // The complainant's own link (test/handlers/citizen-link.test.ts), never the case's reference.
    expect(text).toMatch(/\/r\/[0-9A-Za-z]{11} /);
    expect(text).not.toContain(`/r/${created.reference}`);
    expect(smsSegments(text)).toMatchObject({ gsm7: true, segments: 1 });
    for (const content of ['CDI', 'hija', 'disculpas', 'Guam']) expect(text).not.toContain(content);
    const history = (await rt.api('GET', path(created.complaintId), { token: coordinator })).body.history;
    expect(history.map((e: { action: string }) => e.action)).toEqual([
      'opened',
      'resolved',
      'reply-delivered',
    ]);
  });

  it('records a reply given in person, and sends an e-mail with the reply', async () => {
    const anonymous = await open(
      complaintBody({ complainant: { identification: 'anonymous' }, contact: undefined }),
    );
    const given = await rt.api('POST', `${path(anonymous.body.complaintId)}/resolution`, {
      token: officer,
      body: { decision: 'not-upheld', reply: { text: 'Explicado en ventanilla', givenBy: 'in-person' } },
    });
    expect(given.body.resolutions[0].reply).toMatchObject({ channel: 'in-person', delivery: 'given' });
    expect(rt.sns.outbox({ referral: anonymous.body.reference })).toEqual([]);

    const byMail = await open(complaintBody({ contact: { email: 'rosa@example.org' } }));
    expect(byMail.body.replyChannel).toBe('email');
    const sent = await rt.api('POST', `${path(byMail.body.complaintId)}/resolution`, {
      token: officer,
      body: { decision: 'partly-upheld', reply: { text: 'Su reclamo procede en parte' } },
    });
    expect(sent.body.resolutions[0].reply).toMatchObject({ channel: 'email', delivery: 'sent' });
    const mail = rt.sns.outbox({ referral: byMail.body.reference });
    expect(mail).toHaveLength(1);
    expect(mail[0]?.message).toContain('Su reclamo procede en parte');
  });
});

describe('appeals, follow-up and satisfaction', () => {
  const resolvedCase = async () => {
    const { body: created } = await open();
    const resolved = await rt.api('POST', `${path(created.complaintId)}/resolution`, {
      token: officer,
      body: { decision: 'not-upheld', reply: { text: 'No procede' } },
    });
    return resolved.body;
  };

  it('reopens at the national level within the period, once, with its own clock and the whole history', async () => {
    const resolved = await resolvedCase();
    const followed = await rt.api('GET', `/cantons/quito/complaint-references/${resolved.reference}`, {
      token: operator,
    });
    expect(followed.body).toEqual({
      reference: resolved.reference,
      status: 'resolved',
      nextDate: resolved.resolutions[0].appealBy,
    });
    const appealed = await rt.api('POST', `${path(resolved.complaintId)}/appeal`, {
      token: operator,
      body: { reason: 'No estoy de acuerdo' },
    });
    expect(appealed.status, JSON.stringify(appealed.body)).toBe(200);
    expect(appealed.body).toMatchObject({
      status: 'open',
      level: 'national',
      appeal: { reason: 'No estoy de acuerdo', by: 'uio.operador1' },
      clock: { phase: 'acknowledge', state: 'on-track' },
      deadlines: { protocol: { cantonId: 'national' } },
    });
    expect(Date.parse(appealed.body.deadlines.startedAt)).toBeGreaterThan(
      Date.parse(resolved.deadlines.startedAt),
    );

    // National staff now see it and work it with national staff; the canton's staff are not national assignees.
    const nationalOfficer = await rt.token('swcs-officer', 'national', 'nat.tecnico1');
    const seen = await rt.api('GET', path(resolved.complaintId), { token: nationalOfficer });
    expect(seen.status).toBe(200);
    expect(seen.body.history.map((e: { action: string }) => e.action)).toEqual([
      'opened',
      'resolved',
      'reply-delivered',
      'appealed',
    ]);
    expect(
      (await addActivity(resolved.complaintId, { assigneeId: 'uio.tecnica1' }, nationalOfficer)).status,
    ).toBe(400);
    const national = await addActivity(resolved.complaintId, { assigneeId: 'nat.tecnico1' }, nationalOfficer);
    expect(national.status, JSON.stringify(national.body)).toBe(201);
    expect(national.body.activities[0]).toMatchObject({ level: 'national' });
    await rt.api('PUT', `${path(resolved.complaintId)}/activities/1`, {
      token: nationalOfficer,
      body: { status: 'done', result: 'Revisado' },
    });
    const final = await rt.api('POST', `${path(resolved.complaintId)}/resolution`, {
      token: nationalOfficer,
      body: { decision: 'partly-upheld', reply: { text: 'Procede en parte' } },
    });
    expect(final.body.resolutions.map((r: { level: string }) => r.level)).toEqual(['canton', 'national']);
    expect(final.body.resolutions[1].appealBy).toBeUndefined();

    const twice = await rt.api('POST', `${path(resolved.complaintId)}/appeal`, {
      token: operator,
      body: { reason: 'Otra vez' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('appeal_not_allowed');
    expect(errorsOf(twice.body)).toEqual(['appeal']);
  });

  it('refuses an appeal after the period, and changes nothing', async () => {
    const resolved = await resolvedCase();
    clock.advance(Date.parse(resolved.resolutions[0].appealBy) - clock.now().getTime() + 60_000);
    const late = await rt.api('POST', `${path(resolved.complaintId)}/appeal`, {
      token: operator,
      body: { reason: 'Tarde' },
    });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'appeal_not_allowed', detail: expect.stringMatching(/venció/) });
    const { body } = await rt.api('GET', path(resolved.complaintId), { token: coordinator });
    expect(body).toMatchObject({ status: 'resolved', level: 'canton' });
    expect(body.appeal).toBeUndefined();
  });

  it('records a satisfaction rating once, after the reply', async () => {
    const { body: pending } = await open();
    const early = await rt.api('POST', `${path(pending.complaintId)}/satisfaction`, {
      token: operator,
      body: { rating: 4 },
    });
    expect(early.status).toBe(409);
    const resolved = await resolvedCase();
    const rate = (body: unknown) =>
      rt.api('POST', `${path(resolved.complaintId)}/satisfaction`, { token: operator, body });
    expect(errorsOf((await rate({ rating: 6 })).body)).toEqual(['rating']);
    const rated = await rate({ rating: 2, comment: 'Tardaron mucho' });
    expect(rated.body.satisfaction).toMatchObject({
      rating: 2,
      comment: 'Tardaron mucho',
      by: 'uio.operador1',
    });
    expect((await rate({ rating: 5 })).status).toBe(409);
  });
});

describe('bad input: a problem naming the field, nothing changed', () => {
  it.each([
    ['an unknown PQSSF type', { type: 'rant' }, ['type']],
    [
      'an anonymous complainant with a name',
      { complainant: { identification: 'anonymous', name: { given: 'A', family: 'B' } }, contact: undefined },
      ['complainant.name'],
    ],
    [
      'an anonymous complainant with a national ID',
      { complainant: { identification: 'anonymous', nationalId: '1710034065' }, contact: undefined },
      ['complainant.nationalId'],
    ],
    [
      'an anonymous complainant with a contact',
      { complainant: { identification: 'anonymous' } },
      ['contact'],
    ],
    [
      'a service not in the catalogue',
      { concerns: { kind: 'service', serviceId: 'no-such' } },
      ['concerns.serviceId'],
    ],
    [
      'a unit not of the canton',
      { concerns: { kind: 'unit', unitId: 'quejas-nacional' } },
      ['concerns.unitId'],
    ],
    [
      'an SMS reply without a phone',
      { contact: { email: 'a@example.org' }, replyChannel: 'sms' },
      ['replyChannel'],
    ],
  ])('%s', async (_what, overrides, fields) => {
    const before = await rt.api('GET', '/cantons/quito/complaints?limit=100', { token: coordinator });
    const answer = await open(complaintBody(overrides));
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(errorsOf(answer.body)).toEqual(fields);
    const after = await rt.api('GET', '/cantons/quito/complaints?limit=100', { token: coordinator });
    expect(after.body.items.length).toBe(before.body.items.length);
  });
});

describe('sensitive cases: only the people assigned and the coordinators, 404 otherwise, every read audited', () => {
  let sensitiveId: string;
  let plainId: string;
  let unitCaseId: string;
  beforeAll(async () => {
    const sensitive = await open(
      complaintBody({
        concerns: { kind: 'staff', note: 'El técnico que me atendió' },
        assigneeId: 'uio.tecnica1',
      }),
    );
    expect(sensitive.body.sensitive).toEqual({ reason: 'staff-misconduct' });
    sensitiveId = sensitive.body.complaintId;
    await addActivity(sensitiveId, { assigneeId: 'uio.gestora' }, coordinator);
    plainId = (await open()).body.complaintId;
    // A sensitive case about a unit (Patronato San José: uio.gestora, uio.jefatura), worked by another unit
    // (Calidad: uio.tecnico2).
    const unitCase = await open(
      complaintBody({
        concerns: { kind: 'unit', unitId: 'patronato-san-jose' },
        sensitive: { reason: 'abuse' },
        assigneeId: 'uio.tecnica1',
      }),
    );
    expect(unitCase.status, JSON.stringify(unitCase.body)).toBe(201);
    expect(unitCase.body.organizationId).toBe('patronato-san-jose');
    unitCaseId = unitCase.body.complaintId;
    expect((await addActivity(unitCaseId, { unitId: 'calidad' }, coordinator)).status).toBe(201);
  });

  // [who, canton, roles, userId, sees the sensitive case, an ordinary one, the sensitive case about a unit]
  const matrix: [string, string, string, string, number, number, number][] = [
    ['the case owner', 'quito', 'swcs-officer', 'uio.tecnica1', 200, 200, 200],
    [
      'an activity assignee (a member of the unit the other case is about)',
      'quito',
      'case-manager',
      'uio.gestora',
      200,
      200,
      404,
    ],
    ['the canton coordinator', 'quito', 'coordinator', 'uio.coordinadora', 200, 200, 200],
    [
      'another officer of the canton (a member of the unit assigned on the other case)',
      'quito',
      'swcs-officer',
      'uio.tecnico2',
      404,
      200,
      200,
    ],
    [
      'an operator of the canton (of a unit not assigned)',
      'quito',
      'operator',
      'uio.operador1',
      404,
      200,
      404,
    ],
    ['an auditor of the canton', 'quito', 'auditor', 'uio.auditor', 404, 200, 404],
    ['a contact officer (the unit concerned)', 'quito', 'contact-officer', 'mies9.contacto', 403, 403, 403],
    ['the coordinator of another canton', 'cuenca', 'coordinator', 'cue.coordinador', 404, 404, 404],
    [
      'the national coordinator, before an appeal',
      'national',
      'coordinator',
      'nat.coordinador',
      404,
      404,
      404,
    ],
    [
      'the head of department, a member of the unit the case is about',
      'quito',
      'head-of-department',
      'uio.jefatura',
      404,
      200,
      404,
    ],
    [
      'a member of a national unit, before an appeal',
      'national',
      'swcs-officer',
      'nat.tecnico1',
      404,
      404,
      404,
    ],
  ];

  it.each(matrix)('%s', async (_who, canton, role, userId, sensitive, plain, aboutUnit) => {
    const token = await rt.token(role as never, canton, userId);
    const read = async (id: string) => (await rt.api('GET', path(id), { token })).status;
    expect(await read(sensitiveId)).toBe(sensitive);
    expect(await read(plainId)).toBe(plain);
    expect(await read(unitCaseId)).toBe(aboutUnit);
    if (plain === 200) {
      const list = await rt.api('GET', '/cantons/quito/complaints?limit=100', { token });
      const ids = list.body.items.map((c: { complaintId: string }) => c.complaintId);
      expect(ids.includes(sensitiveId)).toBe(sensitive === 200);
      expect(ids.includes(unitCaseId)).toBe(aboutUnit === 200);
      // Changes too: the unassigned cannot act on what they cannot see.
      if (sensitive === 404 && role !== 'operator' && role !== 'auditor' && role !== 'head-of-department') {
        expect((await addActivity(sensitiveId, { assigneeId: userId }, token)).status).toBe(404);
      }
      if (aboutUnit === 404 && role === 'case-manager') {
        expect((await addActivity(unitCaseId, { assigneeId: userId }, token)).status).toBe(404);
      }
    }
  });

  it('never gives a sensitive case to the unit it is about, nor to one of its members', async () => {
    for (const assignee of [{ unitId: 'patronato-san-jose' }, { assigneeId: 'uio.jefatura' }]) {
      const answer = await addActivity(unitCaseId, assignee, coordinator);
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(errorsOf(answer.body)).toEqual([Object.keys(assignee)[0]]);
    }
    const { body } = await rt.api('GET', path(unitCaseId), { token: coordinator });
    expect(body.activities).toHaveLength(1);
  });

  it('lets the members of the unit assigned move its activity on', async () => {
    const member = await rt.token('swcs-officer', 'quito', 'uio.tecnico2');
    const moved = await rt.api('PUT', `${path(unitCaseId)}/activities/1`, {
      token: member,
      body: { status: 'done', result: 'Entrevistas hechas' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // The member works it without seeing the complainant.
    expect(moved.body.complainant).toEqual({ identification: 'national-id', withheld: true });
  });

  it('shows the complainant of a sensitive case to coordinators only', async () => {
    const assigned = await rt.api('GET', path(sensitiveId), { token: officer });
    expect(assigned.body.complainant).toEqual({ identification: 'national-id', withheld: true });
    expect(assigned.body.contact).toBeUndefined();
    expect(JSON.stringify(assigned.body)).not.toMatch(/1710034065|Guam|\+593/);
    const coordinated = await rt.api('GET', path(sensitiveId), { token: coordinator });
    expect(coordinated.body.complainant.nationalId).toBe('1710034065');
  });

  it('audits every read, and every read refused', async () => {
    const stranger = await rt.token('swcs-officer', 'quito', 'uio.tecnico2');
    await rt.api('GET', path(sensitiveId), { token: stranger });
    await rt.api('GET', path(sensitiveId), { token: coordinator });
    const day = clock.now().toISOString().slice(0, 10);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: 'swcs',
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `C#quito#AUDIT#${day}` },
      }),
    );
    const mine = Items.filter((i) => i.target?.id === sensitiveId).map((i) => [i.action, i.actor.userId]);
    expect(mine).toEqual(
      expect.arrayContaining([
        ['complaint.read-refused', 'uio.tecnico2'],
        ['complaint.read', 'uio.coordinadora'],
      ]),
    );
    expect(JSON.stringify(Items)).not.toMatch(/1710034065|Guamán/);
  });

  it('after an appeal, the national coordinator sees it', async () => {
    await rt.api('PUT', `${path(sensitiveId)}/activities/1`, {
      token: coordinator,
      body: { status: 'done', result: 'Informe recibido' },
    });
    const resolved = await rt.api('POST', `${path(sensitiveId)}/resolution`, {
      token: coordinator,
      body: { decision: 'not-upheld', reply: { text: 'No procede', givenBy: 'phone' } },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    // An operator not assigned cannot reach it even to record the appeal; the coordinator does.
    expect(
      (await rt.api('POST', `${path(sensitiveId)}/appeal`, { token: operator, body: { reason: 'Apelo' } }))
        .status,
    ).toBe(404);
    const appealed = await rt.api('POST', `${path(sensitiveId)}/appeal`, {
      token: coordinator,
      body: { reason: 'Apelo' },
    });
    expect(appealed.status).toBe(200);
    const national = await rt.token('coordinator', 'national', 'nat.coordinador');
    expect((await rt.api('GET', path(sensitiveId), { token: national })).status).toBe(200);
    const nationalOfficer = await rt.token('swcs-officer', 'national', 'nat.tecnico1');
    expect((await rt.api('GET', path(sensitiveId), { token: nationalOfficer })).status).toBe(404);
    // The national level's units: given to its complaints unit, the unit's member sees it; a canton's unit is
    // not one of the national level's.
    const nationalUnit = await addActivity(sensitiveId, { unitId: 'quejas-nacional' }, national);
    expect(nationalUnit.status, JSON.stringify(nationalUnit.body)).toBe(201);
    expect(nationalUnit.body.activities.at(-1)).toMatchObject({
      unitId: 'quejas-nacional',
      level: 'national',
    });
    expect((await addActivity(sensitiveId, { unitId: 'calidad' }, national)).status).toBe(400);
    expect((await rt.api('GET', path(sensitiveId), { token: nationalOfficer })).status).toBe(200);
    const listed = await rt.api('GET', '/cantons/quito/complaints?unitId=quejas-nacional&limit=100', {
      token: nationalOfficer,
    });
    expect(listed.body.items.map((c: { complaintId: string }) => c.complaintId)).toContain(sensitiveId);
  });
});

describe("managers' views", () => {
  it('open cases by status, type, clock and assignee; time to resolution per type; share on time', async () => {
    const gestora = 'uio.gestora';
    const { body: late } = await open(complaintBody({ type: 'question', assigneeId: gestora }));
    await addActivity(late.complaintId, { assigneeId: gestora, dueDate: today() }, coordinator);
    clock.advance(20 * DAY);
    const list = await rt.api('GET', `/cantons/quito/complaints?clock=breached&assigneeId=${gestora}`, {
      token: coordinator,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { complaintId: string }) => c.complaintId)).toContain(late.complaintId);
    expect(list.body.items[0]).not.toHaveProperty('complainant');
    // The escalations past are the running clock's: they show once its workflow fired them.
    const overdue = await until(async () => {
      const read = await rt.api('GET', path(late.complaintId), { token: coordinator });
      return read.body.clock.escalations >= 1 ? read : undefined;
    }, 'the escalation of the overdue case');
    expect(overdue.body.clock).toMatchObject({ phase: 'resolve', state: 'breached' });
    const stats = await rt.api('GET', '/cantons/quito/complaint-statistics', { token: coordinator });
    expect(stats.body.open.byClock.breached).toBeGreaterThanOrEqual(1);
    expect(stats.body.open.byType.question).toBeGreaterThanOrEqual(1);
    expect(stats.body.overdueActivities).toContainEqual({ assigneeId: gestora, overdue: expect.any(Number) });
    const complaints = stats.body.resolution.find((r: { type: string }) => r.type === 'complaint');
    expect(complaints.resolved).toBeGreaterThanOrEqual(3);
    expect(complaints.onTimeShare).toBe(1);
    expect(complaints.medianDays).toBeGreaterThanOrEqual(0);
    expect(stats.body.satisfaction.ratings).toBeGreaterThanOrEqual(1);
    // A case resolved now, after its deadline, is late.
    await rt.api('PUT', `${path(late.complaintId)}/activities/1`, {
      token: coordinator,
      body: { status: 'done', result: 'Respondida' },
    });
    const resolved = await rt.api('POST', `${path(late.complaintId)}/resolution`, {
      token: coordinator,
      body: { decision: 'upheld', reply: { text: 'Respuesta a su pregunta' } },
    });
    expect(resolved.body).toMatchObject({ clock: { state: 'breached' }, resolutions: [{ onTime: false }] });
    const after = await rt.api('GET', '/cantons/quito/complaint-statistics', { token: coordinator });
    const questions = after.body.resolution.find((r: { type: string }) => r.type === 'question');
    expect(questions.onTimeShare).toBeLessThan(1);
    expect((await rt.api('GET', '/cantons/quito/complaint-statistics', { token: operator })).status).toBe(
      403,
    );
  });
});

describe('lists and conditional changes', () => {
  it('pages the list with a cursor, newest first, with no case twice', async () => {
    const cuenca = await rt.token('operator', 'cuenca');
    const cuencaCoordinator = await rt.token('coordinator', 'cuenca');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const opened = await rt.api('POST', '/cantons/cuenca/complaints', {
        token: cuenca,
        body: complaintBody({ concerns: { kind: 'other', text: `Caso ${i}` } }),
      });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      ids.push(opened.body.complaintId);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await rt.api(
        'GET',
        `/cantons/cuenca/complaints?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        {
          token: cuencaCoordinator,
        },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c: { complaintId: string }) => c.complaintId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.slice(0, 3)).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('takes If-Match: a stale ETag is a 412 and changes nothing', async () => {
    const { body: created, headers } = await open();
    expect(headers.get('etag')).toBe('W/"1"');
    await addActivity(created.complaintId, { assigneeId: 'uio.tecnica1' });
    const stale = await rt.api('POST', `${path(created.complaintId)}/activities`, {
      token: officer,
      headers: { 'if-match': 'W/"1"' },
      body: { description: 'Otra', assigneeId: 'uio.tecnica1', dueDate: '2030-01-15' },
    });
    expect(stale.status).toBe(412);
    const { body } = await rt.api('GET', path(created.complaintId), { token: coordinator });
    expect(body.activities).toHaveLength(1);
  });
});
