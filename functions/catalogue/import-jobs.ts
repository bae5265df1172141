import { ulid } from 'ulid';
import type { Caller } from '../commons/caller.js';
import { startCatalogueImportWorkflow } from '../commons/catalogue-import-workflow.js';
import { clock } from '../commons/clock.js';
import { logger } from '../commons/logger.js';
import {
  chunksOf,
  type ImportJob,
  type ImportRecord,
  JOB_FAILED,
  newImportJob,
} from '../domain/import-job.js';
import type { Language } from '../domain/taxonomy.js';
import {
  dropImportChunks,
  finishImportJob,
  openImportJobs,
  stageImportJob,
} from '../store/import-jobs-store.js';
import type { ImportJobViewType } from './import-job-schemas.js';

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

/** Where a job is followed: next to the import route, under the same stage and base path as the request. */
export function importJobLocation(requestPath: string, cantonId: string, jobId: string): string {
  const base = requestPath.match(/^(.*)\/cantons\/[^/]+\/catalogue\/.*$/)?.[1] ?? '';
  return `${base}/cantons/${cantonId}/catalogue/imports/${jobId}`;
}

/** A job as the API shows it, its problems in the caller's language. */
export function importJobView(job: ImportJob, language: Language, location: string): ImportJobViewType {
  return {
    jobId: job.jobId,
    cantonId: job.cantonId,
    status: job.status,
    location,
    organizations: job.organizations,
    services: job.services,
    progress: { done: job.done, total: job.total },
    outcome: {
      written: job.written,
      unchanged: job.unchanged,
      errors: job.errors.map((e) => ({
        ...(e.record ? { record: e.record } : {}),
        problem: e.problem[language],
      })),
    },
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
  };
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
