import { type CitizenFile, provisionalFileOf, readCitizenFile } from '#adapters/dynamodb/registry-store.js';

/**
 * A citizen's file with the provisional identities merged into it unfolded: their requests, the benefits kept
 * under them and the complaint cases filed under them are the citizen's (a merge writes one link; an unmerge removes it), and so are the plans opened for
 * them, which stay keyed by the provisional identity (`mergedIdentities` says where to find them). Read by the
 * screening and by the household's file alike, so both tell the same story.
 */
export async function readUnfoldedFile(cantonId: string, digest: string): Promise<CitizenFile> {
  const file = await readCitizenFile(cantonId, digest);
  if (file.mergedIdentities.length === 0) return file;
  const merged = await Promise.all(
    file.mergedIdentities.map((provisionalId) => provisionalFileOf(cantonId, provisionalId)),
  );
  return {
    ...file,
    requestIds: [...new Set([...file.requestIds, ...merged.flatMap((m) => m?.identity.requestIds ?? [])])],
    benefits: [...file.benefits, ...merged.flatMap((m) => m?.benefits ?? [])],
    complaintIds: [...new Set([...file.complaintIds, ...merged.flatMap((m) => m?.complaintIds ?? [])])],
  };
}
