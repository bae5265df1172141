import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../../functions/kernel/clock.js';
import * as keys from '../../functions/adapters/dynamodb/keys.js';
import { LOCAL_TABLE_NAME } from '../../lib/table.js';
import { until } from '../support/link-client.js';
import { intakeBody, startTestRuntime, type TestRuntime } from '../support/runtime.js';
import { hours, specialNeedsProtocol } from '../support/providers.js';

/**
 * What the SMS cost (performance issue 15): a referral's first notice goes on the channel each contact officer
 * prefers, its reminders and escalations by e-mail to those who have an address, and someone reached only by SMS
 * gets one SMS of a referral per product day — an escalation they cannot be sent that day goes to the canton's
 * coordinators instead. The real workflow on the local runtime, the product clock moved to fire each timer.
 */
let rt: TestRuntime;
let officer: string;
const HOUR = 3_600_000;
const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Guayaquil' });
const localHour = (at: Date) =>
  Number(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Guayaquil',
      hour: 'numeric',
      hourCycle: 'h23',
    }).format(at),
  );

const officerOf = (id: string, phone: string, supervisorId?: string) => ({
  id,
  userId: `canales.${id}`,
  name: `Enlace ${id}`,
  position: 'Enlace',
  email: `${id}@canales.example.org`,
  phone,
  preferredChannel: 'sms',
  ...(supervisorId ? { supervisorId } : {}),
});

const MARTA = '+593987000101';
const ROSA = '+593987000102';
const PEDRO = '+593987000201';
const INES = '+593987000202';

async function putProvider(
  coordinator: string,
  organizationId: string,
  officers: unknown[],
  serviceId: string,
) {
  const org = await rt.api('PUT', `/cantons/quito/organizations/${organizationId}`, {
    token: coordinator,
    body: {
      name: `Fundación ${organizationId}`,
      sector: 'non-profit',
      contactOfficers: officers,
      locations: [],
    },
  });
  expect(org.status, JSON.stringify(org.body)).toBeLessThan(300);
  const put = await rt.api('PUT', `/cantons/quito/services/${serviceId}`, {
    token: coordinator,
    body: {
      organizationId,
      name: `Centro diurno ${organizationId}`,
      description: 'Cuidado diurno para personas adultas mayores',
      serves: [{ category: 'special-needs', subcategory: 'older-adults' }],
      capacity: { total: 5, available: 5, waitlist: false },
      status: 'active',
      contactOfficerIds: (officers as { id: string }[]).map((o) => o.id),
    },
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}

/** The catalogue asks every contact officer for an address; one it holds without (an older record) is SMS only. */
async function forgetEmails(organizationId: string) {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
  try {
    const key = keys.organization('quito', organizationId);
    const { Item } = await db.send(
      new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: key, ConsistentRead: true }),
    );
    if (!Item) throw new Error(`organization ${organizationId} not stored`);
    const contactOfficers = (Item.contactOfficers as Record<string, unknown>[]).map(
      ({ email: _, ...o }) => o,
    );
    await db.send(new PutCommand({ TableName: LOCAL_TABLE_NAME, Item: { ...Item, contactOfficers } }));
  } finally {
    db.destroy();
  }
}

beforeAll(async () => {
  rt = await startTestRuntime();
  officer = await rt.token('swcs-officer', 'quito', 'uio.tecnica1');
  const coordinator = await rt.token('coordinator', 'quito');
  const published = await rt.api('POST', '/cantons/quito/protocols/special-needs/older-adults/versions', {
    token: coordinator,
    body: specialNeedsProtocol('older-adults', {
      reminders: { acknowledgement: [hours(1)], counterReferral: [] },
      escalation: {
        acknowledgement: [
          { after: hours(1), notify: { role: 'supervisor' } },
          { after: hours(2), notify: { role: 'canton-coordinator' } },
          { after: hours(24), notify: { role: 'supervisor' } },
          { after: hours(25), notify: { role: 'national-coordinator' } },
        ],
        counterReferral: [{ after: hours(1), notify: { role: 'national-coordinator' } }],
      },
    }),
  });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  // Marta and her supervisor Rosa both prefer SMS and have an e-mail address; Pedro and his supervisor Inés have
  // only a phone. Each pair are the contact officers of their service.
  await putProvider(
    coordinator,
    'canales',
    [officerOf('marta', MARTA, 'rosa'), officerOf('rosa', ROSA)],
    'canales-dia',
  );
  await putProvider(
    coordinator,
    'solo-sms',
    [officerOf('pedro', PEDRO, 'ines'), officerOf('ines', INES)],
    'solo-sms-dia',
  );
  await forgetEmails('solo-sms');
  // The first notice at 08:00 in Quito: the reminder and the first two escalation steps fall on the same day.
  const now = clock.now();
  const toEight = ((8 - localHour(now) + 24) % 24 || 24) * HOUR - (now.getTime() % HOUR);
  clock.advance(toEight);
});
afterAll(() => rt.stop());

