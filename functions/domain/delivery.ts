import type { NotificationChannel } from './notifications.js';

/**
 * How a notice reaches a person whose number opted out of SMS (they replied STOP, or the account opted them out):
 * SNS drops every SMS to such a number without an error, so the officer would never hear of the referral. A
 * deadline notice must arrive, so they are reached by e-mail when an address is known — the preferred channel is a
 * preference, the deadline is not. With no address the notice cannot go anywhere: undefined, and the caller records
 * it as a failure (the canton's alarm), so that someone asks the provider for a working contact.
 */
export function channelAfterOptOut(recipient: {
  readonly channel: NotificationChannel;
  readonly email?: string | undefined;
}): NotificationChannel | undefined {
  if (recipient.channel !== 'sms') return undefined;
  return recipient.email ? 'email' : undefined;
}
