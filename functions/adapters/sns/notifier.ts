import {
  CheckIfPhoneNumberIsOptedOutCommand,
  type MessageAttributeValue,
  PublishCommand,
  type PublishCommandInput,
  SNSClient,
} from '@aws-sdk/client-sns';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from '#kernel/ids.js';
import type { Language } from '#domain/taxonomy.js';
import {
  isSms,
  type NotificationChannel,
  type NotificationKind,
  type RenderedNotification,
} from '#domain/notifications.js';
import type { COMPLAINT_REPLY_KIND } from '#domain/complaint-reply.js';
import type { ComplaintClockKind } from '#domain/complaint-notices.js';
import type { CONFIRMATION_DENIED_KIND, CONFIRMATION_SMS_KIND } from '#domain/citizen-confirmation.js';
import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { CitizenMailer } from '../ses/citizen-mail.js';
import { dynamo, TABLE_NAME } from '../dynamodb/client.js';
import { clock } from '#kernel/clock.js';
import { lazy } from '#kernel/lazy.js';
import { logger } from '#kernel/logger.js';
import { createHash } from 'node:crypto';

/**
 * Sends one rendered notice: an SMS straight to the recipient's phone (SNS); an e-mail to staff or a contact officer
 * through the canton's notifications topic (SNS), whose subscription holds their address; an e-mail to a citizen,
 * who has no subscription, straight to their address through SES (functions/adapters/ses/citizen-mail.ts, handed in
 * by the caller so that only the functions that e-mail citizens carry its client). The local runtime points the very
 * same clients at its own SNS and SES (AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL_SESV2), whose outbox shows what would
 * have gone out. A citizen e-mail on a stage with no sending identity is recorded as failed, never dropped.
 *
 * A publish that fails is retried (the SDK's own retries, then ours with backoff); if it still fails it is recorded
 * in the table, counted in the `NotificationFailures` metric that the canton's alarm watches, logged, and reported as
 * `{ delivered: false }`. It is never thrown: the referral workflow must go on, with its reminders and escalation
 * ladder (which is what catches an officer who never got the notice), rather than stop or replay a step and send
 * the other notices of that step twice. A failure is someone's job to follow up, not a reason to lose the case.
 *
 * Personal data: the phone number goes only into the SMS publish itself; a staff member's e-mail address never leaves
 * the topic subscription, and a citizen's goes only into the SES send. Logs, the failure record and the metric carry
 * the recipient's id and channel, never a number or an address, and never an SDK error message (SNS quotes the phone
 * number in some of them).
 */

export interface NotificationRecipient {
  /** The staff member's id (e.g. `uio.contacto3`): what logs and failure records name. */
  readonly id: string;
  readonly channel: NotificationChannel;
  /**
   * The id the person signs in with, unique in the canton: what their e-mail subscription filters on. A contact
   * officer's catalogue `id` is unique only within their organization; a staff member's id is their user id.
   * @default id
   */
  readonly userId?: string;
  /** E.164 (+5939...), required for SMS. */
  readonly phone?: string;
  /**
   * Staff: not used to send — their e-mail reaches them through their subscription to the canton's topic, which
   * holds the address (accepted so that callers can pass a staff record as it is). A citizen: where the e-mail goes,
   * required for the e-mail channel.
   */
  readonly email?: string;
  /**
   * Who the recipient is. Staff and contact officers (the default) are e-mailed through the canton's topic; a
   * citizen holds no subscription, so their e-mail goes to `email` through SES, which the caller must hand to
   * notify (`{ citizenMail }`).
   * @default 'staff'
   */
  readonly audience?: 'staff' | 'citizen';
  readonly language: Language;
  /**
   * The canton whose notifications topic holds the recipient's e-mail subscription: a national coordinator told of
   * a canton's referral is subscribed at the national level.
   * @default the message's canton
   */
  readonly cantonId?: string;
}

/** What a notice is about, by id: a referral, or a complaint case (logged and recorded under its own key). */
export type NoticeSubject = { readonly referralId: string } | { readonly complaintId: string };

export type NotificationMessage = NoticeSubject & {
  readonly cantonId: string;
  /**
   * A staff notice of a referral, a complaint's reply to the citizen (domain/complaint-reply.ts) or its clock's
   * reminders and escalations (domain/complaint-notices.ts), or the verification code a contact officer asks for
   * on their link's page.
   */
  readonly kind:
    | NotificationKind
    | typeof COMPLAINT_REPLY_KIND
    | ComplaintClockKind
    | 'link-verification'
    | typeof CONFIRMATION_SMS_KIND
    | typeof CONFIRMATION_DENIED_KIND;
  readonly recipient: NotificationRecipient;
  /** From renderNotification, for the recipient's channel and language. */
  readonly rendered: RenderedNotification;
};

