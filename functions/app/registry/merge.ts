import { findComplaint, findComplaintIdOfRequest } from '#adapters/dynamodb/complaints-store.js';
import { findRequest } from '#adapters/dynamodb/requests-store.js';
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
  const requests = (await Promise.all(identity.requestIds.map((id) => findRequest(cantonId, id)))).filter(
    (r) => r !== undefined,
  );
  const complaints = (
    await Promise.all(
      requests.map(async (r) => {
        const complaintId = await findComplaintIdOfRequest(cantonId, r.requestId);
        return complaintId ? findComplaint(cantonId, complaintId) : undefined;
      }),
    )
  ).filter(
    (c): c is Complaint =>
      c !== undefined &&
      c.complainant.identification === 'provisional' &&
      c.complainant.provisionalId === identity.provisionalId,
  );
  return { requests, complaints };
}
