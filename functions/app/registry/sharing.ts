import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { findService } from '#adapters/dynamodb/catalogue-store.js';
import { latestSharingConsent } from '#adapters/dynamodb/registry-store.js';
import { findRequest } from '#adapters/dynamodb/requests-store.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';
import type { CitizenProfile } from '#domain/citizen-attributes.js';
import { attributesOf, type EligibilityRule } from '#domain/eligibility.js';
import type { Referral } from '#domain/referral.js';
import type { CitizenRequest } from '#domain/request.js';
import { registryProfile } from '#domain/registry.js';
import type { Caller } from '#model/caller.js';
import { registryToday } from './load.js';
import { findCitizen } from './find-citizen.js';

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
