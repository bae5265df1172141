import { httpHandler } from '#http/handler.js';
import { mergeProvisionalIdentityRoute } from '#http/routes/registry/merge-provisional.js';
import type { MergeInput } from '#http/schemas/registry.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { callerCanton } from '#app/tenancy.js';
import { findCitizen } from '#app/registry/find-citizen.js';
import { identityRecords } from '#app/registry/merge.js';
import { provisionalIdentityOf, provisionalView } from '#app/registry/provisional.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { complaintChangeWrites } from '#adapters/dynamodb/complaints-store.js';
import { mergeLinkWrite, saveIdentityChange } from '#adapters/dynamodb/registry-store.js';
import { requestChangeWrites } from '#adapters/dynamodb/requests-store.js';
import {
  assertMergeFits,
  mergeConflicts,
  mergedComplaint,
  mergedRequest,
  type ProvisionalIdentity,
} from '#domain/registry-merge.js';
import { AppError, conflict } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';

const MERGED_MEANWHILE = conflict({
  es: 'La identidad provisional cambió mientras se fusionaba (otra persona la fusionó); vuelva a cargarla',
  en: 'The provisional identity changed while it was being merged (someone else merged it); reload it',
});

export const handler = httpHandler<{ cantonId: string; provisionalId: string }, unknown, MergeInput>(
  mergeProvisionalIdentityRoute,
  async ({ caller, params, body, language, preconditions }) => {
    const canton = await callerCanton(caller, params.cantonId);
    // The identity and the national ID's registry entry are read by key together (one BatchGetItem).
    const reads = new BatchReads();
    const [identity, found] = await Promise.all([
      provisionalIdentityOf(canton.id, params.provisionalId, reads),
      findCitizen(body.nationalId, reads),
    ]);
    requirePreconditions(preconditions, entityTag(identity.version));
    if (identity.status === 'merged') throw MERGED_MEANWHILE;
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
    const { requests, complaints } = await identityRecords(canton.id, identity);
    assertMergeFits(requests.length, complaints.length);
    const now = clock.now().toISOString();
    const { provisionalId } = identity;
    const moved = requests.map((r) => mergedRequest(r, body.nationalId, provisionalId, caller, now));
    const movedCases = complaints.map((c) => mergedComplaint(c, body.nationalId, provisionalId, caller, now));
    const merged: ProvisionalIdentity = {
      ...identity,
      status: 'merged',
      merge: {
        at: now,
        by: caller.userId,
        digest: found.digest,
        linked: true,
        previous: requests.map((r) => ({ requestId: r.requestId, citizen: r.citizen })),
        complaints: complaints.map((c) => ({ complaintId: c.complaintId, complainant: c.complainant })),
      },
      history: [...identity.history, { action: 'merged', at: now, by: caller.userId }],
      version: identity.version + 1,
    };
    const saved = await saveIdentityChange(
      merged,
      [
        ...moved.flatMap((c) => requestChangeWrites(c.request, c.event)),
        ...movedCases.flatMap((c) => complaintChangeWrites(c.complaint, c.event)),
      ],
      // One link in the national ID's file: the identity's benefits (and what it holds) are the citizen's now.
      [mergeLinkWrite(canton.id, found.digest, provisionalId, now)],
      auditOf(
        caller,
        canton.id,
        'registry.provisional.merge',
        { type: 'provisional-identity', id: provisionalId },
        {
          at: now,
          details: { requests: requests.length, complaints: complaints.length, citizen: found.digest },
        },
      ),
    );
    if (!saved) throw MERGED_MEANWHILE;
    return { body: provisionalView(merged) };
  },
);
