import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { smsSegments } from '../../functions/domain/notifications.js';
import { LOCAL_TABLE_NAME } from '../../lib/table.js';
import { LinkBrowser } from '../support/link-client.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * A complainant reads the reply to their case and rates it from the link of the reply's SMS or e-mail: their own
 * random code (never the case's reference), no account, no verification, no script. The rating is the operator's
 * own use case, once; every page that shows the case and the rating are audited as made via the link. Every page
 * answer is checked against /openapi.json as it comes (LinkBrowser, test/support/conformance.ts).
 */
const PHONE = '+593991234567';
const REPLY = 'El CDI recibirá a su hija desde el lunes; pedimos disculpas.';
let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let operator: string;
let officer: string;
let coordinator: string;
let smsCase: { complaintId: string; reference: string };
let link: string;

interface OutboxItem {
  readonly to: string;
  readonly channel: string;
  readonly message: string;
  readonly subject?: string;
}

/** The local outbox over HTTP, as a developer reads it at /_local/outbox. */
async function outbox(reference: string): Promise<OutboxItem[]> {
  const response = await fetch(`${rt.url}/_local/outbox?referral=${reference}`);
  return ((await response.json()) as { items: OutboxItem[] }).items;
}

const linkIn = (text: string) => {
  const url = text.match(/https?:\/\/\S+\/r\/[0-9A-Za-z]{11}\b/)?.[0];
  return url ? new URL(url).pathname : undefined;
};

const complaintBody = (overrides: Record<string, unknown> = {}) => ({
  type: 'complaint',
  concerns: { kind: 'service', serviceId: 'mies9-cdi-chillogallo' },
  channel: 'phone',
  complainant: {
    identification: 'national-id',
    nationalId: '1710034065',
    name: { given: 'Rosa', family: 'Guamán' },
  },
  contact: { phone: PHONE, preferredChannel: 'sms' },
  description: 'En el CDI no recibieron a mi hija aunque tenía cupo asignado',
  assigneeId: 'uio.tecnica1',
  ...overrides,
});

async function resolvedCase(overrides: Record<string, unknown> = {}, reply = REPLY) {
  const opened = await rt.api('POST', '/cantons/quito/complaints', {
    token: operator,
    body: complaintBody(overrides),
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  await rt.api('POST', `/cantons/quito/complaints/${opened.body.complaintId}/activities`, {
    token: officer,
    body: { description: 'Pedir informe al CDI', assigneeId: 'uio.tecnica1', dueDate: '2030-01-15' },
  });
  const resolved = await rt.api('PUT', `/cantons/quito/complaints/${opened.body.complaintId}/activities/1`, {
    token: officer,
    body: { status: 'done', result: 'El CDI reconoce el error' },
  });
  expect(resolved.status).toBe(200);
  const answered = await rt.api('POST', `/cantons/quito/complaints/${opened.body.complaintId}/resolution`, {
    token: officer,
    body: { decision: 'upheld', reply: { text: reply } },
  });
  expect(answered.status, JSON.stringify(answered.body)).toBe(200);
  return answered.body as { complaintId: string; reference: string; contact?: unknown };
}

const readCase = async (id: string) =>
  (await rt.api('GET', `/cantons/quito/complaints/${id}`, { token: coordinator })).body;

async function auditOf(targetId: string) {
  const day = clock.now().toISOString().slice(0, 10);
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: LOCAL_TABLE_NAME,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `C#quito#AUDIT#${day}` },
    }),
  );
  return Items.filter((i) => i.target?.id === targetId);
}

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  coordinator = await rt.token('coordinator', 'quito');
  smsCase = await resolvedCase();
  const sms = (await outbox(smsCase.reference)).filter((m) => m.channel === 'sms' && m.to === PHONE);
  expect(sms).toHaveLength(1);
  link = linkIn(sms[0]?.message ?? '') as string;
});

afterAll(async () => {
  await rt?.stop();
});

