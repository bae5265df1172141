import { clock } from '#kernel/clock.js';
import { AppError } from '#kernel/errors.js';
import type { Caller } from '#model/caller.js';
import { referralNotFound } from '#domain/referral-access.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import {
  auditWrite,
  callNowWrite,
  confirmationQuestionRead,
} from '#adapters/dynamodb/confirmations-store.js';
import { revokeLinksOfReferral } from '#adapters/dynamodb/links-store.js';
import { referralRead } from '#adapters/dynamodb/referrals-store.js';

/**
 * Revokes every short link of a referral, by hand: its referring officer or a coordinator (a link sent to the wrong
 * person, a lost phone). Each link then opens the plain 410 page; later notices carry fresh links. The revocation
 * and its reason are an audit record, written with it.
 */
export async function revokeReferralLinks(input: {
  cantonId: string;
  referralId: string;
  caller: Caller;
  reason: string;
}): Promise<{ referralId: string; revoked: number; at: string }> {
  const { caller } = input;
  // The referral and its citizen's confirmation question are read by key together (one BatchGetItem).
  const reads = new BatchReads();
  const [referral, question] = await Promise.all([
    reads.get(referralRead(input.cantonId, input.referralId)),
    reads.get(confirmationQuestionRead(input.cantonId, input.referralId)),
  ]);
  if (!referral) throw referralNotFound(input.referralId);
  const mayRevoke = caller.roles.includes('coordinator') || caller.userId === referral.referringOfficer;
  if (!mayRevoke) {
    throw new AppError(403, 'forbidden', {
      es: 'Solo quien hizo la derivación o la coordinación pueden revocar sus enlaces',
      en: 'Only the referring officer or a coordinator may revoke its links',
    });
  }
  const at = clock.now().toISOString();
  // The citizen's confirmation link goes with them: an operator calls now instead of waiting for the period. The
  // revocation, that call and the audit record are one transaction.
  const callsNow =
    question?.status === 'pending' && question.askedBy === 'sms' ? [callNowWrite(question, at)] : [];
  const revoked = await revokeLinksOfReferral(referral.cantonId, referral.referralId, at, (revoked) => [
    ...callsNow,
    auditWrite(
      auditOf(
        caller,
        referral.cantonId,
        'referral.links-revoke',
        { type: 'referral', id: referral.referralId },
        { at, details: { revoked, reason: input.reason } },
      ),
    ),
  ]);
  return { referralId: referral.referralId, revoked, at };
}
