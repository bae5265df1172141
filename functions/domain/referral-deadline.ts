import { isTerminal, type Phase, type Referral } from './referral-record.js';

/**
 * The one rule for what a referral is running against now, and so whether it is overdue: the store orders the
 * canton's overdue list by it (GSI3), the views say `overdue` from it, and the workflow's notices name its deadline.
 *
 * Until a contact officer acknowledges (or accepts) the referral, the acknowledgement deadline; after that, the
 * counter-referral deadline; nothing once the referral has ended.
 */
type Timed = Pick<Referral, 'status' | 'acknowledgedAt' | 'deadlines'>;

export function currentDeadline(referral: Timed): { phase: Phase; at: string } | undefined {
  if (isTerminal(referral.status)) return undefined;
  if (referral.acknowledgedAt === undefined) {
    return { phase: 'acknowledgement', at: referral.deadlines.acknowledgement };
  }
  const at = referral.deadlines.counterReferral;
  return at === undefined ? undefined : { phase: 'counterReferral', at };
}

/**
 * Since when a referral needs someone to act whatever its deadline: from the failure of its first notice until a
 * contact officer acknowledges it anyway (or it ends).
 */
export function needsAttentionSince(
  referral: Pick<Referral, 'status' | 'acknowledgedAt' | 'attention'>,
): string | undefined {
  if (!referral.attention || referral.acknowledgedAt || referral.status !== 'requested') return undefined;
  return referral.attention.at;
}

/**
 * When the referral is due for someone's action, which orders the overdue list: its current deadline, or at once
 * when its contact officers could not be told.
 */
export function dueAt(referral: Referral): string | undefined {
  const deadline = currentDeadline(referral)?.at;
  const attention = needsAttentionSince(referral);
  return deadline && attention && attention < deadline ? attention : deadline;
}

/** The phase whose deadline has passed without its answer; undefined when on time or ended. */
export function overduePhase(referral: Timed, now: Date): Phase | undefined {
  const current = currentDeadline(referral);
  return current && now.getTime() > Date.parse(current.at) ? current.phase : undefined;
}

/** Overdue: a deadline passed without its answer, or contact officers who could not be told. */
export function isOverdue(referral: Timed & Partial<Pick<Referral, 'attention'>>, now: Date): boolean {
  return overduePhase(referral, now) !== undefined || needsAttentionSince(referral) !== undefined;
}
