import { checkVerification, mayResend, renderVerificationCode } from '#domain/link.js';
import type { Referral, TransitionInput, TransitionName } from '#domain/referral.js';
import { channelAfterOptOut } from '#domain/delivery.js';
import {
  consumeVerification,
  newSession,
  newVerification,
  saveFailedTry,
  verificationMatches,
} from '#adapters/dynamodb/links-store.js';
import { notify } from '#adapters/sns/notifier.js';
import { moveReferral } from '../referrals/transition.js';
import { linkCaller, type OpenLink } from './link-page.js';

/**
 * What a contact officer does on an open link's page (link-page.ts): ask for a verification code, type it, answer
 * the referral. Apart from opening the page, so that the page's GET loads neither the notifier nor the workflow's
 * client.
 */

export type SendResult =
  | { readonly sent: true; readonly channel: 'sms' | 'email'; readonly to: string }
  | { readonly sent: false; readonly until?: string; readonly why: 'wait' | 'undeliverable' };

/** Sends a 6-digit code to the phone or e-mail the catalogue holds for the officer, by their preferred channel. */
export async function sendVerificationCode(open: OpenLink, now: Date): Promise<SendResult> {
  const officer = open.officer;
  if (!officer) return { sent: false, why: 'undeliverable' };
  const before = open.verification;
  const allowed = mayResend(before, now);
  if (!allowed.ok) return { sent: false, why: 'wait', ...(allowed.until ? { until: allowed.until } : {}) };
  const code = await newVerification(open.link.cantonId, officer.id, now);
  const send = (channel: 'sms' | 'email') =>
    notify({
      cantonId: open.link.cantonId,
      kind: 'link-verification',
      recipient: {
        id: officer.id,
        // What the officer's e-mail subscription filters on (docs/decisions/email-delivery.md).
        userId: officer.userId,
        channel,
        language: open.language,
        phone: officer.phone,
        email: officer.email,
      },
      referralId: open.referral.referralId,
      rendered: renderVerificationCode(code, open.language, channel),
    });
  let channel = officer.preferredChannel;
  let result = await send(channel);
  // A number that opted out of SMS gets the code by e-mail (domain/delivery.ts).
  const fallback = 'optedOut' in result ? channelAfterOptOut({ channel, email: officer.email }) : undefined;
  if (fallback) {
    channel = fallback;
    result = await send(channel);
  }
  if (!result.delivered) return { sent: false, why: 'undeliverable' };
  return {
    sent: true,
    channel,
    to: channel === 'sms' ? `…${officer.phone.slice(-4)}` : maskEmail(officer.email),
  };
}

/** d••••@bancoalimentos.org: enough for the officer to know which address, not enough to learn it. */
function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 1)}••••@${domain}`;
}

export type VerifyResult =
  | { readonly ok: true; readonly token: string; readonly expiresAt: string }
  | {
      readonly ok: false;
      readonly why: 'none' | 'expired' | 'locked' | 'wrong';
      readonly left?: number;
      readonly until?: string;
    };

/** Checks a typed code; the right one opens a 12-hour session for this device, a wrong one counts. */
export async function verifyCode(open: OpenLink, typed: string, now: Date): Promise<VerifyResult> {
  const recipientId = open.link.recipient.id;
  const kept = open.verification;
  const check = checkVerification(kept, kept !== undefined && verificationMatches(kept, typed), now);
  if (check.ok && kept) {
    // Only one try wins a code; a parallel one that loses is told it was wrong.
    if (!(await consumeVerification(open.link.cantonId, recipientId, kept)))
      return { ok: false, why: 'wrong', left: 0 };
    const session = await newSession(open.link.cantonId, recipientId, now);
    return { ok: true, ...session };
  }
  if (check.ok) return { ok: false, why: 'none' };
  if (check.why === 'wrong' && kept) {
    await saveFailedTry(open.link.cantonId, recipientId, kept, check.next);
    return check.left > 0
      ? { ok: false, why: 'wrong', left: check.left }
      : { ok: false, why: 'locked', ...(check.next.lockedUntil ? { until: check.next.lockedUntil } : {}) };
  }
  return {
    ok: false,
    why: check.why as 'none' | 'expired' | 'locked',
    ...('until' in check && check.until ? { until: check.until } : {}),
  };
}

/** A verified officer's answer: the very move the API makes, recorded as made through the link. */
export function answerByLink(
  open: OpenLink,
  action: TransitionName,
  input: TransitionInput,
): Promise<Referral> {
  return moveReferral({
    cantonId: open.link.cantonId,
    referralId: open.referral.referralId,
    caller: linkCaller(open),
    action,
    input,
    via: 'link',
    // What the page read moments ago: the move does not read the referral and its token again.
    read: { referral: open.referral, token: open.taskToken },
  });
}
