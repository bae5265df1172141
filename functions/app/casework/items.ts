import { ulid } from '#kernel/ids.js';
import { clock } from '#kernel/clock.js';
import { conflict } from '#kernel/errors.js';
import type { Caller } from '#model/caller.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { ItemStatusInput, ReopenInput } from '#domain/plan-input.js';
import { changeItemStatus, type Plan, type PlanEvent, reopenPlan } from '#domain/plan.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { savePlanChange, visitWrites } from '#adapters/dynamodb/plans-store.js';
import { type BenefitHolder, benefitWrite, type LocalBenefit } from '#adapters/dynamodb/registry-store.js';
import type { TransactItem } from '#adapters/dynamodb/versioned.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';
import { findReport, reportUnchanged } from '#adapters/dynamodb/social-reports-store.js';
import { cantonToday } from './scope.js';

const CHANGED = {
  es: 'El plan cambió mientras se procesaba este cambio; vuelva a cargarlo e intente de nuevo',
  en: 'The plan changed while this change was being made; reload it and try again',
};

async function save(plan: Plan, event: PlanEvent, caller: Caller, action: string, alsoWrite: TransactItem[]) {
  const saved = await savePlanChange(
    plan,
    event,
    auditOf(
      caller,
      plan.cantonId,
      action,
      { type: 'plan', id: plan.planId },
      { at: event.at, details: event.details },
    ),
    alsoWrite,
  );
  if (!saved.ok) throw conflict(CHANGED);
}

/**
 * A case manager moves an item (domain/plan.ts decides). An in-kind or cash benefit marked done is recorded as a
 * benefit delivered in the canton's registry of municipal benefits (the citizen's file, or the provisional
 * identity's), in the same transaction;
 * a home visit's list entry changes with it. The plan closes by itself with its last open item.
 */
export async function moveItem(input: {
  canton: CantonDefinition;
  plan: Plan;
  number: number;
  body: ItemStatusInput;
  caller: Caller;
}) {
  const { canton, plan, number, body, caller } = input;
  const now = clock.now().toISOString();
  const actor = { userId: caller.userId, roles: caller.roles };
  // The report an item names is read first, so that the plan's rule can judge it (domain/plan.ts).
  const report = body.reportId ? await findReport(canton.id, body.reportId) : undefined;
  const moved = changeItemStatus(plan, number, body, { actor, now, today: cantonToday(canton), report });
  let next = moved.plan;
  const alsoWrite: TransactItem[] = [
    ...visitWrites(next, [number]),
    ...(report ? [reportUnchanged(report)] : []),
  ];
  const item = moved.item;
  const isBenefit = item.kind === 'in-kind-benefit' || item.kind === 'cash-benefit';
  if (isBenefit && item.status === 'done') {
    const data = item.data as { description?: string; amount?: number; quantity?: number };
    const benefit: LocalBenefit = {
      benefitId: ulid(),
      cantonId: canton.id,
      program: item.label.es,
      deliveredOn: item.deliveredOn as string,
      kind: item.kind === 'cash-benefit' ? 'cash' : 'in-kind',
      ...(item.kind === 'cash-benefit' ? { amount: data.amount as number } : {}),
      description: [
        `Plan ${plan.reference}, ítem ${item.number}`,
        data.description,
        data.quantity && data.quantity > 1 ? `× ${data.quantity}` : undefined,
      ]
        .filter(Boolean)
        .join(': '),
      recordedBy: caller.userId,
      recordedAt: now,
    };
    // A provisional identity keeps its benefits in its own file, which a merge links to the national ID's.
    const holder: BenefitHolder =
      plan.subject.identification === 'national-id'
        ? { cantonId: canton.id, digest: await citizenDigest(plan.subject.nationalId) }
        : { cantonId: canton.id, provisionalId: plan.subject.provisionalId };
    alsoWrite.push(benefitWrite(holder, benefit));
    next = {
      ...next,
      items: next.items.map((i) =>
        i.number === number ? { ...i, links: { ...i.links, benefitId: benefit.benefitId } } : i,
      ),
    };
  }
  await save(next, moved.event, caller, 'plan.item.change', alsoWrite);
  return next;
}

export async function reopen(input: { plan: Plan; body: ReopenInput; caller: Caller }) {
  const { plan, body, caller } = input;
  const now = clock.now().toISOString();
  const reopened = reopenPlan(plan, body, { actor: { userId: caller.userId, roles: caller.roles }, now });
  await save(reopened.plan, reopened.event, caller, 'plan.reopen', visitWrites(reopened.plan, body.items));
  return reopened.plan;
}
