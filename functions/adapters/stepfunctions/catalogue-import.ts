import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { CatalogueImportExecutionInput } from '../../../workflows/catalogue-import.js';
import { requiredEnv } from '../../kernel/config.js';

/**
 * Starts a catalogue import job's execution (workflows/catalogue-import.ts). The SDK honours AWS_ENDPOINT_URL_SFN,
 * which is how the same code reaches the local interpreter.
 */
const sfn = new SFNClient({});
let workflowArn: string | undefined;

export async function startCatalogueImportWorkflow(
  input: CatalogueImportExecutionInput,
  name: string,
): Promise<void> {
  workflowArn ??= requiredEnv('CATALOGUE_IMPORT_WORKFLOW_ARN');
  try {
    await sfn.send(
      new StartExecutionCommand({ stateMachineArn: workflowArn, name, input: JSON.stringify(input) }),
    );
  } catch (error) {
    // Execution names are unique: a second start of the same job is the one already running.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}