/** The subject's id under its own key: what logs and records name. */
const subjectOf = (notice: NoticeSubject): Record<string, string> =>
  'complaintId' in notice ? { complaintId: notice.complaintId } : { referralId: notice.referralId };

export type NotifyResult =
  | { readonly delivered: true; readonly messageId: string }
  | { readonly delivered: false; readonly failureId: string; readonly error: string }
  /**
   * The number opted out of SMS (it replied STOP, or was opted out in the account): nothing was sent and nothing
   * counted as a failure yet; the opt-out is recorded, and the caller reaches the person another way
   * (domain/notifications.ts, fallbackChannel) or records the failure.
   */
  | { readonly delivered: false; readonly optedOut: true; readonly error: 'OptedOut' };

/** Where a canton's e-mail notices are published. May read configuration, hence a promise. */
export type TopicArnResolver = (cantonId: string) => string | Promise<string>;

export interface RetryPolicy {
  /** Our attempts (each one already includes the SDK's own retries). */
  readonly attempts: number;
  /** Delay before our second attempt; doubled for each following one, with jitter. */
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200 };
export const NOTIFICATION_FAILURES_METRIC = 'NotificationFailures';
/** The Powertools variable, so that a later switch to @aws-lambda-powertools/metrics keeps the namespace. */
const METRICS_NAMESPACE = process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'SWCS';

// Created once per container, on the first notice; the SDK honours AWS_ENDPOINT_URL_SNS (the local runtime) and
// retries throttling and server errors itself (standard mode, 3 attempts).
const sns = lazy(() => new SNSClient({}));

/**
 * NOTIFICATIONS_TOPIC_ARN names the topic; a `{canton}` in it is replaced by the canton's id, which lets one
 * setting cover one topic per canton when the Canton stacks name their topics by a convention.
 */
const fromEnvironment: TopicArnResolver = (cantonId) => {
  const template = process.env.NOTIFICATIONS_TOPIC_ARN;
  if (!template) throw new NotifierConfigurationError('NOTIFICATIONS_TOPIC_ARN is not set');
  return template.replaceAll('{canton}', cantonId);
};

let topicArnFor: TopicArnResolver = fromEnvironment;
let retry: RetryPolicy = DEFAULT_RETRY;

/**
 * Replaces how a canton's topic is found (e.g. from the canton's registration or an SSM parameter) and/or the retry
 * policy (tests shorten the delays). Called at cold start, not per message.
 */
export function configureNotifier(options: {
  topicArnFor?: TopicArnResolver;
  retry?: Partial<RetryPolicy>;
}): void {
  if (options.topicArnFor) topicArnFor = options.topicArnFor;
  if (options.retry) retry = { ...retry, ...options.retry };
}

/** Back to the environment's topic and the default retry policy. */
export function resetNotifier(): void {
  topicArnFor = fromEnvironment;
  retry = DEFAULT_RETRY;
}

/**
 * What notify needs besides the message: the SES sender for citizen e-mails (functions/adapters/ses/citizen-mail.ts,
 * `sesCitizenMailer`). Without it a citizen e-mail is recorded as failed.
 */
export interface NotifyOptions {
  readonly citizenMail?: CitizenMailer;
}

/** A mistake in what was asked (no phone, wrong content for the channel): retrying cannot help. */
class NotifierConfigurationError extends Error {
  override readonly name = 'NotifierConfigurationError';
}

export async function notify(
  message: NotificationMessage,
  options: NotifyOptions = {},
): Promise<NotifyResult> {
  const { cantonId, kind, recipient } = message;
  // What every log line about this notice says: ids and codes only.
  const context = {
    cantonId,
    kind,
    ...subjectOf(message),
    recipientId: recipient.id,
    channel: recipient.channel,
  };
  let attempts = 0;
  let lastError: unknown;
  try {
    const delivery = await deliveryOf(message, options);
    const phoneNumber = delivery.via === 'sns' ? delivery.input.PhoneNumber : undefined;
    if (phoneNumber && (await optedOut(phoneNumber, context))) {
      await recordOptOut(message, phoneNumber);
      return { delivered: false, optedOut: true, error: 'OptedOut' };
    }
    for (attempts = 1; attempts <= retry.attempts; attempts++) {
      try {
        const messageId = await send(delivery);
        logger.info('notification sent', { ...context, messageId, attempts });
        return { delivered: true, messageId };
      } catch (error) {
        lastError = error;
        if (!retryable(error) || attempts === retry.attempts) break;
        logger.warn('notification publish failed, retrying', { ...context, attempts, ...describe(error) });
        await sleep(backoff(attempts));
      }
    }
  } catch (error) {
    // Only deliveryOf gets here: a configuration problem (a stage that cannot e-mail citizens among them),
    // recorded like a failed publish.
    lastError = error;
  }
  return recordFailure(message, context, lastError, attempts);
}

