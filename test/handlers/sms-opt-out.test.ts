import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { doradosOrganization, specialNeedsProtocol } from '../support/providers.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';

/**
 * A contact officer whose number opted out of SMS (issue 14, item 6) is reached by e-mail instead, on the local
 * runtime: the real workflow step, the local SNS answering CheckIfPhoneNumberIsOptedOut as SNS does.
 */
let rt: TestRuntime;
let officer: string;
const LUCIA = '+593987111222';

beforeAll(async () => {
  rt = await startTestRuntime();
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  const coordinator = await rt.token('coordinator', 'quito');
  const published = await rt.api('POST', '/cantons/quito/protocols/special-needs/older-adults/versions', {
    token: coordinator,
    body: specialNeedsProtocol('older-adults'),
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  await rt.api('PUT', '/cantons/quito/organizations/dorados', {
    token: coordinator,
    body: doradosOrganization(),
  });
  const put = await rt.api('PUT', '/cantons/quito/services/dorados-dia', {
    token: coordinator,
    body: {
      organizationId: 'dorados',
      name: 'Centro diurno Años Dorados',
      description: 'Cuidado diurno para personas adultas mayores',
      serves: [{ category: 'special-needs', subcategory: 'older-adults' }],
      capacity: { total: 5, available: 5, waitlist: false },
      status: 'active',
      contactOfficerIds: ['lucia'],
    },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
});
afterAll(() => rt.stop());

async function refer() {
  const operator = await rt.token('operator', 'quito');
  const { body: request } = await rt.api('POST', '/cantons/quito/requests', {
    token: operator,
    body: intakeBody({ classification: { category: 'special-needs', subcategory: 'older-adults' } }),
  });
  const created = await rt.api('POST', `/cantons/quito/requests/${request.requestId}/referrals`, {
    token: officer,
    body: { serviceId: 'dorados-dia' },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { referralId: string; reference: string };
}

async function until<T>(probe: () => T | undefined, what: string, ms = 8000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('a number that opted out of SMS', () => {
  it('gets no SMS; the officer is told by e-mail, and the opt-out is recorded', async () => {
    rt.sns.optOut(LUCIA);
    try {
      const { reference } = await refer();
      const mail = await until(
        () => rt.sns.outbox({ referral: reference }).find((m) => m.attributes.kind === 'referral-new'),
        'the notice',
      );
      expect(mail).toMatchObject({ channel: 'email', to: 'dorados.lucia' });
      expect(mail.subject).toContain(reference);
      expect(rt.sns.outbox({ referral: reference }).filter((m) => m.channel === 'sms')).toEqual([]);

      const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
      const { Item } = await db.send(
        new GetCommand({
          TableName: process.env.TABLE_NAME,
          Key: { PK: 'C#quito#SMS-OPT-OUTS', SK: 'lucia' },
          ConsistentRead: true,
        }),
      );
      db.destroy();
      expect(Item).toMatchObject({ recipientId: 'lucia', kind: 'referral-new' });
      expect(JSON.stringify(Item)).not.toContain(LUCIA);
    } finally {
      rt.sns.optOut(LUCIA, false);
    }
    // Opted back in: SMS again.
    const { reference } = await refer();
    const sms = await until(
      () => rt.sns.outbox({ referral: reference }).find((m) => m.attributes.kind === undefined),
      'the SMS',
    );
    expect(sms).toMatchObject({ channel: 'sms', to: LUCIA });
  });
});
