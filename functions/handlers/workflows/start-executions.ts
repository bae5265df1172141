import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '#kernel/logger.js';
import { newImageOf } from '#adapters/dynamodb/stream-images.js';
import { type WorkflowStart, workflowStartOf } from '#adapters/stepfunctions/workflow-start.js';
import { startReferralWorkflow } from '#adapters/stepfunctions/referral-workflow.js';
import { startComplaintClockExecution } from '#adapters/stepfunctions/complaint-clock.js';
import { startCatalogueImportWorkflow } from '#adapters/stepfunctions/catalogue-import.js';

/**
 * Starts the executions the workflow outbox holds (adapters/dynamodb/workflow-starts.ts), as the table's stream
 * hands over each new outbox item. A start that fails is reported by its record; the mapping then hands that
 * record and the ones after it over again (those before it are done). A start already made is refused by its
 * name and counts as done, so a record handed over again starts nothing twice.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = newImageOf(record);
    const start = image && workflowStartOf(image);
    if (!start) continue;
    try {
      await startExecution(start);
    } catch (error) {
      logger.error('Could not start a workflow execution', {
        machine: start.machine,
        executionName: start.name,
        error: error as Error,
      });
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' });
    }
  }
  return { batchItemFailures };
};

async function startExecution(start: WorkflowStart): Promise<void> {
  switch (start.machine) {
    case 'referral':
      await startReferralWorkflow(start.input, start.name);
      return;
    case 'complaint-clock':
      await startComplaintClockExecution(start.input, start.name);
      return;
    case 'catalogue-import':
      await startCatalogueImportWorkflow(start.input, start.name);
      return;
  }
}