/** How one notice goes out: an SNS publish (SMS, or a staff e-mail through the topic) or an SES send. */
type Delivery =
  | { readonly via: 'sns'; readonly input: PublishCommandInput }
  | { readonly via: 'ses'; readonly request: SendEmailCommandInput; readonly mailer: CitizenMailer };

/**
 * Chooses the way by channel and audience: an SMS to the phone; a citizen's e-mail to their address through SES;
 * anyone else's e-mail through the canton's topic. Throws, before anything is sent, what no retry can fix.
 */
async function deliveryOf(message: NotificationMessage, options: NotifyOptions): Promise<Delivery> {
  const { rendered, recipient } = message;
  if (recipient.channel === 'email' && recipient.audience === 'citizen') {
    if (isSms(rendered))
      throw new NotifierConfigurationError('an e-mail recipient needs a subject and a body');
    if (!recipient.email) throw new NotifierConfigurationError('a citizen e-mail needs the address');
    const mailer = options.citizenMail;
    if (!mailer) throw new NotifierConfigurationError('a citizen e-mail needs the SES sender (citizenMail)');
    const request = mailer.request({
      to: recipient.email,
      subject: rendered.subject,
      body: rendered.body,
      // SES attaches them to the message's bounce and complaint events: ids and codes only.
      tags: { kind: message.kind, canton: message.cantonId, ...subjectOf(message) },
    });
    return { via: 'ses', request, mailer };
  }
  return { via: 'sns', input: await publishInput(message) };
}

async function send(delivery: Delivery): Promise<string> {
  if (delivery.via === 'ses') return delivery.mailer.send(delivery.request);
  const output = await sns().send(new PublishCommand(delivery.input));
  return output.MessageId ?? '';
}

async function publishInput(message: NotificationMessage): Promise<PublishCommandInput> {
  const { rendered, recipient } = message;
  if (recipient.channel === 'sms') {
    if (!isSms(rendered)) throw new NotifierConfigurationError('an SMS recipient needs an SMS text');
    if (!recipient.phone || !/^\+[1-9]\d{6,14}$/.test(recipient.phone)) {
      throw new NotifierConfigurationError('an SMS recipient needs a phone number in E.164 form');
    }
    return {
      PhoneNumber: recipient.phone,
      Message: rendered.sms,
      MessageAttributes: {
        // Transactional: routed for reliability, delivered to numbers on do-not-disturb lists, as a deadline
        // notice must be (Promotional is for marketing and is cheaper but best effort).
        'AWS.SNS.SMS.SMSType': text('Transactional'),
      },
    };
  }
  if (isSms(rendered)) throw new NotifierConfigurationError('an e-mail recipient needs a subject and a body');
  return {
    TopicArn: await topicArnFor(message.recipient.cantonId ?? message.cantonId),
    Subject: rendered.subject,
    Message: rendered.body,
    MessageAttributes: {
      // Every e-mail subscription of the canton's topic has a filter policy {"recipient": ["<user id>"]} (the
      // Canton stack, docs/decisions/email-delivery.md), so that only the addressee's subscription delivers it.
      // The topic (not a direct send) keeps addresses out of the Lambda functions and lets SNS handle
      // confirmation and unsubscribe links.
      recipient: text(message.recipient.userId ?? message.recipient.id),
      kind: text(message.kind),
    },
  };
}

const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

/**
 * Whether SNS will not deliver SMS to the number: it opted out (replied STOP or UNSUBSCRIBE), and SNS silently
 * drops what is published to it. A check that fails says no: it must never keep a notice from going out.
 */
async function optedOut(phoneNumber: string, context: Record<string, string>): Promise<boolean> {
  try {
    const output = await sns().send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber }));
    return output?.isOptedOut === true;
  } catch (error) {
    logger.warn('SMS opt-out check failed; sending anyway', { ...context, ...describe(error) });
    return false;
  }
}

/**
 * The opt-out item: one per canton and recipient (the latest check), so that ops and the catalogue's keepers can
 * see whose number no longer takes SMS and ask for another channel. The number itself is kept only as a digest, to
 * tell a changed number from the one that opted out.
 */
export function smsOptOutKey(cantonId: string, recipientId: string) {
  return { PK: `C#${cantonId}#SMS-OPT-OUTS`, SK: recipientId };
}

