import { httpHandler } from '#http/handler.js';
import { decideRegistryChangeRoute } from '#http/routes/registry/decide-change.js';
import type { DecisionInput } from '#http/schemas/registry.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { callerCanton } from '#app/tenancy.js';
import { changeNotFound } from '#app/registry/changes.js';
import { changeDecisionWrites } from '#app/registry/decision-effects.js';
import { memberDigests, registryToday } from '#app/registry/load.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import {
  type ChangeRequest,
  findChangeRequest,
  householdRead,
  saveDecision,
} from '#adapters/dynamodb/registry-store.js';
import { requestChangeWrites, requestRead } from '#adapters/dynamodb/requests-store.js';
import { planItemLinkRead } from '#adapters/dynamodb/plans-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import type { TransactItem } from '#adapters/dynamodb/versioned.js';
import { proposeChanges, stillAsProposed } from '#domain/registry-change.js';
import { closeUnserved } from '#domain/request.js';
import { AppError, conflict } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';

const CHANGED_MEANWHILE = conflict({
  es: 'El hogar cambió desde que se propuso la actualización; propóngala de nuevo sobre los datos actuales',
  en: 'The household changed since the update was proposed; propose it again on the current data',
});

export const handler = httpHandler<{ cantonId: string; changeId: string }, unknown, DecisionInput>(
  decideRegistryChangeRoute,
  async ({ caller, params, body, preconditions }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const change = await findChangeRequest(canton.id, params.changeId);
    if (!change) throw changeNotFound(params.changeId);
    requirePreconditions(preconditions, entityTag(change.version));
    // Four eyes: whoever proposed a change never decides it.
    if (change.proposedBy === caller.userId) {
      throw new AppError(403, 'forbidden', {
        es: 'No puede decidir una actualización que usted propuso: la decide otra persona',
        en: 'You cannot decide an update you proposed: someone else decides it',
      });
    }
    if (change.status !== 'pending') {
      throw conflict({
        es: `La actualización ya fue decidida (${change.status})`,
        en: `The update has already been decided (${change.status})`,
      });
    }
    // What the decision touches besides the change is read by key together (one BatchGetItem): the household,
    // the citizen's request and the plan item that carries the change out.
    const reads = new BatchReads();
    reads.prefetch(planItemLinkRead(canton.id, 'registry-change', change.changeId));
    if (change.requestId) reads.prefetch(requestRead(canton.id, change.requestId));
    if (body.outcome === 'approved') reads.prefetch(householdRead(change.householdId));
    const now = clock.now().toISOString();
    const decided: ChangeRequest = {
      ...change,
      status: body.outcome,
      decision: { outcome: body.outcome, by: caller.userId, at: now, reason: body.reason },
      version: change.version + 1,
      updatedAt: now,
    };

    let approval: Parameters<typeof saveDecision>[2];
    if (body.outcome === 'approved') {
      const stored = await reads.get(householdRead(change.householdId));
      if (!stored || !stillAsProposed(stored.household, change.changes)) throw CHANGED_MEANWHILE;
      const applied = proposeChanges(
        stored.household,
        change.changes.map((c) => ({
          field: c.field,
          ...(c.memberId ? { memberId: c.memberId } : {}),
          ...(c.newValue === null ? {} : { value: c.newValue }),
        })),
        registryToday(),
      );
      if (!applied.ok) throw CHANGED_MEANWHILE;
      approval = {
        write: { household: applied.household, memberDigests: await memberDigests(applied.household) },
        previous: stored,
        outbox: {
          changeId: change.changeId,
          cantonId: canton.id,
          householdId: change.householdId,
          changes: change.changes,
          approvedBy: caller.userId,
          approvedAt: now,
          householdVersion: stored.version + 1,
        },
      };
    }

    // The citizen's information-update request closes with the outcome, in the same transaction.
    const alsoWrite: TransactItem[] = [];
    const request = change.requestId ? await reads.get(requestRead(canton.id, change.requestId)) : undefined;
    if (request && ['received', 'classified', 'assigned', 'needs-referral'].includes(request.status)) {
      const closed = closeUnserved(
        request,
        {
          code: 'other',
          text:
            body.outcome === 'approved'
              ? `Actualización de datos del Registro Social aprobada (${change.changeId})`
              : `Actualización de datos del Registro Social rechazada (${change.changeId}): ${body.reason}`,
        },
        caller,
        now,
      );
      alsoWrite.push(...requestChangeWrites(closed.request, closed.event));
    }

    alsoWrite.push(...(await changeDecisionWrites(decided, caller, now, reads)));
    const saved = await saveDecision(
      decided,
      auditOf(
        caller,
        canton.id,
        `registry.change.${body.outcome === 'approved' ? 'approve' : 'reject'}`,
        {
          type: 'registry-change',
          id: change.changeId,
        },
        { at: now, details: { householdId: change.householdId } },
      ),
      approval,
      alsoWrite,
    );
    if (!saved) throw CHANGED_MEANWHILE;
    return { body: decided };
  },
);
