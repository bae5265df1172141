import { ulid } from '#kernel/ids.js';
import type { Caller } from '#model/caller.js';
import { startCatalogueImportWorkflow } from '#adapters/stepfunctions/catalogue-import.js';
import { clock } from '#kernel/clock.js';
import { logger } from '#kernel/logger.js';
import { chunksOf, type ImportJob, type ImportRecord, JOB_FAILED, newImportJob } from '#domain/import-job.js';
import {
  dropImportChunks,
  finishImportJob,
  openImportJobs,
  stageImportJob,
} from '#adapters/dynamodb/import-jobs-store.js';

/**
 * Submits validated records as an import job: staged in chunks, then handed to the import workflow, which runs
 * outside the API's time limit. A workflow that cannot be started leaves a failed job, never a queued one that
 * nothing will run.
 */
export async function submitImportJob(
  cantonId: string,
  records: readonly ImportRecord[],
  caller: Caller,
): Promise<ImportJob> {
  const now = clock.now().toISOString();
  const chunks = chunksOf(records);
  const job = newImportJob({
    cantonId,
    jobId: ulid(),
    chunks,
    by: { userId: caller.userId, roles: caller.roles },
    now,
  });
  await stageImportJob(job, chunks);
  try {
    // Job ids are ULIDs, unique across cantons: the id alone names the execution.
    await startCatalogueImportWorkflow({ job: { cantonId, jobId: job.jobId } }, job.jobId);
  } catch (error) {
    logger.error('Could not start the catalogue import workflow', {
      jobId: job.jobId,
      error: error as Error,
    });
    await finishImportJob(job, 'failed', [{ problem: JOB_FAILED }], clock.now().toISOString());
    await dropImportChunks(job);
    throw error;
  }
  return job;
}

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
