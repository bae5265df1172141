import type { Complaint } from '#domain/complaint.js';
import { clockAnswer } from '#domain/complaint-clock.js';
import type { ClockToken } from '#adapters/dynamodb/complaints-store.js';
import { answerWorkflow } from '#adapters/stepfunctions/task-tokens.js';

/**
 * Tells the case's clock that the phase it waits in has its answer (acknowledged by the first activity, resolved
 * by the decision), once the change is stored, with the token read with the case (changeComplaint's
 * `answersClock`). A wait that timed out meanwhile (a reminder fired) is stale, not an error: the clock's next wait
 * reads the case and answers itself; so is a clock between waits, which had no token to read.
 */
export async function answerComplaintClock(
  complaint: Complaint,
  token: ClockToken | undefined,
): Promise<void> {
  if (!token) return;
  const outcome = clockAnswer(complaint, token.phase, token.level);
  if (outcome) await answerWorkflow(token.taskToken, { outcome });
}
