import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { complaintIdOfRequestRead, complaintRead } from '#adapters/dynamodb/complaints-store.js';
import { requestRead } from '#adapters/dynamodb/requests-store.js';
import type { Complaint } from '#domain/complaint.js';
import type { ProvisionalIdentity } from '#domain/registry-merge.js';
import type { CitizenRequest } from '#domain/request.js';

/** What a merge moves: the identity's requests, and the complaint cases opened from them with its complainant. */
export interface IdentityRecords {
  readonly requests: readonly CitizenRequest[];
  readonly complaints: readonly Complaint[];
}

export async function identityRecords(
  cantonId: string,
  identity: ProvisionalIdentity,
): Promise<IdentityRecords> {
  // The requests and the cases opened from them are read by key together (one BatchGetItem), then the cases.
  const reads = new BatchReads();
  const found = await Promise.all(
    identity.requestIds.map(async (id) => {
      const [request, complaintId] = await Promise.all([
        reads.get(requestRead(cantonId, id)),
        reads.get(complaintIdOfRequestRead(cantonId, id)),
      ]);
      const complaint =
        request && complaintId ? await reads.get(complaintRead(cantonId, complaintId)) : undefined;
      return { request, complaint };
    }),
  );
  const requests = found.flatMap((f) => (f.request ? [f.request] : []));
  const complaints = found.flatMap((f) =>
    f.complaint &&
    f.complaint.complainant.identification === 'provisional' &&
    f.complaint.complainant.provisionalId === identity.provisionalId
      ? [f.complaint]
      : [],
  );
  return { requests, complaints };
}
