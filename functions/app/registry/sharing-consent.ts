import { auditOf } from '#adapters/dynamodb/audit.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { findOrganization, organizationRead } from '#adapters/dynamodb/catalogue-store.js';
import { saveSharingConsent, type SharingConsent } from '#adapters/dynamodb/registry-store.js';
import { requestRead } from '#adapters/dynamodb/requests-store.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';
import type { CantonDefinition } from '#domain/canton.js';
import { badRequest, conflict, notFound } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';
import type { Caller } from '#model/caller.js';
import { ulid } from '#kernel/ids.js';
import { NATIONAL } from '../tenancy.js';

// What a provider then sees of the registry under the consent is sharing.ts's (registryShareFor).

/**
 * Records the citizen's consent to share their registry data with one provider (or its withdrawal), named by the
 * request they came with: the request must carry a national ID (a provisional identity has no registry data) and
 * the provider must be in the canton's or the national catalogue.
 */
export async function recordSharingConsent(
  caller: Caller,
  canton: CantonDefinition,
  input: { requestId: string; organizationId: string; decision: 'given' | 'withdrawn' },
): Promise<SharingConsent> {
  // The request and the canton's provider are read by key together (one BatchGetItem).
  const reads = new BatchReads();
  const [request, local] = await Promise.all([
    reads.get(requestRead(canton.id, input.requestId)),
    reads.get(organizationRead(canton.id, input.organizationId)),
  ]);
  if (!request) {
    throw notFound({
      es: `No existe la solicitud ${input.requestId}`,
      en: `There is no request ${input.requestId}`,
    });
  }
  if (request.citizen.identification !== 'national-id') {
    throw conflict({
      es: 'La solicitud no tiene cédula: el Registro Social no tiene datos que compartir (fusione antes la identidad provisional)',
      en: 'The request has no national ID: the Social Registry has no data to share (merge the provisional identity first)',
    });
  }
  const organization = local ?? (await findOrganization(NATIONAL, input.organizationId));
  if (!organization) {
    throw badRequest('organizationId', {
      es: `no existe el proveedor "${input.organizationId}" en el catálogo`,
      en: `there is no provider "${input.organizationId}" in the catalogue`,
    });
  }
  const digest = await citizenDigest(request.citizen.nationalId);
  const recordedAt = clock.now().toISOString();
  const consent: SharingConsent = {
    consentId: ulid(),
    cantonId: canton.id,
    requestId: request.requestId,
    organizationId: input.organizationId,
    decision: input.decision,
    recordedBy: caller.userId,
    recordedAt,
  };
  await saveSharingConsent(
    digest,
    consent,
    auditOf(
      caller,
      canton.id,
      'registry.sharing-consent.record',
      { type: 'citizen', id: digest },
      {
        at: recordedAt,
        details: {
          organizationId: input.organizationId,
          decision: input.decision,
          requestId: request.requestId,
        },
      },
    ),
  );
  return consent;
}
