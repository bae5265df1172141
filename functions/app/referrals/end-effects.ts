import type { Caller } from '#model/caller.js';
import type { Referral } from '#domain/referral.js';
import type { AccompanyingWrite } from '#adapters/dynamodb/versioned.js';
import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { askCitizenOnCompletion } from './citizen-confirmation.js';
import { benefitOnReferralMove } from '../registry/referral-benefit.js';
import { planItemOfReferral } from '../casework/referral-effect.js';

/** A referral as it was read and as its move leaves it, with who moved it and when. */
export interface ReferralMoved {
  readonly before: Referral;
  readonly after: Referral;
  readonly caller: Caller;
  readonly now: string;
  /**
   * The move's reads by key: what the effects read through it (the request, a plan) is one batch, and a key
   * several of them need is read once. Read the record a move needs through it; read nothing for a move that
   * does not concern the effect.
   */
  readonly reads: BatchReads;
}

/**
 * What another capability writes when a referral moves, in the referral's own transaction (so that neither is
 * ever written without the other). Each returns nothing, and reads nothing, for the moves it does not care about:
 * what a move cannot tell from the referral itself is marked on the referral when it is made
 * (`Referral.follows`).
 */
export type ReferralMoveEffect = (moved: ReferralMoved) => Promise<readonly AccompanyingWrite[]>;

/**
 * The capabilities that follow a referral's moves. One entry per capability; the order is the order of the
 * writes in the transaction, which does not matter to DynamoDB.
 */
const effects: readonly ReferralMoveEffect[] = [
  // The citizen's confirmation: the question "did you receive the service?", written with the completion.
  askCitizenOnCompletion,
  // The registry: a completion with the citizen assisted records their local benefit (void if entered in error).
  benefitOnReferralMove,
  // Casework: the plan item that made the referral follows it (in progress, done, not done).
  planItemOfReferral,
];

export async function referralMoveWrites(moved: ReferralMoved): Promise<AccompanyingWrite[]> {
  const writes = await Promise.all(effects.map((effect) => effect(moved)));
  return writes.flat();
}
