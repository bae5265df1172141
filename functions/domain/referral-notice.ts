import { type Referral, type ReferralEvent, WORKFLOW_ACTOR } from './referral.js';

/**
 * What the referral says about its first notice. Pure: the workflow step saves the result.
 *
 * A referral whose contact officers were never told is a citizen nobody is looking after, so both outcomes leave a
 * trace: `notifiedAt` when the notice went out (a workflow resumed after a restart sends it if it is missing; see
 * markNotified in the store), or `attention` when it could not go out at all, which puts the referral in the
 * overdue list at once and is an event of its history.
 */
/** `error` is the failure's name and a message written by our code or the AWS SDK: never personal data. */
export function notificationFailed(
  referral: Referral,
  now: string,
  error: string,
): { referral: Referral; event: ReferralEvent } | undefined {
  if (referral.attention) return undefined;
  const version = referral.version + 1;
  const attention = { code: 'notification-failed' as const, at: now, error: error.slice(0, 300) };
  return {
    referral: { ...referral, attention, updatedAt: now, version },
    event: {
      version,
      at: now,
      by: WORKFLOW_ACTOR,
      action: 'notification-failed',
      details: { error: attention.error },
    },
  };
}
