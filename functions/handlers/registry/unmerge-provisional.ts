import { httpHandler } from '#http/handler.js';
import { unmergeProvisionalIdentityRoute } from '#http/routes/registry/unmerge-provisional.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { callerCanton } from '#app/tenancy.js';
import { provisionalIdentityOf, provisionalView } from '#app/registry/provisional.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { complaintChangeWrites, findComplaint } from '#adapters/dynamodb/complaints-store.js';
import { mergeLinkDelete, requestLinkDelete, saveIdentityChange } from '#adapters/dynamodb/registry-store.js';
import { findRequest, requestChangeWrites } from '#adapters/dynamodb/requests-store.js';
import {
  canUnmerge,
  type ProvisionalIdentity,
  UNMERGE_WINDOW_DAYS,
  unmergedComplaint,
  unmergedRequest,
} from '#domain/registry-merge.js';
import { conflict } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';

export const handler = httpHandler<{ cantonId: string; provisionalId: string }, unknown, { reason: string }>(
  unmergeProvisionalIdentityRoute,
  async ({ caller, params, body, preconditions }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const identity = await provisionalIdentityOf(canton.id, params.provisionalId);
    requirePreconditions(preconditions, entityTag(identity.version));
    const { merge, provisionalId } = identity;
    if (identity.status !== 'merged' || !merge) {
      throw conflict({
        es: 'La identidad provisional no está fusionada',
        en: 'The provisional identity is not merged',
      });
    }
    const now = clock.now().toISOString();
    if (!canUnmerge(merge.at, now)) {
      throw conflict({
        es: `Una fusión solo se deshace dentro de ${UNMERGE_WINDOW_DAYS} días (se fusionó el ${merge.at.slice(0, 10)})`,
        en: `A merge can be undone only within ${UNMERGE_WINDOW_DAYS} days (it was merged on ${merge.at.slice(0, 10)})`,
      });
    }
    // The same records the merge moved, so the unmerge fits in one transaction whenever the merge did.
    const restored = await Promise.all(
      merge.previous.map(async ({ requestId, citizen }) => {
        const request = await findRequest(canton.id, requestId);
        return request ? unmergedRequest(request, citizen, provisionalId, caller, now) : undefined;
      }),
    );
    const restoredCases = await Promise.all(
      (merge.complaints ?? []).map(async ({ complaintId, complainant }) => {
        const complaint = await findComplaint(canton.id, complaintId);
        return complaint ? unmergedComplaint(complaint, complainant, provisionalId, caller, now) : undefined;
      }),
    );
    const { merge: _undone, ...rest } = identity;
    const active: ProvisionalIdentity = {
      ...rest,
      status: 'active',
      history: [...identity.history, { action: 'unmerged', at: now, by: caller.userId }],
      version: identity.version + 1,
    };
    const saved = await saveIdentityChange(
      active,
      [
        ...restored.flatMap((c) => (c ? requestChangeWrites(c.request, c.event) : [])),
        ...restoredCases.flatMap((c) => (c ? complaintChangeWrites(c.complaint, c.event) : [])),
      ],
      merge.linked
        ? [mergeLinkDelete(canton.id, merge.digest, provisionalId)]
        : merge.previous.map((p) => requestLinkDelete(canton.id, merge.digest, p.requestId)),
      auditOf(
        caller,
        canton.id,
        'registry.provisional.unmerge',
        { type: 'provisional-identity', id: provisionalId },
        {
          at: now,
          details: {
            reason: body.reason,
            requests: merge.previous.length,
            complaints: merge.complaints?.length ?? 0,
          },
        },
      ),
    );
    if (!saved) {
      throw conflict({
        es: 'La identidad, sus solicitudes o sus quejas cambiaron mientras se deshacía la fusión; vuelva a cargarla',
        en: 'The identity, its requests or its complaint cases changed while the merge was being undone; reload it',
      });
    }
    return { body: provisionalView(active) };
  },
);
