import { auditItem } from '#adapters/dynamodb/audit.js';
import { TABLE_NAME } from '#adapters/dynamodb/client.js';
import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import {
  findPlan,
  findPlanItemLink,
  planChangeWrites,
  planItemLinkRead,
  planRead,
} from '#adapters/dynamodb/plans-store.js';
import type { ChangeRequest } from '#adapters/dynamodb/registry-store.js';
import type { TransactItem } from '#adapters/dynamodb/versioned.js';
import { resolveItem } from '#domain/plan.js';
import type { Caller } from '#model/caller.js';

/**
 * A registry-change item follows its information-update request: approved → done, rejected → not-done with the
 * decision's reason. Written in the decision's own transaction (app/registry/decision-effects.ts), so the item
 * and the request never disagree; a plan changed meanwhile fails the decision, which is tried again.
 */
export async function planItemOfChange(
  decided: ChangeRequest,
  caller: Caller,
  now: string,
  reads?: BatchReads,
): Promise<TransactItem[]> {
  if (!decided.decision) return [];
  const link = reads
    ? await reads.get(planItemLinkRead(decided.cantonId, 'registry-change', decided.changeId))
    : await findPlanItemLink(decided.cantonId, 'registry-change', decided.changeId);
  if (!link) return [];
  const plan = reads
    ? await reads.get(planRead(decided.cantonId, link.planId))
    : await findPlan(decided.cantonId, link.planId);
  if (!plan) return [];
  const actor = { userId: caller.userId, roles: caller.roles };
  const approved = decided.decision.outcome === 'approved';
  const resolved = resolveItem(
    plan,
    link.item,
    approved
      ? { to: 'done', via: 'registry-change' }
      : {
          to: 'not-done',
          via: 'registry-change',
          reason: `Actualización rechazada: ${decided.decision.reason}`,
        },
    { actor, now },
  );
  if (!resolved) return [];
  return [
    ...planChangeWrites(resolved.plan, resolved.event),
    {
      Put: {
        TableName: TABLE_NAME,
        Item: auditItem({
          cantonId: plan.cantonId,
          at: now,
          actor,
          action: 'plan.item.resolve',
          target: { type: 'plan', id: plan.planId },
          details: { item: link.item, via: 'registry-change', changeId: decided.changeId },
        }),
      },
    },
  ];
}
