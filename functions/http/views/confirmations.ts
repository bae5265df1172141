import type { ConfirmationQuestion } from '#domain/citizen-confirmation.js';

/** A closure to confirm as the call-back list shows it (ClosureToConfirm): chosen field by field. */
export function closureToConfirm(q: ConfirmationQuestion) {
  return {
    referralId: q.referralId,
    referralReference: q.referralReference,
    requestId: q.requestId,
    requestCantonId: q.requestCantonId,
    requestReference: q.requestReference,
    serviceName: q.serviceName,
    completedAt: q.completedAt,
    askedBy: q.askedBy,
    ...(q.callReason ? { callReason: q.callReason } : {}),
    ...(q.smsSentAt ? { smsSentAt: q.smsSentAt } : {}),
    callFrom: q.callFrom,
    ...(q.citizenInitials ? { citizenInitials: q.citizenInitials } : {}),
  };
}
