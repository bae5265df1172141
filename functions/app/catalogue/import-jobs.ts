import { ulid } from '#kernel/ids.js';
import type { Caller } from '#model/caller.js';
import { clock } from '#kernel/clock.js';
import { chunksOf, type ImportJob, type ImportRecord, newImportJob } from '#domain/import-job.js';
import { stageImportJob } from '#adapters/dynamodb/import-jobs-store.js';

/**
 * Submits validated records as an import job: staged in chunks, then handed to the import workflow, which runs
 * outside the API's time limit. The job is written with the start of its execution (the workflow outbox), so a
 * queued job always has an execution coming: none is left that nothing will run.
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
  // With the start of its execution, which the workflow outbox hands to Step Functions.
  await stageImportJob(job, chunks);
  return job;
}
