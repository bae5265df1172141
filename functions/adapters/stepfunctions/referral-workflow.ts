import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from './client.js';
import type { ReferralExecutionInput } from '../../../workflows/referral-workflow.js';
import { settingsOf } from '#kernel/config.js';
import { StateMachineArn } from './state-machine-arn.js';

/**
 * Starts a referral's execution (workflows/referral-workflow.ts). Only the function on the workflow outbox
 * (handlers/workflows/start-executions.ts) loads this module, and the stack gives it the ARN; the local runtime's
 * restart also resumes referrals through it. Answers to task tokens go through task-tokens.ts.
 */
const { REFERRAL_WORKFLOW_ARN: workflowArn } = settingsOf({ REFERRAL_WORKFLOW_ARN: StateMachineArn });

export async function startReferralWorkflow(input: ReferralExecutionInput, name: string): Promise<string> {
  try {
    const { executionArn } = await stepFunctions().send(
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
