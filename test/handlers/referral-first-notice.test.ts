import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock } from '../../functions/kernel/clock.js';
import { LOCAL_TABLE_NAME } from '../../lib/table.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { quitoDay } from '../support/quito-day.js';

/**
 * No referral goes silent: with a realistic ministry address its first notice goes out with a short link that fits
 * the SMS, and when the first step fails whatever the cause, the failure is retried, recorded on the referral,
 * listed as overdue at once and alarmed, and the timers run anyway.
 */
const MINISTRY_ADDRESS = 'https://ventanillaunica.inclusion.gob.ec/derivaciones';
let rt: TestRuntime;
let officer: string;
let contact: string;

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true, publicUrl: MINISTRY_ADDRESS });
  officer = await rt.token('swcs-officer', 'quito');
  contact = await rt.token('contact-officer', 'quito', 'uio.enlace.lcaiza');
});

afterAll(async () => {
  await rt?.stop();
});

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function referToShelter() {
  const request = await rt.api('POST', '/cantons/quito/requests', {
    token: officer,
    body: intakeBody({ classification: { category: 'urgent', subcategory: 'home-destroyed' } }),
  });
  expect(request.status).toBe(201);
  const referral = await rt.api('POST', `/cantons/quito/requests/${request.body.requestId}/referrals`, {
    token: officer,
    body: { serviceId: 'psj-albergue-emergencias' },
  });
  expect(referral.status).toBe(201);
  return { requestId: request.body.requestId as string, referral: referral.body };
}

const readReferral = async (id: string) =>
  (await rt.api('GET', `/cantons/quito/referrals/${id}`, { token: officer })).body;

describe('the first notice of a referral', () => {
  it('reaches the contact officer with a short link at a long ministry address, and the referral completes', async () => {
    expect(rt.publicUrl).toBe(MINISTRY_ADDRESS);
    const { requestId, referral } = await referToShelter();
    const sms = await until(
      () => rt.sns.outbox({ referral: referral.reference }).find((m) => m.channel === 'sms'),
      'the SMS',
    );
    // The officer's own link code, not the referral's reference: the reference alone opens nothing.
    expect(sms.message).toMatch(/ https:\/\/ventanillaunica\.inclusion\.gob\.ec\/r\/[0-9A-Za-z]{11}$/);
    expect(sms.message).not.toContain(`/r/${referral.reference}`);
    expect(sms.message.length).toBeLessThanOrEqual(160);
    // The referral says its contact officers were told (a workflow resumed after a restart would not tell twice).
    await until(
      async () => (await readReferral(referral.referralId)).notifiedAt,
      'notifiedAt on the referral',
    );

    const move = (body: unknown) =>
      rt.api('POST', `/cantons/quito/referrals/${referral.referralId}/transitions`, { token: contact, body });
    expect((await move({ action: 'accept' })).status).toBe(200);
    const today = quitoDay();
    const completed = await move({
      action: 'complete',
      counterReferral: {
        assisted: true,
        outcome: 'Familia alojada',
        dateServed: today,
        reason: { code: 'other', text: 'Albergue temporal' },
        note: 'Cuatro personas',
        temporaryShelterProvided: true,
        householdMembersAffected: 4,
      },
    });
    expect(completed.status).toBe(200);
    const request = await rt.api('GET', `/cantons/quito/requests/${requestId}`, { token: officer });
    expect(request.body.status).toBe('closed');
  });

  it('that fails is retried, recorded on the referral, overdue at once and alarmed; its timers still run', async () => {
    // A configuration broken after start (the step reads the address at each notice): every attempt fails.
    const configured = process.env.SWCS_PUBLIC_URL;
    process.env.SWCS_PUBLIC_URL = 'swcs-sin-direccion';
    let referral: { referralId: string; reference: string };
    try {
      ({ referral } = await referToShelter());
      await until(
        async () => (await readReferral(referral.referralId)).attention,
        'the failure on the referral',
      );
    } finally {
      process.env.SWCS_PUBLIC_URL = configured;
    }
    const current = await readReferral(referral.referralId);
    expect(current.attention).toMatchObject({ code: 'notification-failed' });
    expect(current.attention.error).toMatch(/SWCS_PUBLIC_URL/);
    expect(current.overdue).toBe(true);
    expect(current.notifiedAt).toBeUndefined();
    expect(rt.sns.outbox({ referral: referral.reference })).toEqual([]);

    const overdue = await rt.api('GET', '/cantons/quito/referrals/overdue', { token: officer });
    expect(overdue.body.items.map((r: { referralId: string }) => r.referralId)).toContain(
      referral.referralId,
    );

    // One failure record per contact officer, in the canton's list the NotificationFailures alarm counts.
    const client = new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB });
    try {
      const { Items } = await DynamoDBDocumentClient.from(client).send(
        new QueryCommand({
          TableName: LOCAL_TABLE_NAME,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': 'C#quito#NOTIFICATION-FAILURES' },
        }),
      );
      const failures = (Items ?? []).filter((i) => i.referralId === referral.referralId);
      expect(failures.length).toBeGreaterThan(0);
      expect(failures.every((f) => f.kind === 'referral-new')).toBe(true);
    } finally {
      client.destroy();
    }

    // The acknowledgement timers run: the first reminder reaches the contact officers once it is due.
    clock.advance(3 * 3_600_000);
    await until(
      () => rt.sns.outbox({ referral: referral.reference }).find((m) => m.channel === 'sms'),
      'a timer notice after the failure',
    );
  });
});
