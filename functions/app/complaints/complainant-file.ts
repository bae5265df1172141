import type { Complaint } from '#domain/complaint.js';
import {
  type BenefitHolder,
  complaintFileEntryWrite,
  fileComplaints,
} from '#adapters/dynamodb/registry-store.js';
import type { TransactItem } from '#adapters/dynamodb/versioned.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';

/**
 * What files a new case under its complainant, for the transaction that opens it: an entry in the citizen's file
 * (under the digest of their national ID) or in the provisional identity's, so that the household file reads the
 * cases of its members by key. An anonymous complaint is filed under nobody.
 */
export async function complainantFileWrites(complaint: Complaint): Promise<TransactItem[]> {
  const holder = await complainantOf(complaint);
  return holder ? [complaintFileEntryWrite(holder, complaint)] : [];
}

/**
 * The local runtime's start files the cases opened before files held them (as it backfills the cases' list
 * entries): idempotent, a batch write per 25 cases.
 */
export async function fileUnderComplainants(complaints: readonly Complaint[]): Promise<void> {
  const entries = await Promise.all(
    complaints.map(async (complaint) => ({ holder: await complainantOf(complaint), complaint })),
  );
  await fileComplaints(
    entries.flatMap((e) => (e.holder ? [{ holder: e.holder, complaint: e.complaint }] : [])),
  );
}

async function complainantOf(complaint: Complaint): Promise<BenefitHolder | undefined> {
  const who = complaint.complainant;
  const { cantonId } = complaint;
  switch (who.identification) {
    case 'national-id':
      return { cantonId, digest: await citizenDigest(who.nationalId) };
    case 'provisional':
      return { cantonId, provisionalId: who.provisionalId };
    default:
      return undefined;
  }
}