describe("a complainant's link to their case", () => {
  it('comes in the reply SMS, one GSM-7 segment: a random code, never the case reference', async () => {
    const [sms] = (await outbox(smsCase.reference)).filter((m) => m.channel === 'sms');
    expect(link).toMatch(/^\/r\/[0-9A-Za-z]{11}$/);
    expect(sms?.message).toContain(smsCase.reference);
    expect(sms?.message).not.toContain(`/r/${smsCase.reference}`);
    expect(smsSegments(sms?.message ?? '')).toMatchObject({ gsm7: true, segments: 1 });
    for (const content of ['CDI', 'hija', 'Guam']) expect(sms?.message).not.toContain(content);
  });

  it('opens a small Spanish page without script: reference, status, decision, reply; nothing else', async () => {
    const phone = new LinkBrowser(rt);
    const page = await phone.open(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(Buffer.byteLength(page.text)).toBeLessThan(30 * 1024);
    expect(page.text).toMatch(/^<!doctype html><html lang="es">/);
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain(`Su caso ${smsCase.reference}`);
    expect(page.text).toContain('respondido');
    expect(page.text).toContain('se le da la razón');
    expect(page.text).toContain('El CDI recibirá a su hija desde el lunes; pedimos disculpas.');
    // Nothing else about the case: no complainant, no description, no activities, no staff.
    for (const other of [
      'Guamán',
      'Rosa',
      PHONE,
      '1710034065',
      'tenía cupo',
      'Pedir informe',
      'uio.tecnica1',
    ])
      expect(page.text).not.toContain(other);
    expect(page.text).toContain('name="rating"');
    for (const [, id] of page.text.matchAll(/<(?:input|textarea)[^>]* id="([^"]+)"/g))
      expect(page.text).toContain(`for="${id}"`);
    const views = (await auditOf(smsCase.complaintId)).filter((a) => a.action === 'complaint.read');
    expect(views.some((a) => a.details?.via === 'link' && a.actor?.userId === 'complainant')).toBe(true);
  });

  it('refuses a rating without the CSRF token or from another origin: 403, nothing recorded', async () => {
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    const missing = await phone.post(link, { intent: 'rate', rating: '5' }, { csrf: null });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('No se cambió nada');
    const foreign = await phone.post(
      link,
      { intent: 'rate', rating: '5' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect((await readCase(smsCase.complaintId)).satisfaction).toBeUndefined();
  });

  it('shows the form again with the field marked for a rating out of the scale: 400, nothing recorded', async () => {
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    for (const rating of ['', '0', '6', 'cinco']) {
      const page = await phone.post(link, { intent: 'rate', rating, comment: 'Bien' });
      expect(page.status, rating).toBe(400);
      expect(page.text).toContain('id="rating-error"');
      expect(page.text).toContain('Elija un número del 1 al 5');
      expect(page.text).toContain('>Bien</textarea>');
    }
    const long = await phone.post(link, { intent: 'rate', rating: '4', comment: 'x'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('id="comment-error"');
    expect((await readCase(smsCase.complaintId)).satisfaction).toBeUndefined();
  });

  it('records the rating once, through the API’s own use case, audited via the link', async () => {
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    const rated = await phone.post(link, { intent: 'rate', rating: '4', comment: 'Me atendieron bien' });
    expect(rated.status).toBe(303);
    expect(rated.headers.get('location')).toBe(link.slice('/r/'.length));
    const body = await readCase(smsCase.complaintId);
    expect(body.satisfaction).toMatchObject({ rating: 4, comment: 'Me atendieron bien', by: 'complainant' });
    expect(body.history.at(-1)).toMatchObject({ action: 'rated', details: { rating: 4 } });
    const audit = (await auditOf(smsCase.complaintId)).filter((a) => a.action === 'complaint.rate');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: { userId: 'complainant' }, details: { via: 'link' } });

    const again = await phone.open(link);
    expect(again.status).toBe(200);
    expect(again.text).toContain('su valoración (4 de 5) quedó registrada');
    expect(again.text).not.toContain('name="rating"');
    expect(again.text).not.toContain('Me atendieron bien');

    const second = await phone.post(link, { intent: 'rate', rating: '1' });
    expect(second.status).toBe(409);
    expect(second.text).toContain('Su valoración ya estaba registrada');
    expect((await readCase(smsCase.complaintId)).satisfaction).toMatchObject({ rating: 4 });
    // The operator's route meets the same rule.
    const byOperator = await rt.api('POST', `/cantons/quito/complaints/${smsCase.complaintId}/satisfaction`, {
      token: operator,
      body: { rating: 2 },
    });
    expect(byOperator.status).toBe(409);
  });

  it('comes in the reply e-mail too, in the case’s language; the form goes while an appeal reopens the case', async () => {
    const byMail = await resolvedCase(
      { contact: { email: 'rosa@example.org' }, language: 'en' },
      'The centre will take your daughter from <Monday>.',
    );
    const [mail] = await outbox(byMail.reference);
    const path = linkIn(mail?.message ?? '') as string;
    expect(path).toMatch(/^\/r\/[0-9A-Za-z]{11}$/);
    expect(path).not.toBe(link);
    const page = await new LinkBrowser(rt).open(path);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/^<!doctype html><html lang="en">/);
    expect(page.text).toContain(`Your case ${byMail.reference}`);
    expect(page.text).toContain('The centre will take your daughter from &lt;Monday&gt;.');
    expect(page.text).toContain('name="rating"');

    const appealed = await rt.api('POST', `/cantons/quito/complaints/${byMail.complaintId}/appeal`, {
      token: operator,
      body: { reason: 'The centre still does not take her' },
    });
    expect(appealed.status).toBe(200);
    const reopened = await new LinkBrowser(rt).open(path);
    expect(reopened.status).toBe(200);
    expect(reopened.text).toContain('received, under review');
    expect(reopened.text).not.toContain('name="rating"');
    const phone = new LinkBrowser(rt);
    await phone.open(path);
    const refused = await phone.post(path, { intent: 'rate', rating: '3' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('There is no answer to rate yet');
    expect((await readCase(byMail.complaintId)).satisfaction).toBeUndefined();
  });

  it('answers an unknown code, or the case reference, with the plain 404; an expired link with a 410', async () => {
    const phone = new LinkBrowser(rt);
    for (const path of ['/r/AAAAAAAAAAA', `/r/${smsCase.reference}`]) {
      const page = await phone.open(path);
      expect(page.status, path).toBe(404);
      expect(page.text).toContain('Este enlace no existe');
    }
    // The store reads its table's name at load: loaded once the runtime has set it, as a function would be.
    const { issueComplaintLink } = await import('../../functions/adapters/dynamodb/links-store.js');
    const old = await issueComplaintLink(
      'quito',
      smsCase.complaintId,
      new Date(clock.now().getTime() - 31 * 24 * 3600 * 1000),
    );
    const expired = await phone.open(`/r/${old}`);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Este enlace venció');
    expect(expired.text).not.toContain(smsCase.reference);
    expect(expired.text).not.toContain('CDI');
    const late = await phone.post(`/r/${old}`, { intent: 'rate', rating: '5' });
    expect(late.status).toBe(410);
  });

  it('is not issued for a reply given in person (an anonymous complainant with no contact)', async () => {
    const opened = await rt.api('POST', '/cantons/quito/complaints', {
      token: operator,
      body: complaintBody({ complainant: { identification: 'anonymous' }, contact: undefined }),
    });
    const given = await rt.api('POST', `/cantons/quito/complaints/${opened.body.complaintId}/resolution`, {
      token: officer,
      body: { decision: 'not-upheld', reply: { text: 'Explicado en ventanilla', givenBy: 'in-person' } },
    });
    expect(given.body.resolutions[0].reply.delivery).toBe('given');
    expect(await outbox(opened.body.reference)).toEqual([]);
  });
});
