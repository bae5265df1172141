import type { Complaint } from '#domain/complaint.js';
import { clockAnswer } from '#domain/complaint-clock.js';
import { findClockToken } from '#adapters/dynamodb/complaints-store.js';
import { answerWorkflow } from '#adapters/stepfunctions/task-tokens.js';

/**
 * Tells the case's clock that the phase it waits in has its answer (acknowledged by the first activity, resolved
 * by the decision), once the change is stored. A wait that timed out meanwhile (a reminder fired) is stale, not an
 * error: the clock's next wait reads the case and answers itself.
 */
export async function answerComplaintClock(complaint: Complaint): Promise<void> {
  const token = await findClockToken(complaint.cantonId, complaint.complaintId);
  if (!token) return;
  const outcome = clockAnswer(complaint, token.phase, token.level);
  if (outcome) await answerWorkflow(token.taskToken, { outcome });
}
