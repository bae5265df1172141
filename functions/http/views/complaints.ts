import type { Caller } from '#model/caller.js';
import { entityTag, type Preconditions, requirePreconditions } from '../conditional.js';
import type { Complaint, ComplaintEvent } from '#domain/complaint.js';
import { canSeeComplainant } from '#domain/complaint-access.js';
import { complaintClock } from '#domain/complaint-clock.js';
import { activityOverdue } from '#domain/complaint-stats.js';
import { complaintTypeLabel, type Language } from '#domain/taxonomy.js';

/**
 * The API shapes of a case. A sensitive case shows its complainant and contact only to coordinators: the people
 * assigned work it anonymously toward the unit concerned.
 */
export function complaintView(
  complaint: Complaint,
  ctx: {
    caller: Caller;
    language: Language;
    now: Date;
    timeZone: string;
    history?: readonly ComplaintEvent[];
  },
) {
  // The clock's counts show as `clock` (its next timer and the escalations past), not as stored.
  const { complainant, contact, timersFired: _fired, ...rest } = complaint;
  const open = canSeeComplainant(complaint, ctx.caller);
  return {
    ...rest,
    typeLabel: complaintTypeLabel(complaint.type)?.[ctx.language] ?? complaint.type,
    complainant:
      open || complainant.identification === 'anonymous'
        ? complainant
        : { identification: complainant.identification, withheld: true as const },
    ...(open && contact ? { contact } : {}),
    clock: complaintClock(complaint, ctx.now),
    activities: complaint.activities.map((a) => ({
      ...a,
      overdue: activityOverdue(a, ctx.now, ctx.timeZone),
    })),
    ...(ctx.history ? { history: ctx.history.map(({ version: _version, ...event }) => event) } : {}),
  };
}

/** The list shape (ComplaintSummary), field by field: no complainant, no words. */
export function complaintSummary(complaint: Complaint, now: Date) {
  return {
    complaintId: complaint.complaintId,
    reference: complaint.reference,
    type: complaint.type,
    status: complaint.status,
    level: complaint.level,
    sensitive: complaint.sensitive !== undefined,
    ...(complaint.assigneeId ? { assigneeId: complaint.assigneeId } : {}),
    clock: complaintClock(complaint, now),
    activities: complaint.activities.length,
    createdAt: complaint.createdAt,
    updatedAt: complaint.updatedAt,
    version: complaint.version,
  };
}

/**
 * The If-Match check of a change to a case (functions/http/conditional.ts), for app/complaints/change.ts: a client
 * that read an older version hears that first, even when the change would be refused.
 */
export function preconditionsOn(preconditions: Preconditions) {
  return (version: number, decided: 'changes' | 'unchanged' | 'failed') =>
    requirePreconditions(preconditions, entityTag(version), decided === 'failed' ? 'changes' : decided);
}
