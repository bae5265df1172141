import { auditOf } from '#adapters/dynamodb/audit.js';
import { referralsOfRequest } from '#adapters/dynamodb/referrals-store.js';
import { complaintIdOfRequestRead, complaintRead } from '#adapters/dynamodb/complaints-store.js';
import { type CitizenFile, pendingUpdates, saveScreening } from '#adapters/dynamodb/registry-store.js';
import { requestRead } from '#adapters/dynamodb/requests-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import type { CantonDefinition } from '#domain/canton.js';
import { checkEligibility } from '#domain/catalogue.js';
import { canSeeComplaint, type UnitContext, unitContextIn } from '#domain/complaint-access.js';
import type { CitizenProfile } from '#domain/citizen-attributes.js';
import { NATIONAL_BENEFIT_NAMES, registryProfile } from '#domain/registry.js';
import { clock } from '#kernel/clock.js';
import type { Language } from '#kernel/messages.js';
import type { Caller } from '#model/caller.js';
import type { Role } from '#model/roles.js';
import { referableServices } from '../catalogue/referable.js';
import { readUnfoldedFile } from './citizen-file.js';
import { registryToday } from './load.js';
import { findCitizen } from './find-citizen.js';

/** Roles that see the registry's data; an operator sees only whether the person is in it and the household size. */
export const FULL_VIEW_ROLES: readonly Role[] = ['swcs-officer', 'case-manager', 'coordinator'];

/** The catalogue service a person not in the registry is referred to (the national one, in every canton). */
export const REGISTRATION_SERVICE_ID = 'registro-social-actualizacion';

export interface ScreeningQuestion {
  readonly nationalId: string;
  readonly purpose: string;
  readonly requestId?: string;
  readonly declared?: CitizenProfile;
}

// Finding a citizen in the registry is in find-citizen.ts, for the operations that only look them up.
export { findCitizen, type Found } from './find-citizen.js';

async function activityOf(caller: Caller, cantonId: string, file: CitizenFile, units: UnitContext) {
  // The requests and the cases opened from them are read by key together (one BatchGetItem), then the cases.
  const reads = new BatchReads();
  const [requests, complaintIds] = await Promise.all([
    Promise.all(file.requestIds.map((id) => reads.get(requestRead(cantonId, id)))),
    Promise.all(file.requestIds.map((id) => reads.get(complaintIdOfRequestRead(cantonId, id)))),
  ]);
  const seen = requests.filter((r) => r !== undefined);
  const [found, referralLists] = await Promise.all([
    Promise.all(
      complaintIds.map(async (complaintId, i) => {
        const request = requests[i];
        const complaint =
          complaintId && request ? await reads.get(complaintRead(cantonId, complaintId)) : undefined;
        return complaint && request && canSeeComplaint(complaint, caller, units)
          ? [{ complaint, requestId: request.requestId }]
          : [];
      }),
    ),
    // A request's referrals are one Query each (the index of a request's referrals).
    Promise.all(seen.map((r) => referralsOfRequest(cantonId, r.requestId))),
  ]);
  const complaints = found.flat();
  const referrals = referralLists.flat();
  return {
    requests: seen
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((r) => ({
        requestId: r.requestId,
        reference: r.reference,
        status: r.status,
        ...(r.classification
          ? { category: r.classification.category, subcategory: r.classification.subcategory }
          : {}),
        createdAt: r.createdAt,
      })),
    referrals: referrals
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((r) => ({
        referralId: r.referralId,
        requestId: r.requestId,
        reference: r.reference,
        serviceId: r.service.serviceId,
        serviceName: r.service.name,
        status: r.status,
        createdAt: r.createdAt,
      })),
    complaints: complaints
      .sort((a, b) => b.complaint.createdAt.localeCompare(a.complaint.createdAt))
      .map(({ complaint, requestId }) => ({
        complaintId: complaint.complaintId,
        requestId,
        reference: complaint.reference,
        type: complaint.type,
        status: complaint.status,
        createdAt: complaint.createdAt,
      })),
  };
}

/**
 * A screening: the citizen's household from the registry, the benefits they receive (national from the registry,
 * local from the canton's file), their requests and referrals in this canton, and the catalogue's services they
 * are eligible for — computed from the registry's data, with what the citizen declares filling only what the
 * registry lacks. Every screening is recorded in the citizen's file and the audit trail before anything is shown.
 */
