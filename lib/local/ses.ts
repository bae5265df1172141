/**
 * The local stand-in for Amazon SES, as the functions use it: SESv2 `SendEmail`, which citizens' e-mails go
 * through (functions/adapters/ses/citizen-mail.ts). It is served by the local SNS's server (lib/local/sns.ts) at the
 * same endpoint, so that a citizen's e-mail lands in the same outbox as every SMS and staff e-mail, which the tests
 * and `npm start` (`GET /_local/outbox`) read.
 *
 * It speaks what @aws-sdk/client-sesv2 (3.1162) speaks to SES, REST with JSON: `POST /v2/email/outbound-emails`
 * with `{ FromEmailAddress, Destination: { ToAddresses }, Content: { Simple: { Subject, Body: { Text | Html } } },
 * ConfigurationSetName?, EmailTags? }`, answered `{ "MessageId": … }`, or an error named by the
 * `x-amzn-ErrorType` header with `{ "message": … }`. It checks what SES checks before accepting a message (an
 * address to send to, a subject and a body, tags SES accepts); what it cannot know — whether the identity is
 * verified, the sandbox — is the cloud's. test/local/ses.test.ts drives it with the real SDK, so an SDK upgrade
 * that changes the protocol fails there rather than in a demo.
 *
 * Addresses appear in the outbox on purpose, as phone numbers do: this is the stand-in for the citizen's inbox, and
 * locally they are demo data. The product's own logs never carry them.
 */
import { randomUUID } from 'node:crypto';

/** The path SendEmail is posted to. */
export const SES_SEND_EMAIL_PATH = '/v2/email/outbound-emails';

/** An e-mail SES accepted: what the outbox keeps of it. */
export interface SesEmail {
  readonly messageId: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  /** The text part (or, when only HTML was given, the HTML). */
  readonly message: string;
  readonly configurationSet?: string;
  /** The message's e-mail tags, by name. */
  readonly tags: Readonly<Record<string, string>>;
}

/** A request SES would refuse: its HTTP status, error type and message. */
export class SesError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string) => new SesError(400, 'BadRequestException', message);
const ADDRESS = /^(?:[^<>]*<)?[^@\s<>",;]+@[^@\s<>",;]+\.[^@\s<>",;]+>?$/;
const TAG = /^[A-Za-z0-9_-]{1,256}$/;
/** SES's limit on one message, MIME-encoded: 40 MB; the request body a local server reads is far smaller. */
const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Validates a SendEmail body as SES does before accepting it. Throws SesError. */
export function sesSendEmail(body: string): SesEmail {
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new SesError(400, 'SerializationException', 'The request body is not JSON');
  }
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const from = text(request.FromEmailAddress);
  if (!from || !ADDRESS.test(from)) throw bad('FromEmailAddress is missing or not an e-mail address');
  const destination = request.Destination as { ToAddresses?: unknown; CcAddresses?: unknown } | undefined;
  const to = Array.isArray(destination?.ToAddresses) ? (destination.ToAddresses as unknown[]) : [];
  if (to.length !== 1 || !ADDRESS.test(String(to[0])) || destination?.CcAddresses !== undefined) {
    // The functions send each citizen their own e-mail: one address, no copies.
    throw bad('Destination must name exactly one address in ToAddresses (the local SES sends no copies)');
  }
  const simple = (request.Content as { Simple?: Record<string, unknown> } | undefined)?.Simple;
  if (!simple) throw bad('Content.Simple is required (the local SES accepts no raw or template content)');
  const subject = text((simple.Subject as { Data?: unknown } | undefined)?.Data);
  if (!subject) throw bad('Content.Simple.Subject.Data is required');
  if (/[\r\n]/.test(subject)) throw bad('The subject must not hold line breaks');
  const part = simple.Body as { Text?: { Data?: unknown }; Html?: { Data?: unknown } } | undefined;
  const message = text(part?.Text?.Data) ?? text(part?.Html?.Data);
  if (!message) throw bad('Content.Simple.Body needs a Text or an Html part');
  if (Buffer.byteLength(subject) + Buffer.byteLength(message) > MAX_MESSAGE_BYTES) {
    throw new SesError(400, 'MessageRejected', 'The message is too large');
  }
  const tags: Record<string, string> = {};
  const emailTags = request.EmailTags === undefined ? [] : request.EmailTags;
  if (!Array.isArray(emailTags)) throw bad('EmailTags must be a list');
  for (const tag of emailTags as { Name?: unknown; Value?: unknown }[]) {
    const name = text(tag.Name);
    const value = text(tag.Value);
    if (!name || !value || !TAG.test(name) || !TAG.test(value)) {
      throw bad('Each e-mail tag needs a name and a value of letters, digits, "_" and "-" only');
    }
    tags[name] = value;
  }
  const configurationSet = text(request.ConfigurationSetName);
  return {
    messageId: randomUUID(),
    from,
    to: String(to[0]),
    subject,
    message,
    ...(configurationSet ? { configurationSet } : {}),
    tags,
  };
}
