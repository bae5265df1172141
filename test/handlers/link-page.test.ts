import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { LOCAL_TABLE_NAME } from '../../lib/table.js';
import { conditionChecks, DynamoCalls, readKeys, type SentCall } from '../support/dynamo-calls.js';
import { LinkBrowser, linkPathIn, until, verificationCodeFor } from '../support/link-client.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { quitoDay } from '../support/quito-day.js';

/**
 * A contact officer answers a referral from the short link of their SMS, with no account and no script: the page
 * shows the referral, a code sent to their registered phone verifies the device, and every answer is the API's own
 * move. Each bad input of the issue gets its page, and changes nothing.
 */
const PHONE = '+593997013486'; // Lorena Caiza, contact officer of the shelter (cantons/catalogue/quito.json)
let rt: TestRuntime;
let officerToken: string;
let db: DynamoDBDocumentClient;
let referral: { referralId: string; reference: string };
let requestId: string;
let link: string;
let calls: DynamoCalls;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  officerToken = await rt.token('swcs-officer', 'quito');
  const request = await rt.api('POST', '/cantons/quito/requests', {
    token: officerToken,
    body: intakeBody(),
  });
  requestId = request.body.requestId;
  const made = await rt.api('POST', `/cantons/quito/requests/${requestId}/referrals`, {
    token: officerToken,
    body: { serviceId: 'psj-albergue-emergencias' },
  });
  expect(made.status).toBe(201);
  referral = made.body;
  link = await until(() => linkPathIn(rt, referral.reference, PHONE), 'the SMS with its link');
  calls = await DynamoCalls.install();
});

afterAll(async () => {
  await rt?.stop();
});

const readReferral = async () =>
  (await rt.api('GET', `/cantons/quito/referrals/${referral.referralId}`, { token: officerToken })).body;

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

const verified = new LinkBrowser(null as never);

/** Another referral of a new request to the same shelter (and so to the same contact officer). */
async function anotherReferral(): Promise<{ referralId: string; reference: string }> {
  const request = await rt.api('POST', '/cantons/quito/requests', {
    token: officerToken,
    body: intakeBody(),
  });
  const made = await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
    token: officerToken,
    body: { serviceId: 'psj-albergue-emergencias' },
  });
  expect(made.status).toBe(201);
  return made.body;
}

const tokenKey = (referralId: string) => ({ PK: `C#quito#REF#${referralId}`, SK: 'TASK-TOKEN' });
const storedToken = async (referralId: string) =>
  (
    await db.send(
      new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: tokenKey(referralId), ConsistentRead: true }),
    )
  ).Item;

