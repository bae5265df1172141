/**
 * The local SNS used by `npm start` and the tests: it sends nothing, it records what the cloud would send.
 *
 * It speaks what @aws-sdk/client-sns (3.1162) speaks to SNS, the AWS Query protocol: a form-encoded POST
 * (`Action=Publish&Version=2010-03-31&Message=…&PhoneNumber=…|TopicArn=…&Subject=…&MessageAttributes.entry.N…`)
 * answered with XML (`PublishResponse` / `ErrorResponse`). test/local/sns.test.ts drives it with the real SDK, so an
 * SDK upgrade that moves SNS to another protocol fails there rather than in a demo. `Publish` and
 * `CheckIfPhoneNumberIsOptedOut` are implemented: the operations the functions call (topics and subscriptions
 * belong to the Canton stack). A number opts out with `optOut` (as a phone replying STOP would), for the tests.
 *
 * The same server stands in for SES's `SendEmail` (lib/local/ses.ts), which citizens' e-mails go through: the
 * runtime points AWS_ENDPOINT_URL_SESV2 here too, so that they land in the same outbox.
 *
 * Every accepted message goes to the **outbox**: in memory, and appended as one JSON line to
 * `<dataDir>/outbox.jsonl` when a data folder is given (so it survives a restart, like the local table), and one
 * readable line goes to the log. The outbox is served over HTTP by `outboxHttpHandler`.
 *
 * Phone numbers appear in the outbox and its log on purpose: this is the stand-in for the phone, and locally they
 * are demo data. The product's own logs never carry them (functions/adapters/sns/notifier.ts). So do citizens'
 * e-mail addresses: the outbox is their inbox.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { clock } from '#kernel/clock.js';
import { RequestTooLargeError, keepIdleConnections, listenForClients, readBody } from './http-plumbing.js';
import { SES_SEND_EMAIL_PATH, SesError, sesSendEmail } from './ses.js';

export interface OutboxEntry {
  readonly messageId: string;
  /** When it was published, on the product's clock (which the local runtime may run fast). */
  readonly at: string;
  /**
   * A direct publish to a phone is an SMS; a topic publish is what the topic's e-mail subscriptions receive; an SES
   * send is an e-mail to a citizen's own address.
   */
  readonly channel: 'sms' | 'email';
  /**
   * The phone number of an SMS; for a topic message, its `recipient` attribute (the staff id) or the topic; for an
   * SES e-mail, the address.
   */
  readonly to: string;
  /** Which service took it: SNS (SMS and staff e-mail), or SES (a citizen's e-mail). */
  readonly service?: 'sns' | 'ses';
  /** The sender of an SES e-mail (the stage's citizen sending identity). */
  readonly from?: string;
  readonly phoneNumber?: string;
  readonly topicArn?: string;
  readonly subject?: string;
  readonly message: string;
  /** A topic message's attributes, or an SES e-mail's tags (`kind`, `canton`, the case's id). */
  readonly attributes: Readonly<Record<string, string>>;
}

/** Errors failNext can inject: two the SDK retries by itself, one it does not. */
export type LocalSnsFailure = 'InternalError' | 'Throttled' | 'InvalidParameter';

export interface LocalSnsOptions {
  /** Folder for outbox.jsonl; created if missing. Without it the outbox lives in memory. */
  readonly dataDir?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** 127.0.0.1 by default: nothing local is exposed to the network. */
  readonly host?: string;
  /** Where the one-line summary of each message goes; stdout by default. */
  readonly log?: (line: string) => void;
  /** The time stamped on entries; the product's clock by default, so that they line up with referral events. */
  readonly now?: () => Date;
}

export interface LocalSns {
  /** The URL to give the SDK (`endpoint`, or AWS_ENDPOINT_URL_SNS). */
  readonly endpoint: string;
  /** Recorded messages, newest first; `referral` keeps those that carry that reference. */
  outbox(filter?: { readonly referral?: string }): OutboxEntry[];
  /**
   * Makes the next `count` Publish requests fail (Infinity: until failNext(0)). It counts HTTP requests, and the SDK
   * retries InternalError and Throttled on its own (3 attempts per call by default), so one notify() with its own
   * 3 attempts makes up to 9 requests.
   */
  failNext(count?: number, error?: LocalSnsFailure): void;
  /** The number opts out of SMS, as when its owner replies STOP; `false` opts it back in. */
  optOut(phoneNumber: string, optedOut?: boolean): void;
  /** Stops accepting requests, finishes writing the outbox. Idempotent. */
  close(): Promise<void>;
}

