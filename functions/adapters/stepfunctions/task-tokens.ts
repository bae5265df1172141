import { InvalidToken, SendTaskSuccessCommand, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { stepFunctions } from './client.js';

/** The answers to a workflow's waits (`.waitForTaskToken`: referrals, complaint clocks); no setting needed, the token names its wait. */

/**
 * Answers the wait the workflow is in. A token that timed out or was already answered means the workflow has
 * moved on (a reminder fired meanwhile): the next wait reads the referral and answers itself, so this is not an
 * error — the change is already stored.
 */
export async function answerWorkflow(taskToken: string, output: unknown): Promise<'answered' | 'stale'> {
  try {
    await stepFunctions().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'answered';
  } catch (error) {
    if (error instanceof TaskTimedOut || error instanceof InvalidToken || error instanceof TaskDoesNotExist) {
      return 'stale';
    }
    throw error;
  }
}