describe("a contact officer's short link", () => {
  it('opens a small Spanish page without script: reference, service, deadline, nothing about the citizen', async () => {
    const phone = new LinkBrowser(rt);
    const page = await phone.open(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Buffer.byteLength(page.text)).toBeLessThan(30 * 1024);
    expect(page.text).toMatch(/^<!doctype html><html lang="es">/);
    expect(page.text).not.toMatch(/<script/i);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain(referral.reference);
    expect(page.text).toContain('Albergue temporal para familias afectadas por emergencias');
    // The weekday may carry an accent (miércoles, sábado), which \w does not match.
    expect(page.text).toMatch(/confirme la recepción[^<]*hasta <strong>\p{L}+ \d\d\/\d\d\/\d{4} \d\d:\d\d/iu);
    expect(page.text).not.toContain('Guamán');
    expect(page.text).not.toContain('+593991234567');
    // Every input has its label.
    for (const [, id] of page.text.matchAll(/<input[^>]* id="([^"]+)"/g))
      expect(page.text).toContain(`for="${id}"`);
  });

  it('answers an unknown or malformed code with a plain Spanish 404 that names nothing', async () => {
    const phone = new LinkBrowser(rt);
    for (const path of ['/r/AAAAAAAAAAA', '/r/short', `/r/${referral.reference}`]) {
      const page = await phone.open(path);
      expect(page.status, path).toBe(404);
      expect(page.text).toContain('Este enlace no existe');
      expect(page.text).not.toContain(referral.reference.slice(0, 4) + '-');
      expect(page.text).not.toContain('Albergue');
    }
  });

  it('answers an expired or revoked link with a 410 that names nothing', async () => {
    // The store reads its table's name at load: loaded once the runtime has set it, as a function would be.
    const { issueLink } = await import('../../functions/adapters/dynamodb/links-store.js');
    const phone = new LinkBrowser(rt);
    const expired = await issueLink(
      {
        cantonId: 'quito',
        referralId: referral.referralId,
        recipient: { id: 'psj-albergues', kind: 'contact-officer', userId: 'uio.enlace.lcaiza' },
      },
      new Date(clock.now().getTime() - 31 * 24 * 3600 * 1000),
    );
    const page = await phone.open(`/r/${expired}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('Este enlace venció');
    expect(page.text).not.toContain(referral.reference);
    // A contact officer the organization no longer lists has lost the link with the post.
    const gone = await issueLink(
      {
        cantonId: 'quito',
        referralId: referral.referralId,
        recipient: { id: 'psj-antiguo', kind: 'contact-officer', userId: 'uio.enlace.antiguo' },
      },
      clock.now(),
    );
    const revoked = await phone.open(`/r/${gone}`);
    expect(revoked.status).toBe(410);
    expect(revoked.text).toContain('ya no es válido');
    expect(revoked.text).not.toContain(referral.reference);
  });

  it('refuses a form without the CSRF token, from another origin, or not a form: 403/415, no code sent', async () => {
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    const sent = () => rt.sns.outbox().filter((m) => m.to === PHONE).length;
    const before = sent();
    expect((await phone.post(link, { intent: 'send-code' }, { csrf: null })).status).toBe(403);
    expect((await phone.post(link, { intent: 'send-code' }, { csrf: 'x'.repeat(43) })).status).toBe(403);
    const foreign = await phone.post(link, { intent: 'send-code' }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.text).toContain('No se cambió nada');
    expect((await phone.post(link, { intent: 'send-code' }, { contentType: 'text/plain' })).status).toBe(415);
    expect(sent()).toBe(before);
  });

  it('lets nobody act before the device is verified', async () => {
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    const page = await phone.post(link, { intent: 'act', action: 'accept' });
    expect(page.status).toBe(403);
    expect(page.text).toContain('Confirme primero que es usted');
    expect((await readReferral()).status).toBe('requested');
  });

  it('verifies the device with a 6-digit code sent to the registered phone, then shows the citizen', async () => {
    Object.assign(verified, new LinkBrowser(rt));
    await verified.open(link);
    const asked = await verified.post(link, { intent: 'send-code' });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain('Le enviamos un código de 6 dígitos (…3486)');
    const code = await until(() => verificationCodeFor(rt, PHONE), 'the code by SMS');
    // A second code only after a minute.
    expect((await verified.post(link, { intent: 'send-code' })).status).toBe(429);

    const wrong = await verified.post(link, {
      intent: 'verify',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Le quedan 4 intentos');
    const right = await verified.post(link, { intent: 'verify', code });
    expect(right.status).toBe(303);
    const session = right.headers.getSetCookie().find((c) => c.startsWith('swcs_link_session='));
    expect(session).toMatch(/; Path=\/r\/; Max-Age=43200; HttpOnly; Secure; SameSite=Lax$/);
    // The code is good once.
    expect((await new LinkBrowser(rt).post(link, { intent: 'verify', code }, { csrf: null })).status).toBe(
      403,
    );

    const page = await verified.open(link);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Rosa Guamán');
    expect(page.text).toContain('+593991234567');
    expect(page.text).toContain('Aceptar a la persona');
    const reads = (await auditOf(requestId)).filter((a) => a.action === 'request.read');
    expect(reads.at(-1)).toMatchObject({
      actor: { userId: 'uio.enlace.lcaiza', roles: ['contact-officer'] },
      details: { via: 'link', referralId: referral.referralId },
    });
  });

  it('accepts through the same transition as the API, audited via the link; a second answer is a 409 page', async () => {
    await until(
      async () => (await storedToken(referral.referralId))?.phase === 'acknowledgement',
      'the acknowledgement wait',
    );
    let accepted: Awaited<ReturnType<typeof verified.post>> | undefined;
    const sent = await calls.during(async () => {
      accepted = await verified.post(link, { intent: 'act', action: 'accept' });
    });
    expect(accepted?.status).toBe(303);
    // The move starts from the referral and the token the page read with the history (one Query), and its
    // transaction checks that token.
    const collection = `C#quito#REF#${referral.referralId}`;
    const moveStart = sent.findIndex((c) => c.operation === 'TransactWriteItems');
    const beforeMove = sent.slice(0, moveStart).flatMap(readKeys);
    expect(beforeMove.filter((k) => k === `${collection}|*`)).toHaveLength(1);
    expect(beforeMove).not.toContain(`${collection}|REFERRAL`);
    expect(beforeMove).not.toContain(`${collection}|TASK-TOKEN`);
    expect(conditionChecks(sent[moveStart] as SentCall)).toContain(`${collection}|TASK-TOKEN`);
    // The workflow heard the answer: it waits for the counter-referral.
    await until(
      async () => (await storedToken(referral.referralId))?.phase === 'counterReferral',
      'the counter-referral wait',
    );
    const now = await readReferral();
    expect(now.status).toBe('accepted');
    expect(now.history.at(-1)).toMatchObject({ action: 'accepted', by: { userId: 'uio.enlace.lcaiza' } });
    const audit = (await auditOf(referral.referralId)).find((a) => a.action === 'referral.accept');
    expect(audit).toMatchObject({ actor: { userId: 'uio.enlace.lcaiza' }, details: { via: 'link' } });

    const again = await verified.post(link, { intent: 'act', action: 'accept' });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/Lorena Caiza Tituaña la aceptó el \p{L}+ \d\d\/\d\d\/\d{4} \d\d:\d\d/u);
    expect((await readReferral()).version).toBe(now.version);
  });

  it('accepts a referral whose workflow saved its wait after the page read: read again, that wait answered', async () => {
    const { referralId, reference } = await anotherReferral();
    const path = await until(() => linkPathIn(rt, reference, PHONE), 'the SMS with its link');
    const saved = await until(async () => {
      const token = await storedToken(referralId);
      return token?.phase === 'acknowledgement' ? token : undefined;
    }, 'the acknowledgement wait');
    expect((await verified.open(path)).status).toBe(200);
    // The page reads while the workflow is between waits; the workflow saves its token right after.
    await db.send(new DeleteCommand({ TableName: LOCAL_TABLE_NAME, Key: tokenKey(referralId) }));
    calls.afterNext('Query', async () => {
      await db.send(new PutCommand({ TableName: LOCAL_TABLE_NAME, Item: saved }));
    });
    const sent = await calls.during(async () => {
      expect((await verified.post(path, { intent: 'act', action: 'accept' })).status).toBe(303);
    });
    // The first write checked the token the page read (none) and failed; the move read both again.
    expect(sent.filter((c) => c.operation === 'TransactWriteItems').length).toBeGreaterThanOrEqual(2);
    expect(sent.flatMap(readKeys)).toContain(`C#quito#REF#${referralId}|TASK-TOKEN`);
    await until(
      async () => (await storedToken(referralId))?.phase === 'counterReferral',
      'the counter-referral wait',
    );
    const moved = (await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officerToken }))
      .body;
    expect(moved.status).toBe('accepted');
    expect(moved.history.filter((e: { action: string }) => e.action === 'accepted')).toHaveLength(1);
  });

  it('shows the counter-referral form again, the missing field marked, and records nothing', async () => {
    const before = await readReferral();
    const page = await verified.post(link, {
      intent: 'act',
      action: 'complete',
      'cr.assisted': 'true',
      'cr.dateServed': quitoDay(),
    });
    expect(page.status).toBe(400);
    expect(page.text).toContain('Revise los campos marcados');
    expect(page.text).toMatch(/id="complete-cr-outcome"\s+name="cr.outcome" required aria-invalid="true"/);
    expect(page.text).toContain('<details open>');
    expect((await readReferral()).version).toBe(before.version);
  });

  it('completes with the counter-referral generated from the protocol; the request closes; the link then closes', async () => {
    const page = await verified.open(link);
    // The shelter protocol's own fields are on the form.
    expect(page.text).toContain('name="cf.temporaryShelterProvided"');
    expect(page.text).toContain('name="cf.householdMembersAffected"');
    const today = quitoDay();
    const done = await verified.post(link, {
      intent: 'act',
      action: 'complete',
      'cr.assisted': 'true',
      'cr.outcome': 'Familia alojada',
      'cr.dateServed': today,
      'cr.reasonCode': 'other',
      'cr.reasonText': 'Albergue temporal',
      'cr.note': 'Cuatro personas',
      'cf.temporaryShelterProvided': 'true',
      'cf.householdMembersAffected': '4',
    });
    expect(done.status).toBe(303);
    const now = await readReferral();
    expect(now.status).toBe('completed');
    expect(now.counterReferral).toMatchObject({
      assisted: true,
      outcome: 'Familia alojada',
      customFields: { temporaryShelterProvided: true, householdMembersAffected: 4 },
    });
    const request = await rt.api('GET', `/cantons/quito/requests/${requestId}`, { token: officerToken });
    expect(request.body.status).toBe('closed');

    const closed = await verified.open(link);
    expect(closed.status).toBe(410);
    expect(closed.text).toContain('Esta derivación ya está cerrada');
    expect(closed.text).toContain('Lorena Caiza Tituaña la completó');
    expect(closed.text).not.toContain('Rosa');
  });

  it('limits wrong codes: after five, a wait, even for the right code', async () => {
    // A new referral for the same officer, opened on another phone.
    const { reference } = await anotherReferral();
    const second = await until(() => linkPathIn(rt, reference, PHONE), 'the second SMS');
    const phone = new LinkBrowser(rt);
    await phone.open(second);
    // The first code was sent under a minute ago: the officer waits for it to expire or uses the one received.
    await phone.post(second, { intent: 'send-code' });
    const code = verificationCodeFor(rt, PHONE) as string;
    const other = code === '000000' ? '111111' : '000000';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await phone.post(second, { intent: 'verify', code: other }));
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 400, 429]);
    expect(answers[4]?.text).toContain('Demasiados intentos');
    const right = await phone.post(second, { intent: 'verify', code });
    expect(right.status).toBe(429);
    expect(right.headers.getSetCookie().some((c) => c.startsWith('swcs_link_session='))).toBe(false);
  });
});
