import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from './client.js';
import type { ComplaintClockInput } from '../../../workflows/complaint-clock.js';
import { settingsOf } from '#kernel/config.js';
import { StateMachineArn } from './state-machine-arn.js';

/**
 * Starts a complaint case's clock (workflows/complaint-clock.ts). Only the function on the workflow outbox
 * (handlers/workflows/start-executions.ts) and the local runtime's restart load this module, and the stack gives
 * the function the ARN; answers go through task-tokens.ts.
 */
const { COMPLAINT_CLOCK_ARN: clockArn } = settingsOf({ COMPLAINT_CLOCK_ARN: StateMachineArn });

export async function startComplaintClockExecution(input: ComplaintClockInput, name: string): Promise<void> {
  try {
    await stepFunctions().send(
      new StartExecutionCommand({ stateMachineArn: clockArn, name, input: JSON.stringify(input) }),
    );
  } catch (error) {
    // Execution names are unique: a second start of the same case's clock at the same level is the one running.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}
