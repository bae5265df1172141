import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BadRequestException,
  SendEmailCommand,
  type SendEmailCommandInput,
  SESv2Client,
} from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalSns, startLocalSns } from '../../lib/local/sns.js';

/** The local SES stand-in, driven by the real SESv2 client: what citizens' e-mails go through locally. */

let dataDir: string;
let local: LocalSns;
let ses: SESv2Client;
const lines: string[] = [];

const request = (overrides: Partial<SendEmailCommandInput> = {}): SendEmailCommandInput => ({
  FromEmailAddress: 'no-reply@ventanilla.localhost',
  Destination: { ToAddresses: ['rosa@example.org'] },
  Content: {
    Simple: {
      Subject: { Data: 'Respuesta a su caso 74HZ-917M', Charset: 'UTF-8' },
      Body: { Text: { Data: 'Su reclamo procede.\nReferencia: 74HZ-917M', Charset: 'UTF-8' } },
    },
  },
  ConfigurationSetName: 'swcs-local-citizen-mail',
  EmailTags: [
    { Name: 'kind', Value: 'complaint-reply' },
    { Name: 'canton', Value: 'quito' },
  ],
  ...overrides,
});

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'swcs-ses-'));
  local = await startLocalSns({ dataDir, log: (line) => lines.push(line) });
  ses = new SESv2Client({
    endpoint: local.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  ses.destroy();
  await local.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the local SES', () => {
  it('accepts SendEmail and keeps the e-mail in the outbox, on disk and in the log', async () => {
    const output = await ses.send(new SendEmailCommand(request()));
    expect(output.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    const [entry] = local.outbox({ referral: '74HZ-917M' });
    expect(entry).toMatchObject({
      messageId: output.MessageId,
      channel: 'email',
      service: 'ses',
      to: 'rosa@example.org',
      from: 'no-reply@ventanilla.localhost',
      subject: 'Respuesta a su caso 74HZ-917M',
      message: 'Su reclamo procede.\nReferencia: 74HZ-917M',
      attributes: { kind: 'complaint-reply', canton: 'quito' },
    });
    const saved = (await readFile(join(dataDir, 'outbox.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(saved.at(-1) ?? '{}')).toMatchObject({ messageId: output.MessageId, service: 'ses' });
    expect(lines.at(-1)).toBe(
      '[ses] E-MAIL to rosa@example.org (from no-reply@ventanilla.localhost): "Respuesta a su caso 74HZ-917M" ' +
        'Su reclamo procede. / Referencia: 74HZ-917M',
    );
  });

  it('refuses what SES refuses, as the SDK error SES would answer, and keeps nothing', async () => {
    const before = local.outbox().length;
    const refused = [
      request({ Destination: { ToAddresses: [] } }),
      request({ Destination: { ToAddresses: ['rosa@example.org', 'otra@example.org'] } }),
      request({ FromEmailAddress: 'nadie' }),
      request({ Content: { Simple: { Subject: { Data: 'x' }, Body: {} } } }),
      request({ EmailTags: [{ Name: 'recipient', Value: 'complaint.01J' }] }),
    ];
    for (const input of refused) {
      const error = await ses.send(new SendEmailCommand(input)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(input)).toBeInstanceOf(BadRequestException);
      expect((error as BadRequestException).$metadata.httpStatusCode).toBe(400);
    }
    expect(local.outbox()).toHaveLength(before);
  });
});