const XML_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** The real limits: 256 KB for a message, 1,600 bytes for one SMS publish. */
const MAX_MESSAGE_BYTES = 262_144;
const MAX_SMS_BYTES = 1600;
const MAX_REQUEST_BYTES = 1024 * 1024;
const E164 = /^\+[1-9]\d{1,14}$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/;

const FAILURES: Readonly<Record<LocalSnsFailure, { status: number; type: string; message: string }>> = {
  InternalError: { status: 500, type: 'Receiver', message: 'Injected failure (local SNS)' },
  Throttled: { status: 400, type: 'Sender', message: 'Rate exceeded (injected by the local SNS)' },
  InvalidParameter: { status: 400, type: 'Sender', message: 'Invalid parameter (injected by the local SNS)' },
};

export async function startLocalSns(options: LocalSnsOptions = {}): Promise<LocalSns> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => clock.now());
  const file = options.dataDir === undefined ? undefined : join(options.dataDir, 'outbox.jsonl');
  const entries: OutboxEntry[] = [];
  if (options.dataDir !== undefined && file !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    entries.push(...(await loadOutbox(file)));
  }

  let failures = 0;
  const optedOut = new Set<string>();
  let failure: LocalSnsFailure = 'InternalError';
  // Appends are chained so that lines land in publish order and close() can wait for the last one.
  let writes: Promise<unknown> = Promise.resolve();

  async function publish(params: URLSearchParams): Promise<string> {
    return record(outboxEntry(params, now()));
  }

  async function record(entry: OutboxEntry): Promise<string> {
    if (file !== undefined) {
      const write = writes.then(() => appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8'));
      writes = write.catch(() => undefined);
      // Answered only once written: a message the caller believes sent is one the outbox keeps.
      await write;
    }
    entries.push(entry);
    log(summary(entry));
    return entry.messageId;
  }

  const server = http.createServer((req, res) => {
    void handle(req, res);
  });
  keepIdleConnections(server);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    if (new URL(req.url ?? '/', 'http://local').pathname === SES_SEND_EMAIL_PATH) {
      await handleSes(req, res, requestId);
      return;
    }
    try {
      if (req.method !== 'POST') {
        throw new QueryError(
          400,
          'Sender',
          'InvalidAction',
          'The local SNS accepts the AWS Query protocol (POST)',
        );
      }
      const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
      if (contentType !== 'application/x-www-form-urlencoded') {
        // E.g. a future SDK speaking the JSON protocol: say so plainly instead of answering garbage.
        throw new QueryError(
          400,
          'Sender',
          'InvalidAction',
          `The local SNS speaks the AWS Query protocol only (got content type "${contentType}")`,
        );
      }
      const params = new URLSearchParams((await readBody(req, MAX_REQUEST_BYTES)).toString('utf8'));
      const action = params.get('Action');
      if (action === 'CheckIfPhoneNumberIsOptedOut') {
        const phoneNumber = params.get('phoneNumber') ?? '';
        if (!E164.test(phoneNumber))
          throw invalid('Invalid parameter: PhoneNumber Reason: not in E.164 format');
        sendXml(
          res,
          200,
          requestId,
          `<CheckIfPhoneNumberIsOptedOutResponse xmlns="${XML_NAMESPACE}"><CheckIfPhoneNumberIsOptedOutResult>` +
            `<isOptedOut>${optedOut.has(phoneNumber)}</isOptedOut></CheckIfPhoneNumberIsOptedOutResult>` +
            `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
            '</CheckIfPhoneNumberIsOptedOutResponse>',
        );
        return;
      }
      if (action !== 'Publish') {
        throw new QueryError(
          400,
          'Sender',
          'InvalidAction',
          `The action ${action} is not valid for this endpoint.`,
        );
      }
      if (failures > 0) {
        failures -= 1;
        const f = FAILURES[failure];
        throw new QueryError(f.status, f.type, failure, f.message);
      }
      const messageId = await publish(params);
      sendXml(
        res,
        200,
        requestId,
        `<PublishResponse xmlns="${XML_NAMESPACE}"><PublishResult><MessageId>${messageId}</MessageId>` +
          `</PublishResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></PublishResponse>`,
      );
    } catch (error) {
      const e =
        error instanceof QueryError
          ? error
          : error instanceof RequestTooLargeError
            ? new QueryError(413, 'Sender', 'RequestEntityTooLarge', 'Request body too large')
            : new QueryError(500, 'Receiver', 'InternalError', `Local SNS failed: ${String(error)}`);
      sendXml(
        res,
        e.status,
        requestId,
        `<ErrorResponse xmlns="${XML_NAMESPACE}"><Error><Type>${e.type}</Type><Code>${e.code}</Code>` +
          `<Message>${escapeXml(e.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    }
  }

  /** SESv2 SendEmail (lib/local/ses.ts): REST with JSON, errors named by the x-amzn-ErrorType header. */
  async function handleSes(req: http.IncomingMessage, res: http.ServerResponse, requestId: string) {
    const answer = (status: number, body: object, type?: string) => {
      if (res.writableEnded || res.destroyed) return;
      const json = JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(json),
        'x-amzn-RequestId': requestId,
        ...(type ? { 'x-amzn-ErrorType': type } : {}),
      });
      res.end(json);
    };
    try {
      if (req.method !== 'POST') throw new SesError(405, 'MethodNotAllowedException', 'Use POST');
      const email = sesSendEmail((await readBody(req, MAX_REQUEST_BYTES)).toString('utf8'));
      const messageId = await record({
        messageId: email.messageId,
        at: now().toISOString(),
        channel: 'email',
        to: email.to,
        service: 'ses',
        from: email.from,
        subject: email.subject,
        message: email.message,
        attributes: email.tags,
      });
      answer(200, { MessageId: messageId });
    } catch (error) {
      const e =
        error instanceof SesError
          ? error
          : error instanceof RequestTooLargeError
            ? new SesError(413, 'MessageRejected', 'Request body too large')
            : new SesError(500, 'InternalFailure', `Local SES failed: ${String(error)}`);
      answer(e.status, { message: e.message }, e.type);
    }
  }

  const endpoint = await listenForClients(server, options.port ?? 0, host);

  let closed: Promise<void> | undefined;
  return {
    endpoint,
    outbox(filter = {}) {
      const reference = filter.referral?.trim().toUpperCase();
      const newestFirst = [...entries].reverse();
      if (!reference) return newestFirst;
      // Every notice carries the referral's reference in its text (functions/domain/notifications.ts).
      return newestFirst.filter(
        (entry) =>
          entry.message.toUpperCase().includes(reference) || entry.subject?.toUpperCase().includes(reference),
      );
    },
    optOut(phoneNumber, out = true) {
      if (out) optedOut.add(phoneNumber);
      else optedOut.delete(phoneNumber);
    },
    failNext(count = 1, error = 'InternalError') {
      failures = Math.max(0, count);
      failure = error;
    },
    close() {
      closed ??= (async () => {
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        server.closeAllConnections();
        await done;
        await writes;
      })();
      return closed;
    },
  };
}

/**
 * Serves the outbox: `GET` answers `{ items: OutboxEntry[] }`, newest first; `?referral=<reference>` keeps one
 * referral's messages. Meant to be mounted by the local gateway (at `/_local/outbox`); it ignores the path.
 */
export function outboxHttpHandler(
  sns: Pick<LocalSns, 'outbox'>,
): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: 'The outbox is read-only: use GET' }));
      return;
    }
    const url = new URL(req.url ?? '/', 'http://local');
    const referral = url.searchParams.get('referral') ?? undefined;
    const body = JSON.stringify({ items: sns.outbox(referral === undefined ? {} : { referral }) });
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Publish, as SNS validates it

