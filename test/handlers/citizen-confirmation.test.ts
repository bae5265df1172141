import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { smsSegments } from '../../functions/domain/notifications.js';
import type { CantonDefinition } from '../../functions/domain/canton.js';
import { computeDeadline } from '../../functions/domain/deadlines.js';
import { cantonCalendar } from '../../functions/app/canton-calendar.js';
import { loadCantons } from '../../lib/cantons.js';
import { LOCAL_TABLE_NAME } from '../../lib/table.js';
import { LinkBrowser, until } from '../support/link-client.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { quitoDay } from '../support/quito-day.js';

/**
 * The citizen confirms they were served: one SMS with their own link when the referral completes (a phone and
 * consent to be contacted), a one-question page (yes / no, an optional rating), once; without a phone, consent or an
 * answer within the protocol's period, the operators' call-back list, where an operator records the answer. A
 * denial tells the referring officer and puts the request back in their queue, in the answer's transaction. Every
 * answer is checked against /openapi.json as it comes (test/support/conformance.ts).
 */
const CITIZEN = '+593991234567';
let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let officer: string;
let contact: string;
let operator: string;

interface Completed {
  readonly requestId: string;
  readonly requestReference: string;
  readonly referralId: string;
  readonly reference: string;
}

/** A request referred to the shelter, accepted and completed by its contact officer. */
async function completed(overrides: Record<string, unknown> = {}): Promise<Completed> {
  const request = await rt.api('POST', '/cantons/quito/requests', {
    token: officer,
    body: intakeBody({ consent: { dataSharing: 'given', contact: 'given' }, ...overrides }),
  });
  expect(request.status, JSON.stringify(request.body)).toBe(201);
  const made = await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
    token: officer,
    body: { serviceId: 'psj-albergue-emergencias' },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const path = `/cantons/quito/referrals/${made.body.referralId}/transitions`;
  expect((await rt.api('POST', path, { token: contact, body: { action: 'accept' } })).status).toBe(200);
  const done = await rt.api('POST', path, {
    token: contact,
    body: {
      action: 'complete',
      counterReferral: {
        assisted: true,
        outcome: 'Familia alojada',
        dateServed: quitoDay(),
        reason: { code: 'other', text: 'Albergue temporal' },
        note: 'Cuatro personas',
        temporaryShelterProvided: true,
        householdMembersAffected: 4,
      },
    },
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return {
    requestId: request.body.requestId,
    requestReference: request.body.reference,
    referralId: made.body.referralId,
    reference: made.body.reference,
  };
}

/** The citizen's SMS about a request (its reference is all it says of it). */
const smsAbout = (c: Completed) =>
  rt.sns.outbox({ referral: c.requestReference }).filter((m) => m.to === CITIZEN && m.channel === 'sms');

const linkIn = (text: string) => {
  const url = text.match(/https?:\/\/\S+\/r\/[0-9A-Za-z]{11}\b/)?.[0];
  return url ? new URL(url).pathname : undefined;
};

const readReferral = async (id: string) =>
  (await rt.api('GET', `/cantons/quito/referrals/${id}`, { token: officer })).body;
const readRequest = async (id: string) =>
  (await rt.api('GET', `/cantons/quito/requests/${id}`, { token: officer })).body;

async function toConfirm(token = operator): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  do {
    const page = await rt.api(
      'GET',
      `/cantons/quito/referrals/to-confirm?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { token },
    );
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

const answer = (referralId: string, body: unknown, token = operator, key = `k-${Math.random()}`) =>
  rt.api('POST', `/cantons/quito/referrals/${referralId}/confirmation`, {
    token,
    body,
    headers: { 'idempotency-key': key },
  });

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

let withPhone: Completed;
let link: string;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  officer = await rt.token('swcs-officer', 'quito');
  contact = await rt.token('contact-officer', 'quito', 'uio.enlace.lcaiza');
  operator = await rt.token('operator', 'quito');
  withPhone = await completed();
  const [sms] = await until(() => {
    const found = smsAbout(withPhone);
    return found.length > 0 ? found : undefined;
  }, "the citizen's SMS");
  link = linkIn(sms?.message ?? '') as string;
});

afterAll(async () => {
  await rt?.stop();
});

describe('the citizen confirms a completed referral', () => {
  it('gets one SMS at completion: one GSM-7 segment, the request reference and a link, no name, no service', async () => {
    const sms = smsAbout(withPhone);
    expect(sms).toHaveLength(1);
    const text = sms[0]?.message ?? '';
    expect(text).toContain(`¿Recibio el servicio`);
    expect(text).toContain(withPhone.requestReference);
    expect(link).toMatch(/^\/r\/[0-9A-Za-z]{11}$/);
    expect(smsSegments(text)).toMatchObject({ gsm7: true, segments: 1 });
    for (const personal of ['Rosa', 'Guam', 'Albergue', withPhone.reference])
      expect(text).not.toContain(personal);
    // Waiting for the answer, it is not on the call-back list yet.
    expect((await toConfirm()).map((i) => i.referralId)).not.toContain(withPhone.referralId);
  });

  it('opens a small page without script: one question, yes / no and an optional rating, every field labelled', async () => {
    const phone = new LinkBrowser(rt);
    const page = await phone.open(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(Buffer.byteLength(page.text)).toBeLessThan(30 * 1024);
    expect(page.text).toMatch(/^<!doctype html><html lang="es">/);
    expect(page.text).not.toMatch(/<script/i);
    expect(page.text).toContain('¿Recibió el servicio?');
    expect(page.text).toContain(withPhone.requestReference);
    expect(page.text).not.toContain('Guamán');
    expect(page.text).not.toContain(CITIZEN);
    for (const [, id] of page.text.matchAll(/<input[^>]* id="([^"]+)"/g))
      expect(page.text).toContain(`for="${id}"`);
    expect(page.text).toContain('name="answer" value="confirmed"');
    expect(page.text).toContain('name="rating" value="5"');
  });

  it('refuses a bad answer with the form again, the field marked, and nothing recorded', async () => {
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    for (const [fields, marked] of [
      [{ answer: 'maybe' }, 'answer-error'],
      [{ answer: 'unreachable' }, 'answer-error'],
      [{ answer: 'confirmed', rating: '0' }, 'rating-error'],
      [{ answer: 'confirmed', rating: '6' }, 'rating-error'],
      [{ answer: 'denied', rating: '4' }, 'rating-error'],
    ] as const) {
      const page = await phone.post(link, { intent: 'confirm', ...fields });
      expect(page.status, JSON.stringify(fields)).toBe(400);
      expect(page.text).toContain(`id="${marked}"`);
      expect(page.text).toContain('aria-invalid="true"');
    }
    // Without the page's CSRF token, or from another site: refused.
    expect((await phone.post(link, { intent: 'confirm', answer: 'confirmed' }, { csrf: null })).status).toBe(
      403,
    );
    expect(
      (await phone.post(link, { intent: 'confirm', answer: 'confirmed' }, { origin: 'https://evil.example' }))
        .status,
    ).toBe(403);
    expect((await readReferral(withPhone.referralId)).citizenConfirmation).toBeUndefined();
  });

  it('records yes with a rating once, on the referral with its history; the link used twice says so', async () => {
    const phone = new LinkBrowser(rt);
    await phone.open(link);
    const done = await phone.post(link, { intent: 'confirm', answer: 'confirmed', rating: '5' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Gracias por su respuesta');
    const referral = await readReferral(withPhone.referralId);
    expect(referral.citizenConfirmation).toMatchObject({
      answer: 'confirmed',
      rating: 5,
      via: 'link',
      by: 'citizen',
    });
    expect(referral.history.at(-1)).toMatchObject({
      action: 'citizen-confirmation',
      details: { answer: 'confirmed', via: 'link', rating: 5 },
    });
    const again = await phone.post(link, { intent: 'confirm', answer: 'denied' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('ya fue respondida');
    const reopened = await new LinkBrowser(rt).open(link);
    expect(reopened.status).toBe(200);
    expect(reopened.text).toContain('ya fue respondida');
    expect(reopened.text).not.toContain('name="answer"');
    expect((await readReferral(withPhone.referralId)).citizenConfirmation.answer).toBe('confirmed');
    // The operator cannot answer it again either.
    expect((await answer(withPhone.referralId, { answer: 'denied' })).status).toBe(409);
    // Audited: the completion's read of the contact, each page, the answer via the link.
    const audits = await auditOf(withPhone.referralId);
    expect(audits.some((a) => a.action === 'referral.confirmation' && a.details?.via === 'link')).toBe(true);
    expect(audits.some((a) => a.action === 'referral.read' && a.details?.via === 'link')).toBe(true);
    const requestAudits = await auditOf(withPhone.requestId);
    expect(requestAudits.filter((a) => a.action === 'request.contact-read').length).toBeGreaterThanOrEqual(2);
    expect((await readRequest(withPhone.requestId)).status).toBe('closed');
  });

  it('puts a citizen without a phone, or without consent, on the call-back list at once, with no SMS', async () => {
    const noPhone = await completed({ contact: { email: 'rosa@example.org' } });
    const noConsent = await completed({ consent: { dataSharing: 'given' } });
    const listed = await toConfirm();
    const byId = new Map(listed.map((i) => [i.referralId, i]));
    expect(byId.get(noPhone.referralId)).toMatchObject({
      askedBy: 'call',
      callReason: 'no-phone',
      citizenInitials: 'R. G.',
      requestReference: noPhone.requestReference,
    });
    expect(byId.get(noConsent.referralId)).toMatchObject({ askedBy: 'call', callReason: 'no-consent' });
    expect(JSON.stringify(listed)).not.toContain('Guamán');
    expect(JSON.stringify(listed)).not.toContain(CITIZEN);
    expect(smsAbout(noConsent)).toHaveLength(0);
    // Contact officers do not see the list; the list read is audited.
    expect((await rt.api('GET', '/cantons/quito/referrals/to-confirm', { token: contact })).status).toBe(403);
    expect((await auditOf('quito')).some((a) => a.action === 'referral.closures-to-confirm')).toBe(true);

    // The operator records what the citizen said: bad input first, changing nothing.
    for (const [bad, field] of [
      [{ answer: 'confirmed', rating: 0 }, '/rating'],
      [{ answer: 'confirmed', rating: 6 }, '/rating'],
      [{ answer: 'maybe' }, '/answer'],
      [{ answer: 'unreachable', rating: 3 }, '/rating'],
      [{}, '/answer'],
    ] as const) {
      const refused = await answer(noPhone.referralId, bad);
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.code).toBe('invalid_input');
      expect(refused.body.errors.map((e: { pointer?: string }) => e.pointer)).toContain(field);
    }
    expect((await readReferral(noPhone.referralId)).citizenConfirmation).toBeUndefined();
    const recorded = await answer(noPhone.referralId, { answer: 'confirmed', rating: 4 });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
    expect(recorded.body.citizenConfirmation).toMatchObject({
      answer: 'confirmed',
      rating: 4,
      via: 'operator',
    });
    const unreachable = await answer(noConsent.referralId, { answer: 'unreachable' });
    expect(unreachable.body.citizenConfirmation).toMatchObject({ answer: 'unreachable', via: 'operator' });
    const after = (await toConfirm()).map((i) => i.referralId);
    expect(after).not.toContain(noPhone.referralId);
    expect(after).not.toContain(noConsent.referralId);
    // Another canton's operator does not learn the referral exists.
    const cuenca = await rt.token('operator', 'cuenca');
    expect((await answer(noPhone.referralId, { answer: 'denied' }, cuenca)).status).toBe(404);
  });

  it('takes a denial: the referring officer is told and the request is back in their queue, in one write', async () => {
    const denied = await completed({ contact: { email: 'rosa@example.org' } });
    expect((await readRequest(denied.requestId)).status).toBe('closed');
    const recorded = await answer(denied.referralId, { answer: 'denied' });
    expect(recorded.status).toBe(200);
    const request = await readRequest(denied.requestId);
    expect(request.status).toBe('needs-referral');
    expect(request.history.at(-1)).toMatchObject({
      action: 'follow-up-reopened',
      details: { referralId: denied.referralId, cause: 'citizen-denied' },
    });
    const mail = await until(
      () =>
        rt.sns
          .outbox({ referral: denied.reference })
          .find((m) => m.channel === 'email' && /Servicio no recibido/.test(m.subject ?? '')),
      'the e-mail to the referring officer',
    );
    expect(mail.message).toContain(denied.requestReference);
    expect(mail.message).not.toContain('Guamán');
    // The referral keeps what the citizen said; it stays completed.
    const referral = await readReferral(denied.referralId);
    expect(referral.status).toBe('completed');
    expect(referral.citizenConfirmation.answer).toBe('denied');
  });

  it("writes to the citizen in English when that is the request's contact language, SMS and page", async () => {
    const english = await completed({ contact: { phone: CITIZEN, language: 'en' } });
    const [sms] = await until(() => {
      const found = smsAbout(english);
      return found.length > 0 ? found : undefined;
    }, 'the English SMS');
    expect(sms?.message).toMatch(/^Single Window: did you receive the service we referred you to \(request /);
    expect(smsSegments(sms?.message ?? '')).toMatchObject({ gsm7: true, segments: 1 });
    const page = await new LinkBrowser(rt).open(linkIn(sms?.message ?? '') as string);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/^<!doctype html><html lang="en">/);
    expect(page.text).toContain('Did you receive the service?');
  });

  it('withdraws the question of a referral entered in error: off the list, nothing left to confirm (409)', async () => {
    const mistaken = await completed({ contact: { email: 'rosa@example.org' } });
    expect((await toConfirm()).map((i) => i.referralId)).toContain(mistaken.referralId);
    const coordinator = await rt.token('coordinator', 'quito');
    const undone = await rt.api('POST', `/cantons/quito/referrals/${mistaken.referralId}/transitions`, {
      token: coordinator,
      body: { action: 'enterInError', reason: { code: 'duplicate' } },
    });
    expect(undone.status, JSON.stringify(undone.body)).toBe(200);
    expect((await toConfirm()).map((i) => i.referralId)).not.toContain(mistaken.referralId);
    expect((await answer(mistaken.referralId, { answer: 'confirmed' })).status).toBe(409);
  });

  it('moves a citizen whose links were revoked to the call-back list at once (link-revoked); the link is a 410', async () => {
    const revoked = await completed();
    const [sms] = await until(() => {
      const found = smsAbout(revoked);
      return found.length > 0 ? found : undefined;
    }, 'the SMS');
    const path = linkIn(sms?.message ?? '') as string;
    const done = await rt.api('POST', `/cantons/quito/referrals/${revoked.referralId}/link-revocation`, {
      token: officer,
      body: { reason: 'El SMS llegó a otro número' },
      headers: { 'idempotency-key': 'revoke-citizen' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await new LinkBrowser(rt).open(path)).status).toBe(410);
    const listed = (await toConfirm()).find((i) => i.referralId === revoked.referralId);
    expect(listed).toMatchObject({ askedBy: 'sms', callReason: 'link-revoked' });
    expect((await answer(revoked.referralId, { answer: 'unreachable' })).status).toBe(200);
  });

  it("lists a citizen who did not answer the SMS within the protocol's period (5 working days)", async () => {
    const before = clock.now();
    const silent = await completed();
    const after = clock.now();
    await until(() => (smsAbout(silent).length > 0 ? true : undefined), 'the SMS');
    // Five working days of Quito's calendar after the completion: its rest days (a weekend, the city's founding
    // day when it falls near) are skipped, so the day the call falls due depends on the week the test runs in.
    const quito = loadCantons().find((c) => c.id === 'quito') as CantonDefinition;
    const fiveWorkingDays = { amount: 5, unit: 'working-days' } as const;
    const dueFrom = computeDeadline(before, fiveWorkingDays, cantonCalendar(quito, before)).getTime();
    const dueBy = computeDeadline(after, fiveWorkingDays, cantonCalendar(quito, after)).getTime();
    const moveTo = (instant: number) => clock.advance(instant - clock.now().getTime());
    expect((await toConfirm()).map((i) => i.referralId)).not.toContain(silent.referralId);
    moveTo(dueFrom - 60_000);
    expect((await toConfirm()).map((i) => i.referralId)).not.toContain(silent.referralId);
    moveTo(dueBy + 60_000);
    const listed = (await toConfirm()).find((i) => i.referralId === silent.referralId);
    expect(listed).toMatchObject({ askedBy: 'sms', requestReference: silent.requestReference });
    expect(listed?.callReason).toBeUndefined();
    expect(listed?.smsSentAt).toBeDefined();
  });
});
