import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  InvalidParameterException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderNotification } from '../../functions/domain/notifications.js';
import { ensureTable, type LocalDynamo, startLocalDynamo } from '../../lib/local/dynamodb.js';
import { type LocalSns, startLocalSns } from '../../lib/local/sns.js';

type Notifier = typeof import('../../functions/adapters/sns/notifier.js');

const TABLE = 'swcs-notifier-test';
const PHONE = '+593991234567';
const EMAIL = 'maria.contacto@example.org';
const TOPIC_TEMPLATE = 'arn:aws:sns:us-east-1:000000000000:swcs-{canton}-notifications';

let dynamo: LocalDynamo;
let sns: LocalSns;
let notifier: Notifier;
let db: DynamoDBDocumentClient;
const previousEnv = { ...process.env };

const data = {
  reference: 'F9MZ-NGF8',
  serviceName: 'Centro de Desarrollo Infantil Niñez Feliz',
  deadline: new Date('2026-11-23T22:00:00Z'),
  timeZone: 'America/Guayaquil',
  actUrl: 'https://swcs.inclusion.gob.ec/r/F9MZ-NGF8',
};

const smsMessage = (phone: string | null = PHONE) => ({
  cantonId: 'quito',
  kind: 'referral-new' as const,
  referralId: '01JREF0000000000000000F9MZ',
  recipient: {
    id: 'uio.contacto3',
    channel: 'sms' as const,
    language: 'es' as const,
    email: EMAIL,
    ...(phone === null ? {} : { phone }),
  },
  rendered: renderNotification('referral-new', data, 'es', 'sms'),
});

const emailMessage = () => ({
  cantonId: 'quito',
  kind: 'escalation' as const,
  referralId: '01JREF0000000000000000F9MZ',
  recipient: { id: 'uio.coordinacion', channel: 'email' as const, language: 'en' as const, email: EMAIL },
  rendered: renderNotification(
    'escalation',
    { ...data, step: { missed: 'acknowledgement', role: 'canton-coordinator' } },
    'en',
    'email',
  ),
});

async function failures(cantonId = 'quito') {
  const output = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': `C#${cantonId}#NOTIFICATION-FAILURES` },
      ConsistentRead: true,
    }),
  );
  return output.Items ?? [];
}