class QueryError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const invalid = (message: string) => new QueryError(400, 'Sender', 'InvalidParameter', message);

function outboxEntry(params: URLSearchParams, at: Date): OutboxEntry {
  const message = params.get('Message');
  if (message === null || message === '') throw invalid('Invalid parameter: Empty message');
  const phoneNumber = params.get('PhoneNumber') || undefined;
  const topicArn = params.get('TopicArn') || undefined;
  if (params.get('TargetArn'))
    throw invalid('Invalid parameter: TargetArn (mobile push) is not supported locally');
  if ((phoneNumber === undefined) === (topicArn === undefined)) {
    throw invalid('Invalid parameter: exactly one of PhoneNumber or TopicArn must be given');
  }
  if (phoneNumber !== undefined && !E164.test(phoneNumber)) {
    throw invalid('Invalid parameter: PhoneNumber Reason: not in E.164 format');
  }
  if (topicArn !== undefined && !TOPIC_ARN.test(topicArn)) throw invalid('Invalid parameter: TopicArn');
  const subject = params.get('Subject') ?? undefined;
  if (subject !== undefined && (subject === '' || subject.length >= 100 || /\p{Cc}/u.test(subject))) {
    throw invalid(
      'Invalid parameter: Subject must be non-empty, without line breaks or control characters, under 100 characters',
    );
  }
  const limit = phoneNumber !== undefined ? MAX_SMS_BYTES : MAX_MESSAGE_BYTES;
  if (Buffer.byteLength(message) > limit) {
    throw invalid(`Invalid parameter: Message too long (over ${limit} bytes)`);
  }
  const attributes = messageAttributes(params);
  return {
    messageId: randomUUID(),
    at: at.toISOString(),
    channel: phoneNumber !== undefined ? 'sms' : 'email',
    to: phoneNumber ?? attributes.recipient ?? topicArn ?? '',
    service: 'sns',
    ...(phoneNumber !== undefined ? { phoneNumber } : {}),
    ...(topicArn !== undefined ? { topicArn } : {}),
    // SNS ignores a subject on an SMS; so does the outbox.
    ...(subject !== undefined && phoneNumber === undefined ? { subject } : {}),
    message,
    attributes,
  };
}

