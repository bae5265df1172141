import { ulid } from '#kernel/ids.js';
import { httpHandler } from '#http/handler.js';
import { proposeRegistryChangeRoute } from '#http/routes/registry/propose-change.js';
import type { ChangeRequestInput } from '#http/schemas/registry.js';
import { callerCanton } from '#app/tenancy.js';
import { findCitizen } from '#app/registry/find-citizen.js';
import { registryToday } from '#app/registry/load.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { type ChangeRequest, saveChangeRequest } from '#adapters/dynamodb/registry-store.js';
import { proposeChanges } from '#domain/registry-change.js';
import { invalidInput, notFound } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';

export const handler = httpHandler<{ cantonId: string }, unknown, ChangeRequestInput>(
  proposeRegistryChangeRoute,
  async ({ caller, params, body, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const found = await findCitizen(body.nationalId);
    if (!found.stored) {
      throw notFound({
        es: 'La persona no consta en el Registro Social: primero debe registrarse',
        en: 'The person is not in the Social Registry: they must register first',
      });
    }
    const proposed = proposeChanges(found.stored.household, body.changes, registryToday());
    if (!proposed.ok) {
      throw invalidInput(
        proposed.problems.map((p) => ({
          field: ['changes', ...p.path].join('.'),
          problem: p.problem[language],
        })),
      );
    }
    const now = clock.now().toISOString();
    const change: ChangeRequest = {
      changeId: ulid(),
      cantonId: canton.id,
      householdId: found.stored.household.householdId,
      ...(body.requestId ? { requestId: body.requestId } : {}),
      changes: proposed.changes,
      documents: body.documents,
      status: 'pending',
      proposedBy: caller.userId,
      proposedAt: now,
      householdVersion: found.stored.version,
      version: 1,
      updatedAt: now,
    };
    await saveChangeRequest(
      change,
      auditOf(
        caller,
        canton.id,
        'registry.change.propose',
        { type: 'registry-change', id: change.changeId },
        {
          at: now,
          details: { householdId: change.householdId, fields: change.changes.map((c) => c.field) },
        },
      ),
    );
    return {
      statusCode: 201,
      headers: { location: `/cantons/${canton.id}/registry/change-requests/${change.changeId}` },
      body: change,
    };
  },
);