async function recordOptOut(message: NotificationMessage, phoneNumber: string): Promise<void> {
  const { cantonId, kind, recipient } = message;
  const at = clock.now().toISOString();
  const phoneDigest = createHash('sha256').update(phoneNumber).digest('hex').slice(0, 16);
  logger.warn('SMS recipient opted out; reaching them another way', {
    cantonId,
    kind,
    ...subjectOf(message),
    recipientId: recipient.id,
  });
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...smsOptOutKey(cantonId, recipient.id),
          entity: 'sms-opt-out',
          cantonId,
          recipientId: recipient.id,
          phoneDigest,
          lastSeenAt: at,
          kind,
          ...subjectOf(message),
        },
      }),
    );
  } catch (error) {
    logger.error('SMS opt-out could not be recorded', {
      cantonId,
      recipientId: recipient.id,
      ...describe(error),
    });
  }
}

/** Throttling, server faults and network errors may pass; a rejected request (bad number, no access) will not. */
function retryable(error: unknown): boolean {
  if (error instanceof NotifierConfigurationError) return false;
  const e = error as {
    name?: string;
    $fault?: string;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
  };
  if (e.$retryable) return true;
  if (e.$fault === 'server') return true;
  if (/Throttl|TooManyRequests|RequestLimitExceeded/.test(e.name ?? '')) return true;
  // No HTTP status: the request never got an answer (connection refused or reset, timeout).
  return e.$metadata?.httpStatusCode === undefined;
}

/** What may be logged about an error: its name and HTTP status, never its message. */
function describe(error: unknown): { error: string; httpStatusCode?: number } {
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  const name = typeof e?.name === 'string' ? e.name : 'UnknownError';
  const status = e?.$metadata?.httpStatusCode;
  return status === undefined ? { error: name } : { error: name, httpStatusCode: status };
}

/** Exponential backoff with jitter, so that many executions failing together do not retry in step. */
function backoff(attempt: number): number {
  const ceiling = retry.baseDelayMs * 2 ** (attempt - 1);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The failure item: one partition per canton (the key starts with the canton like every key), newest last by time,
 * so that ops list a canton's failures with one Query. No phone number, no address: the recipient's id suffices to
 * find them in the staff records.
 */
export function notificationFailureKey(cantonId: string, at: string, failureId: string) {
  return { PK: `C#${cantonId}#NOTIFICATION-FAILURES`, SK: `${at}#${failureId}` };
}

/** What a failure record names: the notice and its recipient by id, never the message or an address. */
type FailedNotice = Pick<NotificationMessage, 'cantonId' | 'kind'> &
  NoticeSubject & {
    readonly recipient: Pick<NotificationRecipient, 'id' | 'channel'>;
  };

/**
 * Records a notice that could not even be attempted (the workflow step that sends it failed after its retries),
 * exactly like one that failed to publish: a failure item, the error log and the canton's alarm metric.
 */
export function recordNotificationFailure(notice: FailedNotice, error: unknown): Promise<NotifyResult> {
  const { cantonId, kind, recipient } = notice;
  const context = {
    cantonId,
    kind,
    ...subjectOf(notice),
    recipientId: recipient.id,
    channel: recipient.channel,
  };
  return recordFailure(notice, context, error, 0);
}

async function recordFailure(
  message: FailedNotice,
  context: Record<string, string>,
  error: unknown,
  attempts: number,
): Promise<NotifyResult> {
  const failureId = ulid();
  const at = clock.now().toISOString();
  const cause = describe(error);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...notificationFailureKey(message.cantonId, at, failureId),
          entity: 'notification-failure',
          failureId,
          at,
          cantonId: message.cantonId,
          kind: message.kind,
          ...subjectOf(message),
          recipient: { id: message.recipient.id, channel: message.recipient.channel },
          attempts,
          ...cause,
        },
      }),
    );
  } catch (writeError) {
    // The metric and the log below still raise the alarm; losing the record must not lose the alert.
    logger.error('notification failure could not be recorded', {
      ...context,
      failureId,
      ...describe(writeError),
    });
  }
  // One line that is both the error log and, in CloudWatch embedded metric format, the metric the alarm watches.
  logger.error('notification failed', {
    ...context,
    failureId,
    attempts,
    ...cause,
    _aws: {
      // The wall clock, not the product's: CloudWatch drops metrics stamped in the future (a fast local clock).
      Timestamp: Date.now(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['canton']],
          Metrics: [{ Name: NOTIFICATION_FAILURES_METRIC, Unit: 'Count' }],
        },
      ],
    },
    canton: message.cantonId,
    [NOTIFICATION_FAILURES_METRIC]: 1,
  });
  return { delivered: false, failureId, error: cause.error };
}
