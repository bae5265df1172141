import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  MessageRejected,
  SendEmailCommand,
  SESv2Client,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { complaintReplyEmail, complaintReplySms } from '../../functions/domain/complaint-reply.js';
import { ensureTable, type LocalDynamo, startLocalDynamo } from '../../lib/local/dynamodb.js';
import { type LocalSns, startLocalSns } from '../../lib/local/sns.js';

/**
 * A citizen's e-mail (a complaint's reply) goes straight to their address through SES; staff e-mail and every SMS
 * keep going through SNS. SES is an AWS service with no local twin in the SDK's reach, so the request SES receives
 * is checked with aws-sdk-client-mock; the last part sends through the local stand-in to show the same path lands
 * in the local outbox.
 */

type Notifier = typeof import('../../functions/adapters/sns/notifier.js');
type CitizenMail = typeof import('../../functions/adapters/ses/citizen-mail.js');

const TABLE = 'swcs-citizen-mail-test';
const CITIZEN_EMAIL = 'rosa.guaman@example.org';
const CITIZEN_PHONE = '+593991234567';
const STAFF_EMAIL = 'coordinacion@example.org';
const FROM = 'no-reply@vus.inclusion.gob.ec';
const COMPLAINT_ID = '01JCMP00000000000000000042';
const LINK = 'https://vus.inclusion.gob.ec/r/n4UknsjqNFI';
const REPLY = 'El CDI recibirá a su hija desde el lunes.';

let dynamo: LocalDynamo;
let sns: LocalSns;
let notifier: Notifier;
let citizenMail: CitizenMail;
let db: DynamoDBDocumentClient;
const previousEnv = { ...process.env };

const citizenEmail = (overrides: { email?: string | null } = {}) => ({
  cantonId: 'quito',
  kind: 'complaint-reply' as const,
  complaintId: COMPLAINT_ID,
  recipient: {
    id: `complaint.${COMPLAINT_ID}`,
    channel: 'email' as const,
    audience: 'citizen' as const,
    phone: CITIZEN_PHONE,
    ...(overrides.email === null ? {} : { email: overrides.email ?? CITIZEN_EMAIL }),
    language: 'es' as const,
  },
  rendered: complaintReplyEmail('74HZ-917M', LINK, REPLY, 'es'),
});

const citizenSms = () => ({
  ...citizenEmail(),
  recipient: { ...citizenEmail().recipient, channel: 'sms' as const },
  rendered: complaintReplySms('74HZ-917M', LINK, 'es'),
});

const staffEmail = () => ({
  cantonId: 'quito',
  kind: 'complaint-escalation' as const,
  complaintId: COMPLAINT_ID,
  recipient: {
    id: 'uio.coordinadora',
    channel: 'email' as const,
    email: STAFF_EMAIL,
    language: 'es' as const,
  },
  rendered: { subject: 'Caso 74HZ-917M sin respuesta', body: `Revise el caso: ${LINK}` },
});

async function failures() {
  const output = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': 'C#quito#NOTIFICATION-FAILURES' },
      ConsistentRead: true,
    }),
  );
  return output.Items ?? [];
}