async function refer(serviceId: string) {
  const { body: request } = await rt.api('POST', '/cantons/quito/requests', {
    token: await rt.token('operator', 'quito'),
    body: intakeBody({ classification: { category: 'special-needs', subcategory: 'older-adults' } }),
  });
  const created = await rt.api('POST', `/cantons/quito/requests/${request.requestId}/referrals`, {
    token: officer,
    body: { serviceId },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { referralId: string; reference: string };
}

const history = async (referralId: string) =>
  (await rt.api('GET', `/cantons/quito/referrals/${referralId}`, { token: officer })).body.history.map(
    (e: { action: string }) => e.action,
  ) as string[];

/** Moves the product clock by `ms` and waits until the referral's history has `events` entries. */
async function fire(referralId: string, ms: number, events: number) {
  clock.advance(ms);
  const deadline = Date.now() + 10_000;
  while ((await history(referralId)).length < events) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for event ${events}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** SMS by phone number and product day. */
function smsPerPhoneAndDay(reference: string) {
  const counts = new Map<string, number>();
  for (const m of rt.sns.outbox({ referral: reference }).filter((e) => e.channel === 'sms')) {
    const key = `${m.to} ${localDay.format(new Date(m.at))}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe('a contact officer who prefers SMS and has an e-mail address', () => {
  it('gets the first notice by SMS, then the reminder and the escalation by e-mail', async () => {
    const { referralId, reference } = await refer('canales-dia');
    const outbox = () => rt.sns.outbox({ referral: reference });
    await until(() => (outbox().length >= 2 ? true : undefined), 'the first notices');
    expect(
      outbox()
        .map((m) => [m.channel, m.to])
        .sort(),
    ).toEqual([
      ['sms', MARTA],
      ['sms', ROSA],
    ]);

    await fire(referralId, 3 * HOUR + 60_000, 2); // an hour before the deadline: the reminder
    await until(() => (outbox().length >= 4 ? true : undefined), 'the reminders');
    const reminders = outbox().filter((m) => m.attributes.kind === 'acknowledgement-reminder');
    expect(reminders.map((m) => [m.channel, m.to]).sort()).toEqual([
      ['email', 'canales.marta'],
      ['email', 'canales.rosa'],
    ]);

    await fire(referralId, 2 * HOUR, 3); // an hour past the deadline: Marta's supervisor, Rosa
    const escalation = await until(
      () => outbox().find((m) => m.attributes.kind === 'escalation'),
      'the escalation',
    );
    expect(escalation).toMatchObject({ channel: 'email', to: 'canales.rosa' });
    expect(escalation.subject).toContain(reference);
    // Two SMS in all: the first notice to each officer.
    expect(outbox().filter((m) => m.channel === 'sms')).toHaveLength(2);
    expect((await history(referralId)).slice(-2)).toEqual(['reminder-sent', 'escalated']);
  });
});

describe('contact officers reached only by SMS', () => {
  it('get at most one SMS of a referral a day; the escalation they cannot get goes to the coordinators', async () => {
    const { referralId, reference } = await refer('solo-sms-dia');
    const outbox = () => rt.sns.outbox({ referral: reference });
    await until(() => (outbox().length >= 2 ? true : undefined), 'the first notices');
    const first = localDay.format(clock.now());

    await fire(referralId, 3 * HOUR + 60_000, 2); // the reminder, the same day: held
    await fire(referralId, 2 * HOUR, 3); // the supervisor, Inés, already had today's SMS: the coordinators instead
    const standIn = await until(
      () => outbox().find((m) => m.attributes.kind === 'escalation'),
      'the escalation to the coordinators',
    );
    expect(standIn).toMatchObject({ channel: 'email', to: 'uio.coordinadora' });
    expect(standIn.message).toContain('solo recibe SMS y hoy ya recibió uno sobre esta derivación');
    expect(localDay.format(clock.now())).toBe(first);
    expect(
      outbox()
        .filter((m) => m.channel === 'sms')
        .map((m) => m.to)
        .sort(),
    ).toEqual([PEDRO, INES].sort());

    await fire(referralId, HOUR, 4); // the canton coordinator's own step, by e-mail
    await fire(referralId, 22 * HOUR, 5); // the next day: Inés again, and SMS is her only channel
    const nextDay = await until(
      () =>
        outbox().find(
          (m) => m.channel === 'sms' && m.to === INES && localDay.format(new Date(m.at)) !== first,
        ),
      "the next day's SMS to the supervisor",
    );
    expect(nextDay.message).toContain(reference);
    for (const [phoneAndDay, sms] of smsPerPhoneAndDay(reference)) expect(sms, phoneAndDay).toBe(1);
    expect(outbox().filter((m) => m.channel === 'sms' && m.to === PEDRO)).toHaveLength(1);
  });
});
