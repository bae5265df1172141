import { clock } from '#kernel/clock.js';
import type { Referral, ReferralEvent } from '#domain/referral.js';
import { isOverdue, needsAttentionSince } from '#domain/referral-deadline.js';
import type { Language } from '#domain/taxonomy.js';

/**
 * A referral as callers see it: no protocol snapshot, schedule or contact-officer list (internal to the workflow),
 * the counter-referral with its protocol fields, and whether it is overdue now.
 */
export function referralView(r: Referral, _language: Language, history?: readonly ReferralEvent[]) {
  return {
    referralId: r.referralId,
    cantonId: r.cantonId,
    reference: r.reference,
    requestId: r.requestId,
    service: r.service,
    referringOfficer: r.referringOfficer,
    status: r.status,
    spot: r.spot,
    deadlines: r.deadlines,
    ...(r.acknowledgedAt ? { acknowledgedAt: r.acknowledgedAt } : {}),
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.counterReferral ? { counterReferral: r.counterReferral } : {}),
    ...(r.eligibilityOverride ? { eligibilityOverride: r.eligibilityOverride } : {}),
    protocol: { cantonId: r.protocol.cantonId, version: r.protocol.version },
    ...(r.notifiedAt ? { notifiedAt: r.notifiedAt } : {}),
    ...(r.attention ? { attention: r.attention } : {}),
    ...(r.reroutedFrom?.length
      ? {
          reroutedFrom: r.reroutedFrom.map(({ referralId, reference, serviceId }) => ({
            referralId,
            reference,
            serviceId,
          })),
        }
      : {}),
    ...(r.reroutedTo ? { reroutedTo: r.reroutedTo } : {}),
    ...(r.citizenConfirmation ? { citizenConfirmation: r.citizenConfirmation } : {}),
    overdue: isOverdue(r, clock.now()),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    ...(history ? { history: history.map(({ version: _v, ...event }) => event) } : {}),
  };
}

/** The list shape of a referral (ReferralSummary): chosen field by field, no free text about the case. */
export function referralSummary(r: Referral) {
  const needsAttention = needsAttentionSince(r) !== undefined;
  return {
    referralId: r.referralId,
    cantonId: r.cantonId,
    reference: r.reference,
    requestId: r.requestId,
    service: {
      cantonId: r.service.cantonId,
      serviceId: r.service.serviceId,
      organizationId: r.service.organizationId,
      name: r.service.name,
    },
    referringOfficer: r.referringOfficer,
    status: r.status,
    ...(r.reason ? { reasonCode: r.reason.code } : {}),
    spot: r.spot,
    deadlines: {
      acknowledgement: r.deadlines.acknowledgement,
      ...(r.deadlines.counterReferral ? { counterReferral: r.deadlines.counterReferral } : {}),
    },
    ...(r.acknowledgedAt ? { acknowledgedAt: r.acknowledgedAt } : {}),
    counterReferred: r.counterReferral !== undefined,
    needsAttention,
    overdue: isOverdue(r, clock.now()),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}
