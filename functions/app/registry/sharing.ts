import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { findOrganization, findService, organizationRead } from '#adapters/dynamodb/catalogue-store.js';
import {
  latestSharingConsent,
  saveSharingConsent,
  type SharingConsent,
} from '#adapters/dynamodb/registry-store.js';
import { findRequest, requestRead } from '#adapters/dynamodb/requests-store.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { CitizenProfile } from '#domain/citizen-attributes.js';
import { attributesOf, type EligibilityRule } from '#domain/eligibility.js';
import type { Referral } from '#domain/referral.js';
import type { CitizenRequest } from '#domain/request.js';
import { registryProfile } from '#domain/registry.js';
import { badRequest, conflict, notFound } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';
import type { Caller } from '#model/caller.js';
import { ulid } from 'ulid';
import { NATIONAL } from '../tenancy.js';
import { registryToday } from './load.js';
import { findCitizen } from './find-citizen.js';

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

export interface RegistryShare {
  readonly inRegistry: boolean;
  readonly householdSize?: number;
  readonly facts?: Readonly<Record<string, string | number | boolean>>;
  readonly consentedAt: string;
}

/**
 * What a provider's contact officer may see of the registry with a referral: nothing unless the citizen's latest
 * word for that provider is consent; with it, the household size and the registry's values of the attributes the
 * service's eligibility rule uses (incomes only when the rule uses them). Every read is audited, naming the
 * citizen by digest and the attributes shown.
 */
export async function registryShareFor(
  referral: Referral,
  viewer: Caller,
  via?: 'link',
  /** The referral's request, when the caller has read it already. */
  known?: CitizenRequest,
): Promise<RegistryShare | undefined> {
  const cantonId = referral.requestCantonId ?? referral.cantonId;
  const request = known ?? (await findRequest(cantonId, referral.requestId));
  if (request?.citizen.identification !== 'national-id') return undefined;
  const { nationalId } = request.citizen;
  const digest = await citizenDigest(nationalId);
  const consent = await latestSharingConsent(cantonId, digest, referral.service.organizationId);
  if (consent?.decision !== 'given') return undefined;

  const found = await findCitizen(nationalId);
  const member = found.stored?.household.members.find((m) => m.memberId === found.memberId);
  let share: RegistryShare = { inRegistry: false, consentedAt: consent.recordedAt };
  if (found.stored && member) {
    const service = await findService(referral.service.cantonId, referral.service.serviceId);
    const attributes = service?.eligibility ? attributesOf(service.eligibility as EligibilityRule) : [];
    const profile: CitizenProfile = registryProfile(found.stored.household, member, registryToday());
    const facts = Object.fromEntries(
      attributes.flatMap((a) => {
        const value = profile[a];
        return value === undefined ? [] : [[a, value as string | number | boolean]];
      }),
    );
    share = {
      inRegistry: true,
      householdSize: found.stored.household.members.length,
      facts,
      consentedAt: consent.recordedAt,
    };
  }
  await recordAudit(
    auditOf(
      viewer,
      cantonId,
      'registry.shared.read',
      { type: 'citizen', id: digest },
      {
        details: {
          referralId: referral.referralId,
          organizationId: referral.service.organizationId,
          attributes: Object.keys(share.facts ?? {}),
          ...(via ? { via } : {}),
        },
      },
    ),
  );
  return share;
}
