import {
  InvalidToken,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  ExecutionAlreadyExists,
} from '@aws-sdk/client-sfn';
import type { ReferralExecutionInput } from '../../../workflows/referral-workflow.js';
import { requiredEnv } from '../../kernel/config.js';

/**
 * The Step Functions side of referrals: start a referral's execution and answer the task token it waits on. The
 * SDK honours AWS_ENDPOINT_URL_SFN, which is how the same code reaches the local interpreter.
 */
const sfn = new SFNClient({});
let workflowArn: string | undefined;

export async function startReferralWorkflow(input: ReferralExecutionInput, name: string): Promise<string> {
  workflowArn ??= requiredEnv('REFERRAL_WORKFLOW_ARN');
  try {
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: workflowArn, name, input: JSON.stringify(input) }),
    );
    return executionArn as string;
  } catch (error) {
    // Execution names are unique: a second start for the same referral and phase is already running.
    if (error instanceof ExecutionAlreadyExists)
      return `${workflowArn.replace(':stateMachine:', ':execution:')}:${name}`;
    throw error;
  }
}

/**
 * Answers the wait the workflow is in. A token that timed out or was already answered means the workflow has
 * moved on (a reminder fired meanwhile): the next wait reads the referral and answers itself, so this is not an
 * error — the change is already stored.
 */
export async function answerWorkflow(taskToken: string, output: unknown): Promise<'answered' | 'stale'> {
  try {
    await sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
    return 'answered';
  } catch (error) {
    if (error instanceof TaskTimedOut || error instanceof InvalidToken || error instanceof TaskDoesNotExist) {
      return 'stale';
    }
    throw error;
  }
}