/** Everything the logger writes (Powertools writes JSON lines straight to stdout / stderr). */
function captureLogs() {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return {
    text: () => lines.join(''),
    json: () =>
      lines
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}

beforeAll(async () => {
  dynamo = await startLocalDynamo({});
  sns = await startLocalSns({ log: () => {} });
  // The notifier reads its configuration at import, as on a Lambda cold start, and builds its clients on first use.
  Object.assign(process.env, {
    TABLE_NAME: TABLE,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    NOTIFICATIONS_TOPIC_ARN: TOPIC_TEMPLATE,
  });
  const client = new DynamoDBClient({});
  await ensureTable(client, TABLE);
  db = DynamoDBDocumentClient.from(client);
  notifier = await import('../../functions/adapters/sns/notifier.js');
  notifier.configureNotifier({ retry: { baseDelayMs: 1 } });
});

afterAll(async () => {
  db?.destroy();
  await sns?.close();
  await dynamo?.close();
  process.env = previousEnv;
});

describe('notify, with SNS mocked', () => {
  const snsMock = mockClient(SNSClient);
  beforeEach(() => snsMock.reset());
  afterAll(() => snsMock.restore());

  it('sends an SMS to the phone, transactional', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-1' });
    const message = smsMessage();
    await expect(notifier.notify(message)).resolves.toEqual({ delivered: true, messageId: 'msg-1' });
    const calls = snsMock.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      PhoneNumber: PHONE,
      Message: (message.rendered as { sms: string }).sms,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it("sends an e-mail through the canton's topic, addressed by the recipient attribute, never by address", async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-2' });
    const message = emailMessage();
    await expect(notifier.notify(message)).resolves.toEqual({ delivered: true, messageId: 'msg-2' });
    const input = snsMock.commandCalls(PublishCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:swcs-quito-notifications',
      Subject: (message.rendered as { subject: string }).subject,
      Message: (message.rendered as { body: string }).body,
      MessageAttributes: {
        recipient: { DataType: 'String', StringValue: 'uio.coordinacion' },
        kind: { DataType: 'String', StringValue: 'escalation' },
      },
    });
    expect(JSON.stringify(input)).not.toContain(EMAIL);
  });

  it('uses a per-canton topic resolver when one is configured', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-3' });
    notifier.configureNotifier({
      topicArnFor: async (cantonId) => `arn:aws:sns:us-east-1:111111111111:${cantonId}`,
    });
    try {
      await notifier.notify(emailMessage());
      expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input.TopicArn).toBe(
        'arn:aws:sns:us-east-1:111111111111:quito',
      );
    } finally {
      notifier.resetNotifier();
      notifier.configureNotifier({ retry: { baseDelayMs: 1 } });
    }
  });

  it('retries a transient failure and delivers', async () => {
    snsMock
      .on(PublishCommand)
      .rejectsOnce(new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }))
      .resolves({ MessageId: 'msg-4' });
    await expect(notifier.notify(smsMessage())).resolves.toEqual({ delivered: true, messageId: 'msg-4' });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(2);
  });

  it('records a failure that outlives the retries, alarms, and does not throw', async () => {
    snsMock
      .on(PublishCommand)
      .rejects(new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));
    const logs = captureLogs();
    let result: Awaited<ReturnType<Notifier['notify']>>;
    try {
      result = await notifier.notify(smsMessage());
    } finally {
      logs.restore();
    }
    expect(result).toMatchObject({ delivered: false, error: 'ThrottledException' });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(3);

    const items = await failures();
    const item = items.find((i) => i.failureId === (result as { failureId: string }).failureId);
    expect(item).toMatchObject({
      entity: 'notification-failure',
      cantonId: 'quito',
      kind: 'referral-new',
      referralId: '01JREF0000000000000000F9MZ',
      recipient: { id: 'uio.contacto3', channel: 'sms' },
      attempts: 3,
      error: 'ThrottledException',
    });
    expect(item?.SK).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#[0-9A-Z]{26}$/);
    expect(JSON.stringify(item)).not.toContain(PHONE);
    expect(JSON.stringify(item)).not.toContain(EMAIL);

    // The metric the canton's alarm watches, in CloudWatch embedded metric format, dimension canton.
    const metric = logs.json().find((line) => '_aws' in line);
    expect(metric).toMatchObject({
      canton: 'quito',
      NotificationFailures: 1,
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'SWCS',
            Dimensions: [['canton']],
            Metrics: [{ Name: 'NotificationFailures', Unit: 'Count' }],
          },
        ],
      },
    });
  });

  it('does not retry what SNS refused, and never logs the phone number SNS quotes back', async () => {
    snsMock.on(PublishCommand).rejects(
      new InvalidParameterException({
        message: `Invalid parameter: PhoneNumber Reason: ${PHONE} is not valid to publish to`,
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const logs = captureLogs();
    let result: Awaited<ReturnType<Notifier['notify']>>;
    try {
      result = await notifier.notify(smsMessage());
      await notifier.notify(emailMessage());
    } finally {
      logs.restore();
    }
    expect(result).toMatchObject({ delivered: false, error: 'InvalidParameterException' });
    // One SMS call (no retry) plus one e-mail call.
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(2);
    const text = logs.text();
    expect(text).toContain('uio.contacto3');
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('991234567');
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain('Invalid parameter');
  });

  it('records a notice that cannot be sent at all (no phone) without calling SNS', async () => {
    const result = await notifier.notify(smsMessage(null));
    expect(result).toMatchObject({ delivered: false, error: 'NotifierConfigurationError' });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    const item = (await failures()).find((i) => i.failureId === (result as { failureId: string }).failureId);
    expect(item).toMatchObject({ attempts: 0, recipient: { id: 'uio.contacto3', channel: 'sms' } });
  });

  it('sends nothing to a number that opted out of SMS, records the opt-out without the number, counts no failure', async () => {
    snsMock.on(CheckIfPhoneNumberIsOptedOutCommand).resolves({ isOptedOut: true });
    snsMock.on(PublishCommand).resolves({ MessageId: 'never' });
    const before = (await failures()).length;
    const result = await notifier.notify(smsMessage());
    expect(result).toEqual({ delivered: false, optedOut: true, error: 'OptedOut' });
    expect(snsMock.commandCalls(CheckIfPhoneNumberIsOptedOutCommand)[0]?.args[0].input).toEqual({
      phoneNumber: PHONE,
    });
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    const { Item } = await db.send(
      new GetCommand({ TableName: TABLE, Key: { PK: 'C#quito#SMS-OPT-OUTS', SK: 'uio.contacto3' } }),
    );
    expect(Item).toMatchObject({ entity: 'sms-opt-out', recipientId: 'uio.contacto3', kind: 'referral-new' });
    expect(JSON.stringify(Item)).not.toContain(PHONE);
    expect((await failures()).length).toBe(before);
  });

  it('sends the SMS when the opt-out check itself fails: a check must never hold a notice back', async () => {
    snsMock
      .on(CheckIfPhoneNumberIsOptedOutCommand)
      .rejects(new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-opt' });
    await expect(notifier.notify(smsMessage())).resolves.toEqual({ delivered: true, messageId: 'msg-opt' });
  });

  it('publishes an e-mail for a national coordinator to the national topic, keyed by user id', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-nat' });
    const message = emailMessage();
    await notifier.notify({
      ...message,
      recipient: {
        ...message.recipient,
        id: 'nat.coordinador',
        userId: 'nat.coordinador',
        cantonId: 'national',
      },
    });
    expect(snsMock.commandCalls(PublishCommand)[0]?.args[0].input).toMatchObject({
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:swcs-national-notifications',
      MessageAttributes: { recipient: { DataType: 'String', StringValue: 'nat.coordinador' } },
    });
  });

  it('logs a delivered notice by recipient id and channel only', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'msg-5' });
    const logs = captureLogs();
    try {
      await notifier.notify(smsMessage());
      await notifier.notify(emailMessage());
    } finally {
      logs.restore();
    }
    const lines = logs.json().filter((line) => line.message === 'notification sent');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ recipientId: 'uio.contacto3', channel: 'sms', cantonId: 'quito' });
    expect(lines[1]).toMatchObject({ recipientId: 'uio.coordinacion', channel: 'email' });
    expect(logs.text()).not.toContain(PHONE);
    expect(logs.text()).not.toContain(EMAIL);
  });
  it("names a complaint's notice by complaintId in its logs and failure record, never as a referral", async () => {
    snsMock.on(PublishCommand).resolvesOnce({ MessageId: 'msg-6' });
    const { referralId: _referral, ...email } = emailMessage();
    const complaintNotice = { ...email, complaintId: '01JCMP0000000000000000K7QZ' };
    const logs = captureLogs();
    let failed: Awaited<ReturnType<Notifier['notify']>>;
    try {
      await notifier.notify(complaintNotice);
      snsMock
        .on(PublishCommand)
        .rejects(new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));
      failed = await notifier.notify(complaintNotice);
    } finally {
      logs.restore();
    }
    const lines = logs.json().filter((line) => /^notification (sent|failed)$/.test(String(line.message)));
    expect(lines.map((line) => line.message)).toEqual(['notification sent', 'notification failed']);
    for (const line of lines) {
      expect(line).toMatchObject({ complaintId: '01JCMP0000000000000000K7QZ' });
      expect(line).not.toHaveProperty('referralId');
    }
    const item = (await failures()).find((i) => i.failureId === (failed as { failureId: string }).failureId);
    expect(item).toMatchObject({ complaintId: '01JCMP0000000000000000K7QZ' });
    expect(item).not.toHaveProperty('referralId');
  });
});

describe('notify, end to end with the local SNS', () => {
  it('delivers to the outbox, and records an outage the SDK and our retries could not ride out', async () => {
    const delivered = await notifier.notify(smsMessage());
    expect(delivered).toMatchObject({ delivered: true });
    expect(sns.outbox({ referral: 'F9MZ-NGF8' })[0]).toMatchObject({
      messageId: (delivered as { messageId: string }).messageId,
      channel: 'sms',
      to: PHONE,
    });

    const before = sns.outbox().length;
    sns.failNext(Infinity);
    const logs = captureLogs();
    let failed: Awaited<ReturnType<Notifier['notify']>>;
    try {
      failed = await notifier.notify(emailMessage());
    } finally {
      logs.restore();
      sns.failNext(0);
    }
    expect(failed).toMatchObject({ delivered: false, error: 'InternalErrorException' });
    expect(sns.outbox()).toHaveLength(before);
    const item = (await failures()).find((i) => i.failureId === (failed as { failureId: string }).failureId);
    expect(item).toMatchObject({
      kind: 'escalation',
      recipient: { id: 'uio.coordinacion', channel: 'email' },
    });
    expect(logs.text()).not.toContain(EMAIL);
  });
});
