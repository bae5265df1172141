import { localDate } from './deadlines.js';
import { NATIONAL_TIME_ZONE } from './holidays.js';
import type { NotificationChannel } from './notifications.js';
import type { MessageLog } from './referral-record.js';

/**
 * Which channel each message of a referral takes (performance issue 15: what the SMS cost). An SMS is the
 * expensive message, and several on one day about one referral tell its recipient nothing the first did not, so:
 *
 * - a recipient's first message of the referral goes on the channel they prefer (a contact officer who prefers SMS
 *   gets the new referral by SMS: that is what they asked for, and it is the message that must be seen at once);
 * - every later message of the same referral to the same person (reminders, escalations, late answers) goes by
 *   e-mail when they have an e-mail address;
 * - someone reached only by SMS gets at most one SMS of the referral per product day (America/Guayaquil); a later
 *   message the same day is held (`undefined`): the caller decides what stands in for it (an escalation goes to the
 *   coordinators instead, so that it still reaches someone who can act; a reminder or a late answer is dropped,
 *   since the person already had today's SMS of this referral).
 *
 * Whatever the path, nobody gets more than one SMS of a referral on one product day. What was sent is kept on the
 * referral (`messageLog`, by the id the person signs in with), written with the change the step makes anyway.
 */

export type { MessageLog };

/** What the rule needs to know of a recipient. */
export interface Reachable {
  /** The id the person signs in with, unique in the canton. */
  readonly userId: string;
  /** The channel they prefer (staff: e-mail, the only address a canton definition holds for them). */
  readonly channel: NotificationChannel;
  /** Their e-mail address, when known. */
  readonly email?: string | undefined;
}

/** The product's calendar day at an instant (YYYY-MM-DD, America/Guayaquil), which the SMS limit counts in. */
export function productDay(at: Date): string {
  return localDate(at, NATIONAL_TIME_ZONE);
}

/**
 * The channel of the next message of a referral to `recipient`, given what the referral sent so far, or
 * undefined when it must not go out today (only SMS, and an SMS of this referral already reached them today).
 */
export function channelFor(
  recipient: Reachable,
  log: MessageLog | undefined,
  at: Date,
): NotificationChannel | undefined {
  // Someone who prefers e-mail is always written to; only an SMS is rationed.
  if (recipient.channel === 'email') return 'email';
  const sent = log?.[recipient.userId];
  if (!sent) return 'sms';
  if (recipient.email) return 'email';
  return sent.smsDay === productDay(at) ? undefined : 'sms';
}

/** The log after a message went (or is about to go) to `userId` on `channel`. */
export function logMessage(
  log: MessageLog | undefined,
  userId: string,
  channel: NotificationChannel,
  at: Date,
): MessageLog {
  const before = log?.[userId];
  return {
    ...log,
    [userId]: channel === 'sms' ? { smsDay: productDay(at) } : { ...before },
  };
}

/** Each recipient with its channel, the ones held today, and the log once the messages are sent. */
export interface ChannelPlan<R extends Reachable> {
  readonly sends: readonly { readonly recipient: R; readonly channel: NotificationChannel }[];
  readonly held: readonly R[];
  readonly log: MessageLog;
}

/**
 * The channels of one step's messages, in order: each decided on the log as the messages before it left it, so
 * that one person named twice in a step gets one SMS at most. Only people who prefer SMS are logged: for the
 * others the answer is e-mail whatever was sent.
 */
export function planChannels<R extends Reachable>(
  recipients: readonly R[],
  log: MessageLog | undefined,
  at: Date,
): ChannelPlan<R> {
  let next: MessageLog = log ?? {};
  const sends: { recipient: R; channel: NotificationChannel }[] = [];
  const held: R[] = [];
  for (const recipient of recipients) {
    const channel = channelFor(recipient, next, at);
    if (!channel) {
      held.push(recipient);
      continue;
    }
    sends.push({ recipient, channel });
    if (recipient.channel === 'sms') next = logMessage(next, recipient.userId, channel, at);
  }
  return { sends, held, log: next };
}

/** Whether a plan changed the log: the step must then keep the new one on the referral. */
export function logChanged(before: MessageLog | undefined, after: MessageLog): boolean {
  return JSON.stringify(before ?? {}) !== JSON.stringify(after);
}
