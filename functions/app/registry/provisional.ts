import { findProvisionalIdentity } from '#adapters/dynamodb/registry-store.js';
import type { ProvisionalIdentity } from '#domain/registry-merge.js';
import { notFound } from '#kernel/errors.js';

export async function provisionalIdentityOf(
  cantonId: string,
  provisionalId: string,
): Promise<ProvisionalIdentity> {
  const identity = await findProvisionalIdentity(cantonId, provisionalId);
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