/** Everything written to stdout and stderr (Powertools writes its JSON lines there) while `run` runs. */
async function logsOf<T>(run: () => Promise<T>): Promise<{ result: T; text: string }> {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    return { result: await run(), text: lines.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(async () => {
  dynamo = await startLocalDynamo({});
  sns = await startLocalSns({ log: () => {} });
  Object.assign(process.env, {
    TABLE_NAME: TABLE,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
    AWS_ENDPOINT_URL_SESV2: sns.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    NOTIFICATIONS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:swcs-{canton}-notifications',
  });
  const client = new DynamoDBClient({});
  await ensureTable(client, TABLE);
  db = DynamoDBDocumentClient.from(client);
  notifier = await import('../../functions/adapters/sns/notifier.js');
  citizenMail = await import('../../functions/adapters/ses/citizen-mail.js');
  notifier.configureNotifier({ retry: { baseDelayMs: 1 } });
});

afterAll(async () => {
  db?.destroy();
  await sns?.close();
  await dynamo?.close();
  process.env = previousEnv;
});

const withSes = () => ({ citizenMail: citizenMail.sesCitizenMailer });

describe('a citizen e-mail, with SES and SNS mocked', () => {
  const sesMock = mockClient(SESv2Client);
  const snsMock = mockClient(SNSClient);
  beforeEach(() => {
    sesMock.reset();
    snsMock.reset();
    process.env.CITIZEN_MAIL_FROM = FROM;
    process.env.CITIZEN_MAIL_CONFIGURATION_SET = 'swcs-prod-citizen-mail';
    delete process.env.CITIZEN_MAIL_IDENTITY_ARN;
  });
  afterEach(() => {
    delete process.env.CITIZEN_MAIL_FROM;
    delete process.env.CITIZEN_MAIL_CONFIGURATION_SET;
    delete process.env.CITIZEN_MAIL_IDENTITY_ARN;
  });
  afterAll(() => {
    sesMock.restore();
    snsMock.restore();
  });

  it("goes to the citizen's address through SES SendEmail: the reply, the link, the configuration set, ids as tags", async () => {
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const message = citizenEmail();
    await expect(notifier.notify(message, withSes())).resolves.toEqual({
      delivered: true,
      messageId: 'ses-1',
    });
    const calls = sesMock.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      FromEmailAddress: FROM,
      Destination: { ToAddresses: [CITIZEN_EMAIL] },
      Content: {
        Simple: {
          Subject: { Data: 'Respuesta a su caso 74HZ-917M', Charset: 'UTF-8' },
          Body: { Text: { Data: message.rendered.body, Charset: 'UTF-8' } },
        },
      },
      ConfigurationSetName: 'swcs-prod-citizen-mail',
      EmailTags: [
        { Name: 'kind', Value: 'complaint-reply' },
        { Name: 'canton', Value: 'quito' },
        { Name: 'complaintId', Value: COMPLAINT_ID },
      ],
    });
    // The message holds the reply and the citizen's link, as the rendered e-mail does.
    expect(message.rendered.body).toContain(REPLY);
    expect(message.rendered.body).toContain(LINK);
    // Nothing went to the canton's topic, which only staff are subscribed to.
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('names the identity by ARN when the stage gives one (an identity of another account)', async () => {
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'ses-2' });
    const arn = 'arn:aws:ses:us-east-1:222222222222:identity/vus.inclusion.gob.ec';
    process.env.CITIZEN_MAIL_IDENTITY_ARN = arn;
    delete process.env.CITIZEN_MAIL_CONFIGURATION_SET;
    await notifier.notify(citizenEmail(), withSes());
    const input = sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.FromEmailAddressIdentityArn).toBe(arn);
    expect(input).not.toHaveProperty('ConfigurationSetName');
  });

  it('keeps staff e-mail on the canton topic and every SMS on SNS, citizens included', async () => {
    snsMock.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    await notifier.notify(staffEmail(), withSes());
    await notifier.notify(citizenSms(), withSes());
    const inputs = snsMock.commandCalls(PublishCommand).map((call) => call.args[0].input);
    expect(inputs).toHaveLength(2);
    expect(inputs[0]).toMatchObject({
      TopicArn: 'arn:aws:sns:us-east-1:000000000000:swcs-quito-notifications',
      MessageAttributes: { recipient: { DataType: 'String', StringValue: 'uio.coordinadora' } },
    });
    expect(JSON.stringify(inputs[0])).not.toContain(STAFF_EMAIL);
    expect(inputs[1]).toMatchObject({ PhoneNumber: CITIZEN_PHONE });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
  });

  it('records as failed a citizen e-mail on a stage with no sending identity, without calling SES or SNS', async () => {
    delete process.env.CITIZEN_MAIL_FROM;
    const { result, text } = await logsOf(() => notifier.notify(citizenEmail(), withSes()));
    expect(result).toMatchObject({ delivered: false, error: 'CitizenMailNotConfigured' });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    const item = (await failures()).find((i) => i.failureId === (result as { failureId: string }).failureId);
    expect(item).toMatchObject({
      kind: 'complaint-reply',
      complaintId: COMPLAINT_ID,
      recipient: { id: `complaint.${COMPLAINT_ID}`, channel: 'email' },
      attempts: 0,
      error: 'CitizenMailNotConfigured',
    });
    expect(JSON.stringify(item)).not.toContain(CITIZEN_EMAIL);
    // The failure is logged (and counted for the canton's alarm) by ids only.
    expect(text).toContain(`complaint.${COMPLAINT_ID}`);
    expect(text).toContain('NotificationFailures');
    expect(text).not.toContain(CITIZEN_EMAIL);
  });

  it('records as failed a citizen e-mail sent without the SES sender, or without an address', async () => {
    const withoutSender = await notifier.notify(citizenEmail());
    expect(withoutSender).toMatchObject({ delivered: false, error: 'NotifierConfigurationError' });
    const withoutAddress = await notifier.notify(citizenEmail({ email: null }), withSes());
    expect(withoutAddress).toMatchObject({ delivered: false, error: 'NotifierConfigurationError' });
    const badAddress = await notifier.notify(citizenEmail({ email: 'rosa at example' }), withSes());
    expect(badAddress).toMatchObject({ delivered: false, error: 'CitizenMailInvalid' });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('retries SES throttling and delivers', async () => {
    sesMock
      .on(SendEmailCommand)
      .rejectsOnce(
        new TooManyRequestsException({ message: 'Too many requests', $metadata: { httpStatusCode: 429 } }),
      )
      .resolves({ MessageId: 'ses-3' });
    await expect(notifier.notify(citizenEmail(), withSes())).resolves.toEqual({
      delivered: true,
      messageId: 'ses-3',
    });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it('does not retry a message SES rejected, and never logs the address SES quotes back', async () => {
    sesMock.on(SendEmailCommand).rejects(
      new MessageRejected({
        message: `Email address is not verified. The following identities failed the check: ${CITIZEN_EMAIL}`,
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const { result, text } = await logsOf(() => notifier.notify(citizenEmail(), withSes()));
    expect(result).toMatchObject({ delivered: false, error: 'MessageRejected' });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
    expect(text).toContain('MessageRejected');
    expect(text).not.toContain(CITIZEN_EMAIL);
    expect(text).not.toContain('not verified');
    const item = (await failures()).find((i) => i.failureId === (result as { failureId: string }).failureId);
    expect(item).toMatchObject({ error: 'MessageRejected', httpStatusCode: 400, attempts: 1 });
    expect(JSON.stringify(item)).not.toContain(CITIZEN_EMAIL);
  });
});

describe('a citizen e-mail, through the local stand-in', () => {
  afterEach(() => {
    delete process.env.CITIZEN_MAIL_FROM;
  });

  it('lands in the local outbox by the same SES path, addressed to the citizen', async () => {
    process.env.CITIZEN_MAIL_FROM = FROM;
    const message = citizenEmail();
    const result = await notifier.notify(message, withSes());
    expect(result).toMatchObject({ delivered: true });
    const [entry] = sns.outbox({ referral: '74HZ-917M' });
    expect(entry).toMatchObject({
      messageId: (result as { messageId: string }).messageId,
      channel: 'email',
      service: 'ses',
      to: CITIZEN_EMAIL,
      from: FROM,
      subject: 'Respuesta a su caso 74HZ-917M',
      message: message.rendered.body,
      attributes: { kind: 'complaint-reply', canton: 'quito', complaintId: COMPLAINT_ID },
    });
  });

  it('leaves the local outbox empty when the stage has no sending identity', async () => {
    const before = sns.outbox().length;
    const result = await notifier.notify(citizenEmail(), withSes());
    expect(result).toMatchObject({ delivered: false, error: 'CitizenMailNotConfigured' });
    expect(sns.outbox()).toHaveLength(before);
  });
});
