import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import {
  findProvisionalIdentity,
  provisionalIdentities,
  provisionalIdentityRead,
} from '#adapters/dynamodb/registry-store.js';
import { type MatchQuery, matchReasons, type ProvisionalIdentity } from '#domain/registry-merge.js';
import { type Found, findCitizen } from './find-citizen.js';
import type { CitizenRequest } from '#domain/request.js';
import { notFound } from '#kernel/errors.js';

export async function provisionalIdentityOf(
  cantonId: string,
  provisionalId: string,
  reads?: BatchReads,
): Promise<ProvisionalIdentity> {
  // With the operation's reads, the identity joins the batch being gathered.
  const identity = reads
    ? await reads.get(provisionalIdentityRead(cantonId, provisionalId))
    : await findProvisionalIdentity(cantonId, provisionalId);
  if (!identity) {
    throw notFound({
      es: `No existe la identidad provisional ${provisionalId}`,
      en: `There is no provisional identity ${provisionalId}`,
    });
  }
  return identity;
}

/** An identity as the API shows it: the merge's digest and the citizens kept to restore stay inside. */
export function provisionalView(identity: ProvisionalIdentity) {
  const { merge, ...shown } = identity;
  return { ...shown, ...(merge ? { merge: { at: merge.at, by: merge.by } } : {}) };
}

/**
 * The canton's active provisional identities that may be the citizen of a request just recorded: the same name and
 * birth date (by birth year when a date is unknown on either side), or the same phone. For a citizen recorded by
 * national ID the registry lends the name and birth date it holds, so someone attended earlier without documents
 * is found once they bring their cédula. A suggestion shown with the answer; recording is never blocked by it.
 * `registered`: the citizen's registry lookup, when the caller made it already.
 */
export async function possibleDuplicates(request: CitizenRequest, registered?: Promise<Found>) {
  const { citizen, contact } = request;
  let query: MatchQuery = {
    ...(citizen.name ? { name: citizen.name } : {}),
    ...(contact.phone ? { phone: contact.phone } : {}),
  };
  if (citizen.identification === 'provisional') {
    query = {
      ...query,
      ...(citizen.birthYear ? { birthYear: citizen.birthYear } : {}),
      ...(citizen.birthDate ? { birthDate: citizen.birthDate } : {}),
    };
  } else {
    const found = await (registered ?? findCitizen(citizen.nationalId));
    const member = found.stored?.household.members.find((m) => m.memberId === found.memberId);
    if (member) {
      query = {
        name: citizen.name ?? { given: member.givenNames, family: member.familyNames },
        birthDate: member.birthDate,
        ...query,
      };
    }
  }
  if (!query.name && !query.phone) return [];
  const own = citizen.identification === 'provisional' ? citizen.provisionalId : undefined;
  return (await provisionalIdentities(request.cantonId))
    .filter((identity) => identity.status === 'active' && identity.provisionalId !== own)
    .map((identity) => ({ identity, reasons: matchReasons(identity, query) }))
    .filter((m) => m.reasons.some((r) => r !== 'name'))
    .slice(0, 10)
    .map((m) => ({
      provisionalId: m.identity.provisionalId,
      requestIds: [...m.identity.requestIds],
      reasons: m.reasons,
    }));
}
