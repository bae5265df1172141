import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from './client.js';
import type { CatalogueImportExecutionInput } from '../../../workflows/catalogue-import.js';
import { settingsOf } from '#kernel/config.js';
import { StateMachineArn } from './state-machine-arn.js';

/**
 * Starts a catalogue import job's execution (workflows/catalogue-import.ts).
 */
// Only the function on the workflow outbox (and the local runtime's restart) loads this module; the stack gives it
// this setting.
const { CATALOGUE_IMPORT_WORKFLOW_ARN: workflowArn } = settingsOf({
  CATALOGUE_IMPORT_WORKFLOW_ARN: StateMachineArn,
});

export async function startCatalogueImportWorkflow(
  input: CatalogueImportExecutionInput,
  name: string,
): Promise<void> {
  try {
    await stepFunctions().send(
      new StartExecutionCommand({ stateMachineArn: workflowArn, name, input: JSON.stringify(input) }),
    );
  } catch (error) {
    // Execution names are unique: a second start of the same job is the one already running.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}