export async function screenCitizen(
  caller: Caller,
  canton: CantonDefinition,
  question: ScreeningQuestion,
  language: Language,
) {
  const found = await findCitizen(question.nationalId);
  const file = await readUnfoldedFile(canton.id, found.digest);
  const at = clock.now().toISOString();
  const full = caller.roles.some((r) => FULL_VIEW_ROLES.includes(r));
  await saveScreening(
    canton.id,
    found.digest,
    { userId: caller.userId, roles: caller.roles, at, purpose: question.purpose },
    auditOf(
      caller,
      canton.id,
      'registry.screening',
      // The citizen is named by the keyed digest only, so the audit trail carries no national ID.
      { type: 'citizen', id: found.digest },
      {
        at,
        details: {
          purpose: question.purpose,
          view: full ? 'full' : 'presence',
          inRegistry: found.stored !== undefined,
          ...(question.requestId ? { requestId: question.requestId } : {}),
        },
      },
    ),
  );
  const { stored, memberId } = found;
  if (!full) {
    return {
      view: 'presence' as const,
      inRegistry: stored !== undefined,
      ...(stored ? { householdSize: stored.household.members.length } : {}),
    };
  }

  const today = registryToday();
  const member = stored?.household.members.find((m) => m.memberId === memberId);
  const fromRegistry: CitizenProfile =
    stored && member
      ? registryProfile(stored.household, member, today)
      : { registryStatus: 'not-registered' };
  const declared = Object.keys(question.declared ?? {}).filter(
    (name) => fromRegistry[name as keyof CitizenProfile] === undefined,
  );
  const profile: CitizenProfile = {
    ...Object.fromEntries(declared.map((name) => [name, question.declared?.[name as keyof CitizenProfile]])),
    ...fromRegistry,
  };
  const verdicts = checkEligibility(await referableServices(canton, true), profile);
  const ref = (v: (typeof verdicts)[number]) => ({
    cantonId: v.service.cantonId,
    serviceId: v.service.id,
    name: v.service.name,
  });
  const eligibility = {
    profile,
    declared,
    eligible: verdicts.filter((v) => v.eligible).map(ref),
    ineligible: verdicts
      .filter((v) => !v.eligible)
      .map((v) => ({
        ...ref(v),
        unmet: v.unmet.map((u) => ({ attribute: u.attribute, reason: u.reason, text: u.text[language] })),
      })),
  };
  const activity = await activityOf(caller, canton.id, file, unitContextIn(canton, caller));
  // A benefit whose completion was entered in error is kept in the file, not counted.
  const localBenefits = file.benefits
    .filter((b) => !b.voided)
    .sort((a, b) => b.deliveredOn.localeCompare(a.deliveredOn));
  const viewedBy = [
    { userId: caller.userId, roles: [...caller.roles], at, purpose: question.purpose },
    ...file.screenings.map((s) => ({ ...s, roles: [...s.roles] })),
  ];

  if (!stored || !member) {
    return {
      view: 'not-registered' as const,
      inRegistry: false as const,
      nextStep: {
        text:
          language === 'es'
            ? 'La persona no consta en el Registro Social: derívela a registrarse (encuesta del Registro Social)'
            : 'The person is not in the Social Registry: refer them to registration (the Social Registry survey)',
        serviceId: REGISTRATION_SERVICE_ID,
      },
      // What the canton's own programs delivered counts whether or not the registry knows the person.
      benefits: { national: [], local: localBenefits },
      activity,
      eligibility,
      viewedBy,
    };
  }
  const { household } = stored;
  // An information update waiting for its decision: the officer knows these fields may change soon.
  const pending = (await pendingUpdates(household.householdId)).map((p) => ({
    ...(p.cantonId === canton.id ? { changeId: p.changeId } : {}),
    cantonId: p.cantonId,
    fields: p.fields.map((f) => ({ ...f })),
    proposedAt: p.proposedAt,
  }));
  return {
    view: 'full' as const,
    inRegistry: true as const,
    household: {
      householdId: household.householdId,
      address: household.address,
      contact: household.contact,
      classification: household.classification,
      members: household.members.map((m) => ({
        ...m,
        age: registryProfile(household, m, today).age as number,
        screened: m.memberId === member.memberId,
      })),
      updatedAt: stored.updatedAt,
      pendingUpdates: pending,
    },
    benefits: {
      national: household.members.flatMap((m) =>
        m.benefits.map((benefit) => ({
          memberId: m.memberId,
          benefit,
          name: NATIONAL_BENEFIT_NAMES[benefit],
        })),
      ),
      local: localBenefits,
    },
    activity,
    eligibility,
    viewedBy,
  };
}

/**
 * What the registry says of a citizen in the words of eligibility rules (empty when they are not in it), so that a
 * referral is checked against the registry's data rather than what was typed: the registry wins over the body.
 */
export async function registryProfileOf(
  nationalId: string,
  reads?: BatchReads,
  householdHint?: string,
): Promise<CitizenProfile> {
  const { stored, memberId } = await findCitizen(nationalId, reads, householdHint);
  const member = stored?.household.members.find((m) => m.memberId === memberId);
  return stored && member ? registryProfile(stored.household, member, registryToday()) : {};
}
