import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import type { ChangeRequest } from '#adapters/dynamodb/registry-store.js';
import type { TransactItem } from '#adapters/dynamodb/versioned.js';
import type { Caller } from '#model/caller.js';
import { planItemOfChange } from '../casework/change-effect.js';

/**
 * What other capabilities write when an information-update request is decided, in the decision's own transaction
 * (so neither is ever written without the other). One entry per capability, each returning nothing for the
 * decisions it does not care about.
 */
type DecisionEffect = (
  decided: ChangeRequest,
  caller: Caller,
  now: string,
  reads?: BatchReads,
) => Promise<TransactItem[]>;

const effects: readonly DecisionEffect[] = [planItemOfChange];

export async function changeDecisionWrites(
  decided: ChangeRequest,
  caller: Caller,
  now: string,
  /** The decision's reads, which the effects' reads by key join. */
  reads?: BatchReads,
): Promise<TransactItem[]> {
  return (await Promise.all(effects.map((effect) => effect(decided, caller, now, reads)))).flat();
}
