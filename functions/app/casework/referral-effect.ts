import { auditItem } from '#adapters/dynamodb/audit.js';
import { TABLE_NAME } from '#adapters/dynamodb/client.js';
import { planChangeWrites, planItemLinkRead, planRead } from '#adapters/dynamodb/plans-store.js';
import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import type { AccompanyingWrite } from '#adapters/dynamodb/versioned.js';
import { itemMoveFor, resolveItem } from '#domain/plan.js';
import type { Referral } from '#domain/referral.js';
import type { Caller } from '#model/caller.js';

/**
 * The plan item a referral carries out: its own link, or — a re-routed referral — the link of the referral it
 * continues (a re-route cancels the stuck one without moving its item, so the item follows the new one). A
 * referral made since `follows` is kept says so itself (nothing is read, and nothing at all without a plan);
 * an older one has its links looked up, its own first, then along its chain.
 */
async function linkOf(referral: Referral, reads: BatchReads) {
  if (referral.follows) {
    const marked = referral.follows.planItem;
    return marked
      ? { planId: marked.planId, item: marked.item, rerouted: marked.referralId !== referral.referralId }
      : undefined;
  }
  const own = await reads.get(planItemLinkRead(referral.cantonId, 'referral', referral.referralId));
  if (own) return { ...own, rerouted: false };
  for (const earlier of [...(referral.reroutedFrom ?? [])].reverse()) {
    const link = await reads.get(planItemLinkRead(referral.cantonId, 'referral', earlier.referralId));
    if (link) return { ...link, rerouted: true };
  }
  return undefined;
}

/**
 * The effect registered in app/referrals/end-effects.ts: the plan item's change, the plan's new version (closed
 * when it was the last open item) and its audit record, in the referral's own transaction. A plan changed
 * meanwhile fails the whole move (409, try again), so an item never disagrees with its referral.
 */
export async function planItemOfReferral(moved: {
  readonly before: Referral;
  readonly after: Referral;
  readonly caller: Caller;
  readonly now: string;
  readonly reads: BatchReads;
}): Promise<readonly AccompanyingWrite[]> {
  const { before, after, caller, now } = moved;
  if (before.status === after.status) return [];
  const move = itemMoveFor(after);
  if (!move) return [];
  const link = await linkOf(before, moved.reads);
  if (!link) return [];
  const plan = await moved.reads.get(planRead(before.cantonId, link.planId));
  if (!plan) return [];
  const actor = { userId: caller.userId, roles: caller.roles };
  // A re-routed referral's item now points at the referral it follows.
  const resolved = resolveItem(
    plan,
    link.item,
    { ...move, links: { referralId: before.referralId } },
    { actor, now },
    { revive: link.rerouted },
  );
  if (!resolved) return [];
  return [
    ...planChangeWrites(resolved.plan, resolved.event).map((write) => ({ name: 'plan', write })),
    {
      Put: {
        TableName: TABLE_NAME,
        Item: auditItem({
          cantonId: plan.cantonId,
          at: now,
          actor,
          action: 'plan.item.resolve',
          target: { type: 'plan', id: plan.planId },
          details: { item: link.item, via: 'referral', referralId: before.referralId, to: move.to },
        }),
      },
    },
  ];
}
