import type { Caller } from '#model/caller.js';
import { type ConfirmationLink, confirmationLinkState } from '#domain/link.js';
import type { Referral } from '#domain/referral-record.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import { confirmationQuestionRead } from '#adapters/dynamodb/confirmations-store.js';
import { referralRead } from '#adapters/dynamodb/referrals-store.js';

/**
 * The citizen's confirmation link opened (citizen-confirmation.ts answers it): the link judged, its referral read,
 * the page's read audited. Apart from the answer, so that opening the page loads no notifier.
 */

/** Who answers through the citizen's own link, as the history and the audit trail name them. */
export const citizenCaller = (link: ConfirmationLink): Caller => ({
  userId: 'citizen',
  cantonId: link.cantonId,
  roles: [],
});

export type ConfirmationOpening = { readonly state: 'unknown' | 'expired' | 'revoked' } | OpenConfirmation;

export interface OpenConfirmation {
  readonly state: 'valid';
  readonly link: ConfirmationLink;
  readonly referral: Referral;
  readonly language: 'es' | 'en';
  readonly requestReference: string;
  /** The canton's time zone, for the dates the page shows. */
  readonly timeZone: string;
}

/** Judges the citizen's link and reads its referral (nothing is audited yet: only a page that shows it is). */
export async function openConfirmationLink(link: ConfirmationLink, now: Date): Promise<ConfirmationOpening> {
  const state = confirmationLinkState(link, now);
  if (state !== 'valid') return { state };
  // The referral and its question are read by key together (one BatchGetItem).
  const reads = new BatchReads();
  const [referral, question, canton] = await Promise.all([
    reads.get(referralRead(link.cantonId, link.referralId)),
    reads.get(confirmationQuestionRead(link.cantonId, link.referralId)),
    findCanton(link.cantonId),
  ]);
  if (!referral || !canton) return { state: 'unknown' };
  // Entered in error since it completed, and never answered: there is nothing left to confirm.
  if (referral.status !== 'completed' && !referral.citizenConfirmation) return { state: 'revoked' };
  return {
    state: 'valid',
    link,
    referral,
    language: question?.language ?? 'es',
    requestReference: question?.requestReference ?? referral.reference,
    timeZone: canton.timeZone,
  };
}

/** The audit record of a page that showed the citizen their referral's question (or its answer). */
export function recordConfirmationRead(open: OpenConfirmation): Promise<void> {
  return recordAudit(
    auditOf(
      citizenCaller(open.link),
      open.link.cantonId,
      'referral.read',
      { type: 'referral', id: open.link.referralId },
      { details: { via: 'link', purpose: 'citizen-confirmation' } },
    ),
  );
}
