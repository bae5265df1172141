import type { Complaint } from '#domain/complaint.js';
import { startComplaintClockExecution } from '#adapters/stepfunctions/complaint-clock.js';

/**
 * Starts the clock of a case at the level it is at (workflows/complaint-clock.ts): when it opens, and when an
 * appeal reopens it at the national level with deadlines of its own. One execution per case and level, so that a
 * retried request starts nothing twice. The case is saved first: a clock that could not start is started again by
 * the local runtime at its next start, and on AWS by the operator who answers the failed request's alarm.
 */
export async function startComplaintClock(
  complaint: Pick<Complaint, 'cantonId' | 'complaintId' | 'level'>,
  phase: 'start' | 'acknowledge' | 'resolve' = 'start',
  suffix = '',
): Promise<void> {
  const { cantonId, complaintId, level } = complaint;
  await startComplaintClockExecution(
    { phase, complaint: { cantonId, complaintId, level } },
    `${cantonId}-${complaintId}-${level}${suffix}`,
  );
}
