import {
  findHousehold,
  findPerson,
  householdRead,
  personRead,
  type StoredHousehold,
} from '#adapters/dynamodb/registry-store.js';
import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';

/** A registry household and the member screened, as found by the digest of the national ID. */
export interface Found {
  readonly digest: string;
  readonly stored?: StoredHousehold;
  readonly memberId?: string;
}

/**
 * `householdHint`: the household the citizen was last known in (a request's registryHouseholdId), read in the same
 * batch as their registry record; used only if the record still names it.
 */
export async function findCitizen(
  nationalId: string,
  reads?: BatchReads,
  householdHint?: string,
): Promise<Found> {
  const digest = await citizenDigest(nationalId);
  // With the operation's reads, the person joins the batch being gathered (a referral's organization).
  if (reads && householdHint) reads.prefetch(householdRead(householdHint));
  const person = reads ? await reads.get(personRead(digest)) : await findPerson(digest);
  const stored = !person
    ? undefined
    : reads
      ? await reads.get(householdRead(person.householdId))
      : await findHousehold(person.householdId);
  return { digest, ...(stored && person ? { stored, memberId: person.memberId } : {}) };
}
