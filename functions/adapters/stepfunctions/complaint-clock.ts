import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { ComplaintClockInput } from '../../../workflows/complaint-clock.js';
import { settingsOf, StateMachineArn } from '#kernel/config.js';

/**
 * Starts a complaint case's clock (workflows/complaint-clock.ts). Only the functions that open, answer or appeal
 * cases load this module, and the stack gives them its ARN; answers go through task-tokens.ts. The SDK honours
 * AWS_ENDPOINT_URL_SFN, which is how the same code reaches the local interpreter.
 */
const sfn = new SFNClient({});
const { COMPLAINT_CLOCK_ARN: clockArn } = settingsOf({ COMPLAINT_CLOCK_ARN: StateMachineArn });

export async function startComplaintClockExecution(input: ComplaintClockInput, name: string): Promise<void> {
  try {
    await sfn.send(
      new StartExecutionCommand({ stateMachineArn: clockArn, name, input: JSON.stringify(input) }),
    );
  } catch (error) {
    // Execution names are unique: a second start of the same case's clock at the same level is the one running.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}
