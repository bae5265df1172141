import { auditItem } from '#adapters/dynamodb/audit.js';
import { TABLE_NAME } from '#adapters/dynamodb/client.js';
import { findPlan, findPlanItemLink, planChangeWrites } from '#adapters/dynamodb/plans-store.js';
import type { AccompanyingWrite } from '#adapters/dynamodb/versioned.js';
import { itemMoveFor, resolveItem } from '#domain/plan.js';
import type { Referral } from '#domain/referral.js';
import type { Caller } from '#model/caller.js';

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
}): Promise<readonly AccompanyingWrite[]> {
  const { before, after, caller, now } = moved;
  if (before.status === after.status) return [];
  const move = itemMoveFor(after);
  if (!move) return [];
  const link = await findPlanItemLink(before.cantonId, 'referral', before.referralId);
  if (!link) return [];
  const plan = await findPlan(before.cantonId, link.planId);
  if (!plan) return [];
  const actor = { userId: caller.userId, roles: caller.roles };
  const resolved = resolveItem(plan, link.item, move, { actor, now });
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
