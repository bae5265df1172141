import { startCatalogueImportWorkflow } from '#adapters/stepfunctions/catalogue-import.js';
import { openImportJobs } from '#adapters/dynamodb/import-jobs-store.js';

/**
 * The local runtime's executions live in its process: at start, every job still queued or running gets a new
 * execution, which carries on from the job's next chunk (on AWS an execution outlives any process).
 */
export async function resumeImportJobs(cantonIds: readonly string[]): Promise<void> {
  for (const cantonId of cantonIds) {
    for (const job of await openImportJobs(cantonId)) {
      await startCatalogueImportWorkflow(
        { job: { cantonId, jobId: job.jobId } },
        `${job.jobId}-resumed-${Date.now()}`,
      );
    }
  }
}
