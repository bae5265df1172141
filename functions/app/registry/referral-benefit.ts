import { ulid } from '#kernel/ids.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import {
  auditWrite,
  type BenefitHolder,
  benefitsOf,
  benefitVoidWrite,
  benefitWrite,
  type LocalBenefit,
} from '#adapters/dynamodb/registry-store.js';
import { requestRead } from '#adapters/dynamodb/requests-store.js';
import type { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import type { TransactItem } from '#adapters/dynamodb/versioned.js';
import { citizenDigest } from '#adapters/secrets/national-id-key.js';
import { localDate } from '#domain/deadlines.js';
import type { Referral } from '#domain/referral.js';
import type { CitizenRecord } from '#domain/request.js';
import type { Caller } from '#model/caller.js';

/** Whose file a request's citizen's benefits go to: the national ID's file, or the provisional identity's. */
export async function benefitHolderOf(cantonId: string, citizen: CitizenRecord): Promise<BenefitHolder> {
  return citizen.identification === 'national-id'
    ? { cantonId, digest: await citizenDigest(citizen.nationalId) }
    : { cantonId, provisionalId: citizen.provisionalId };
}

/**
 * A referral's move as the registry follows it (one entry of the referral's end effects): a completion with the
 * citizen assisted records what they received among the canton's local benefits — which service, when (the
 * counter-referral's `dateServed`, else the day of the completion in the canton), what (its `benefit`: in kind or
 * cash and the amount; in kind when it does not say) — and a completion later entered in error marks that benefit
 * void, so that it is no longer counted. Both in the referral's own transaction, with an audit record naming the
 * citizen by digest.
 */
export async function benefitOnReferralMove(moved: {
  readonly before: Referral;
  readonly after: Referral;
  readonly caller: Caller;
  readonly now: string;
  readonly reads: BatchReads;
}): Promise<TransactItem[]> {
  const { before, after, caller, now } = moved;
  const completes = after.status === 'completed' && before.status !== 'completed';
  const undoes = before.status === 'completed' && after.status === 'entered-in-error';
  if (!(completes && after.counterReferral?.assisted) && !undoes) return [];
  const cantonId = before.requestCantonId ?? before.cantonId;
  // Read with the move's other reads: the request is the one the completion closes.
  const request = await moved.reads.get(requestRead(cantonId, before.requestId));
  if (!request) return [];
  const holder = await benefitHolderOf(cantonId, request.citizen);
  const citizen =
    'digest' in holder
      ? { type: 'citizen', id: holder.digest }
      : { type: 'provisional-identity', id: holder.provisionalId };

  if (completes && after.counterReferral) {
    const { benefit: delivered, dateServed } = after.counterReferral;
    const benefit: LocalBenefit = {
      benefitId: ulid(),
      cantonId,
      program: before.service.name,
      serviceId: before.service.serviceId,
      referralId: before.referralId,
      deliveredOn: dateServed ?? localDate(new Date(now), before.calendar.timeZone),
      kind: delivered?.kind ?? 'in-kind',
      ...(delivered?.amount !== undefined ? { amount: delivered.amount } : {}),
      ...(delivered?.description ? { description: delivered.description } : {}),
      recordedBy: caller.userId,
      recordedAt: now,
    };
    const audit = auditOf(caller, cantonId, 'registry.benefit.record', citizen, {
      at: now,
      details: { benefitId: benefit.benefitId, kind: benefit.kind, referralId: before.referralId },
    });
    return [benefitWrite(holder, benefit), auditWrite(audit)];
  }

  // Entered in error: the benefit its completion recorded is kept for the trail and marked void.
  return voidReferralBenefits(holder, before.referralId, 'entered-in-error', caller, now);
}

/**
 * The citizen denies having been served (the answer to the confirmation question): the benefit the completion
 * recorded is no longer counted, in the answer's own transaction. `citizen` is the referral's request's citizen.
 */
export async function benefitOnDenial(
  referral: Referral,
  citizen: CitizenRecord,
  caller: Caller,
  now: string,
): Promise<TransactItem[]> {
  const cantonId = referral.requestCantonId ?? referral.cantonId;
  const holder = await benefitHolderOf(cantonId, citizen);
  return voidReferralBenefits(holder, referral.referralId, 'citizen-denied', caller, now);
}

async function voidReferralBenefits(
  holder: BenefitHolder,
  referralId: string,
  reason: NonNullable<LocalBenefit['voided']>['reason'],
  caller: Caller,
  now: string,
): Promise<TransactItem[]> {
  const target =
    'digest' in holder
      ? { type: 'citizen', id: holder.digest }
      : { type: 'provisional-identity', id: holder.provisionalId };
  const recorded = (await benefitsOf(holder)).filter((b) => b.referralId === referralId && !b.voided);
  return recorded.flatMap((benefit) => [
    benefitVoidWrite(holder, benefit, { at: now, by: caller.userId, reason }),
    auditWrite(
      auditOf(caller, holder.cantonId, 'registry.benefit.void', target, {
        at: now,
        details: { benefitId: benefit.benefitId, referralId, reason },
      }),
    ),
  ]);
}
