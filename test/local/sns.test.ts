import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterException, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSns, type OutboxEntry, outboxHttpHandler, startLocalSns } from '../../lib/local/sns.js';

const TOPIC = 'arn:aws:sns:us-east-1:000000000000:swcs-quito-notifications';

function clientFor(endpoint: string): SNSClient {
  return new SNSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

const sms = (client: SNSClient, message: string, phone = '+593991234567') =>
  client.send(
    new PublishCommand({
      PhoneNumber: phone,
      Message: message,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    }),
  );

const email = (client: SNSClient, subject: string, message: string, recipient = 'uio.contacto3') =>
  client.send(
    new PublishCommand({
      TopicArn: TOPIC,
      Subject: subject,
      Message: message,
      MessageAttributes: { recipient: { DataType: 'String', StringValue: recipient } },
    }),
  );

/** Mounts the outbox handler on a throwaway server, as the local gateway does, and GETs it. */
async function getOutbox(
  sns: LocalSns,
  query = '',
): Promise<{ status: number; body: { items: OutboxEntry[] } }> {
  const server = http.createServer(outboxHttpHandler(sns));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/_local/outbox${query}`);
    return { status: response.status, body: (await response.json()) as { items: OutboxEntry[] } };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('local SNS (in memory)', () => {
  let sns: LocalSns;
  let client: SNSClient;
  const lines: string[] = [];

  beforeAll(async () => {
    sns = await startLocalSns({ log: (line) => lines.push(line) });
    client = clientFor(sns.endpoint);
  });
  afterAll(async () => {
    client?.destroy();
    await sns?.close();
  });
  afterEach(() => sns.failNext(0));

  it('takes an SMS from the real SDK (AWS Query protocol) and records it', async () => {
    const output = await sms(
      client,
      'SWCS: Nueva derivacion F9MZ-NGF8 (Albergue). Confirme recepcion hasta lun 23/11',
    );
    expect(output.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const [latest] = sns.outbox();
    expect(latest).toMatchObject({
      messageId: output.MessageId,
      channel: 'sms',
      to: '+593991234567',
      phoneNumber: '+593991234567',
      message: 'SWCS: Nueva derivacion F9MZ-NGF8 (Albergue). Confirme recepcion hasta lun 23/11',
      attributes: { 'AWS.SNS.SMS.SMSType': 'Transactional' },
    });
    expect(lines.at(-1)).toBe(
      '[sns] SMS to +593991234567: SWCS: Nueva derivacion F9MZ-NGF8 (Albergue). Confirme recepcion hasta lun 23/11',
    );
  });

  it('takes a topic e-mail with its subject and recipient attribute, accents intact', async () => {
    const output = await email(
      client,
      '[SWCS] Nueva derivacion K2PQ-7RTA',
      'Derivación K2PQ-7RTA\nServicio: Niñez',
    );
    const [latest] = sns.outbox();
    expect(latest).toMatchObject({
      messageId: output.MessageId,
      channel: 'email',
      to: 'uio.contacto3',
      topicArn: TOPIC,
      subject: '[SWCS] Nueva derivacion K2PQ-7RTA',
      message: 'Derivación K2PQ-7RTA\nServicio: Niñez',
    });
    expect(lines.at(-1)).toBe(
      '[sns] E-MAIL to uio.contacto3 (topic swcs-quito-notifications): "[SWCS] Nueva derivacion K2PQ-7RTA" ' +
        'Derivación K2PQ-7RTA / Servicio: Niñez',
    );
  });

  it('rejects what SNS rejects, with the error the SDK knows', async () => {
    await expect(sms(client, 'hola', '0991234567')).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(email(client, 'line\nbreak', 'x')).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(sms(client, '')).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('fails on demand: the SDK retries a server error by itself, then gives up', async () => {
    const before = sns.outbox().length;
    sns.failNext(2);
    const output = await sms(client, 'after two failures');
    expect(output.$metadata.attempts).toBe(3);
    sns.failNext(Infinity, 'Throttled');
    await expect(sms(client, 'never')).rejects.toMatchObject({ name: 'ThrottledException' });
    sns.failNext(1, 'InvalidParameter');
    await expect(sms(client, 'never either')).rejects.toMatchObject({
      name: 'InvalidParameterException',
      $metadata: { attempts: 1 },
    });
    expect(sns.outbox()).toHaveLength(before + 1);
  });

  it('serves the outbox over HTTP, newest first, filtered by referral', async () => {
    await sms(client, 'SWCS recordatorio: confirme la derivacion AAAA-1111 (Albergue)');
    await email(client, '[SWCS] Escalamiento: derivacion AAAA-1111 vencida', 'Referencia: AAAA-1111');
    await sms(client, 'SWCS: Nueva derivacion BBBB-2222 (Comedor)');

    const all = await getOutbox(sns);
    expect(all.status).toBe(200);
    expect(all.body.items[0]?.message).toBe('SWCS: Nueva derivacion BBBB-2222 (Comedor)');
    expect(all.body.items).toEqual(sns.outbox());

    const one = await getOutbox(sns, '?referral=aaaa-1111');
    expect(one.body.items.map((item) => item.channel)).toEqual(['email', 'sms']);
    expect(
      one.body.items.every((item) => `${item.subject ?? ''} ${item.message}`.includes('AAAA-1111')),
    ).toBe(true);
  });
});

describe('local SNS with a data folder', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'swcs-sns-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the outbox across a restart', async () => {
    const first = await startLocalSns({ dataDir, log: () => {} });
    const client = clientFor(first.endpoint);
    await sms(client, 'first F9MZ-NGF8');
    await email(client, '[SWCS] second', 'second F9MZ-NGF8');
    client.destroy();
    await first.close();

    const file = await readFile(join(dataDir, 'outbox.jsonl'), 'utf8');
    expect(file.trim().split('\n')).toHaveLength(2);

    const second = await startLocalSns({ dataDir, log: () => {} });
    try {
      expect(second.outbox().map((entry) => entry.message)).toEqual(['second F9MZ-NGF8', 'first F9MZ-NGF8']);
      const again = clientFor(second.endpoint);
      await sms(again, 'third');
      again.destroy();
      expect(second.outbox().map((entry) => entry.message)).toEqual([
        'third',
        'second F9MZ-NGF8',
        'first F9MZ-NGF8',
      ]);
    } finally {
      await second.close();
    }
  });
});
