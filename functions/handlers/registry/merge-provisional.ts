import { httpHandler } from '#http/handler.js';
import { registryRoute } from '#http/routes/registry.js';
import type { MergeInput } from '#http/schemas/registry.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { callerCanton } from '#app/tenancy.js';
import { findCitizen } from '#app/registry/screen.js';
import { provisionalIdentityOf, provisionalView } from '#app/registry/provisional.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { requestLinkWrite, saveIdentityChange } from '#adapters/dynamodb/registry-store.js';
import { findRequest, requestChangeWrites } from '#adapters/dynamodb/requests-store.js';
import { mergeConflicts, mergedRequest, type ProvisionalIdentity } from '#domain/registry-merge.js';
import { AppError, conflict } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';

const MERGED_MEANWHILE = conflict({
  es: 'La identidad provisional cambió mientras se fusionaba (otra persona la fusionó); vuelva a cargarla',
  en: 'The provisional identity changed while it was being merged (someone else merged it); reload it',
});

export const handler = httpHandler<{ cantonId: string; provisionalId: string }, unknown, MergeInput>(
  registryRoute('mergeProvisionalIdentity'),
  async ({ caller, params, body, language, preconditions }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const identity = await provisionalIdentityOf(canton.id, params.provisionalId);
    requirePreconditions(preconditions, entityTag(identity.version));
    if (identity.status === 'merged') throw MERGED_MEANWHILE;
    const found = await findCitizen(body.nationalId);
    const member = found.stored?.household.members.find((m) => m.memberId === found.memberId);
    const conflicts = mergeConflicts(identity, member);
    if (conflicts.length > 0) {
      throw new AppError(
        409,
        'conflict',
        {
          es: 'La cédula tiene en el Registro Social los datos de otra persona; no se fusionó nada',
          en: 'The national ID holds another person’s data in the Social Registry; nothing was merged',
        },
        conflicts.map((c) => ({ field: c.field, problem: c.text[language] })),
      );
    }
    const now = clock.now().toISOString();
    const requests = (await Promise.all(identity.requestIds.map((id) => findRequest(canton.id, id)))).filter(
      (r) => r !== undefined,
    );
    const moved = requests.map((r) => mergedRequest(r, body.nationalId, identity.provisionalId, caller, now));
    const merged: ProvisionalIdentity = {
      ...identity,
      status: 'merged',
      merge: {
        at: now,
        by: caller.userId,
        digest: found.digest,
        previous: requests.map((r) => ({ requestId: r.requestId, citizen: r.citizen })),
      },
      history: [...identity.history, { action: 'merged', at: now, by: caller.userId }],
      version: identity.version + 1,
    };
    const saved = await saveIdentityChange(
      merged,
      moved.flatMap((c) => requestChangeWrites(c.request, c.event)),
      requests.map((r) => requestLinkWrite(canton.id, found.digest, r.requestId, r.createdAt)),
      auditOf(
        caller,
        canton.id,
        'registry.provisional.merge',
        { type: 'provisional-identity', id: identity.provisionalId },
        {
          at: now,
          details: { requests: requests.length, citizen: found.digest },
        },
      ),
    );
    if (!saved) throw MERGED_MEANWHILE;
    return { body: provisionalView(merged) };
  },
);