/** `MessageAttributes.entry.N.Name` / `.Value.DataType` / `.Value.StringValue` (binary values kept as base64). */
function messageAttributes(params: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let n = 1; ; n++) {
    const prefix = `MessageAttributes.entry.${n}`;
    const name = params.get(`${prefix}.Name`);
    if (name === null) break;
    const dataType = params.get(`${prefix}.Value.DataType`);
    if (!dataType)
      throw invalid(`Invalid parameter: MessageAttributes. The message attribute '${name}' has no type`);
    const value = params.get(`${prefix}.Value.StringValue`) ?? params.get(`${prefix}.Value.BinaryValue`);
    if (value === null) {
      throw invalid(
        `Invalid parameter: MessageAttributes. The message attribute '${name}' must have a value`,
      );
    }
    attributes[name] = value;
  }
  return attributes;
}

/** One readable line per message: channel, recipient, text (line breaks shown as ' / '). */
function summary(entry: OutboxEntry): string {
  const oneLine = (text: string) => text.replace(/\r?\n/g, ' / ');
  if (entry.channel === 'sms') return `[sns] SMS to ${entry.to}: ${oneLine(entry.message)}`;
  if (entry.service === 'ses') {
    return `[ses] E-MAIL to ${entry.to} (from ${entry.from ?? ''}): "${entry.subject ?? ''}" ${oneLine(entry.message)}`;
  }
  const topic = entry.topicArn?.slice(entry.topicArn.lastIndexOf(':') + 1);
  return `[sns] E-MAIL to ${entry.to} (topic ${topic}): "${entry.subject ?? ''}" ${oneLine(entry.message)}`;
}

async function loadOutbox(file: string): Promise<OutboxEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: OutboxEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      entries.push(JSON.parse(line) as OutboxEntry);
    } catch {
      // A process killed mid-append leaves a torn last line; the rest of the outbox is still good.
    }
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------------------------
// Plumbing

function sendXml(res: http.ServerResponse, status: number, requestId: string, xml: string): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(xml),
    // The SDK reads the request id from this header into $metadata.requestId.
    'x-amzn-RequestId': requestId,
  });
  res.end(xml);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
