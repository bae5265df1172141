import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CITIZEN_MAIL_FROM } from '../../lib/local/runtime.js';
import { startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * A complaint's reply by e-mail on a stage that names no identity to e-mail citizens from (no `citizenMail`
 * setting): the e-mail is not sent and does not vanish — its delivery is recorded as failed on the case, where the
 * call centre sees it and gives the reply by phone, and as a notification failure for the canton's alarm. The SMS
 * channel is not affected. Once the stage names one, the next e-mail reply goes through SES (here its local
 * stand-in) to the citizen's address.
 */
let rt: TestRuntime;
let db: DynamoDBDocumentClient;
let operator: string;
let officer: string;
const EMAIL = 'rosa.guaman@example.org';

beforeAll(async () => {
  rt = await startTestRuntime({ seed: true, citizenMailFrom: false, log: () => {} });
  db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
  operator = await rt.token('operator', 'quito');
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
});
afterAll(async () => {
  db?.destroy();
  await rt.stop();
});

const open = (contact: Record<string, unknown>) =>
  rt.api('POST', '/cantons/quito/complaints', {
    token: operator,
    body: {
      type: 'claim',
      concerns: { kind: 'program', name: 'Bono de Desarrollo Humano' },
      channel: 'phone',
      complainant: { identification: 'national-id', nationalId: '1710034065' },
      contact,
      description: 'No recibí el pago de este mes',
      assigneeId: 'uio.tecnica1',
    },
  });
const resolve = (complaintId: string) =>
  rt.api('POST', `/cantons/quito/complaints/${complaintId}/resolution`, {
    token: officer,
    body: { decision: 'upheld', reply: { text: 'El pago se acreditará el viernes.' } },
  });

describe("a complaint's e-mail reply, by whether the stage can e-mail citizens", () => {
  it('without an identity, is recorded as failed on the case, for the call centre to give by phone, and sends nothing', async () => {
    const opened = await open({ email: EMAIL, preferredChannel: 'email' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body.replyChannel).toBe('email');
    const { complaintId, reference } = opened.body;

    const resolved = await resolve(complaintId);
    // The decision stands: the failed delivery is not an error of the resolution.
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolutions: [{ decision: 'upheld', reply: { channel: 'email', delivery: 'failed' } }],
    });
    expect(rt.sns.outbox({ referral: reference })).toEqual([]);

    // What the call centre reads later: the case says the reply did not go out.
    const read = await rt.api('GET', `/cantons/quito/complaints/${complaintId}`, { token: operator });
    expect(read.body.resolutions[0].reply).toMatchObject({
      channel: 'email',
      delivery: 'failed',
      text: 'El pago se acreditará el viernes.',
    });
    expect(read.body.history.at(-1)).toMatchObject({
      action: 'reply-delivered',
      details: { channel: 'email', delivery: 'failed' },
    });

    // And the canton's notification failures name it by id, with the reason, never by address.
    const failures = await db.send(
      new QueryCommand({
        TableName: process.env.TABLE_NAME,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'C#quito#NOTIFICATION-FAILURES' },
      }),
    );
    const failure = (failures.Items ?? []).find((item) => item.complaintId === complaintId);
    expect(failure).toMatchObject({
      kind: 'complaint-reply',
      recipient: { id: `complaint.${complaintId}`, channel: 'email' },
      error: 'CitizenMailNotConfigured',
    });
    expect(JSON.stringify(failure)).not.toContain(EMAIL);
  });

  it("once the stage names its identity, goes through SES to the citizen's address, into the outbox", async () => {
    // As after a deploy with `citizenMail`: the function reads its sender at each send.
    process.env.CITIZEN_MAIL_FROM = LOCAL_CITIZEN_MAIL_FROM;
    try {
      const opened = await open({ email: EMAIL, preferredChannel: 'email' });
      const resolved = await resolve(opened.body.complaintId);
      expect(resolved.body.resolutions[0].reply).toMatchObject({ channel: 'email', delivery: 'sent' });
      const outbox = await fetch(`${rt.url}/_local/outbox?referral=${opened.body.reference}`);
      const { items } = (await outbox.json()) as { items: Record<string, unknown>[] };
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        channel: 'email',
        service: 'ses',
        to: EMAIL,
        from: LOCAL_CITIZEN_MAIL_FROM,
        attributes: { kind: 'complaint-reply', canton: 'quito', complaintId: opened.body.complaintId },
      });
      expect(items[0]?.message).toContain('El pago se acreditará el viernes.');
      expect(items[0]?.message).toMatch(/\/r\/[0-9A-Za-z]{11} /);
    } finally {
      delete process.env.CITIZEN_MAIL_FROM;
    }
  });

  it('leaves the SMS reply as it was: sent, to the phone', async () => {
    const opened = await open({ phone: '+593991234567', preferredChannel: 'sms' });
    const resolved = await resolve(opened.body.complaintId);
    expect(resolved.body.resolutions[0].reply).toMatchObject({ channel: 'sms', delivery: 'sent' });
    const [sms] = rt.sns.outbox({ referral: opened.body.reference });
    expect(sms).toMatchObject({ channel: 'sms', service: 'sns', to: '+593991234567' });
  });
});
