import { clock } from '#kernel/clock.js';
import { logger } from '#kernel/logger.js';
import { type ImportProblem, isFinished, JOB_FAILED } from '#domain/import-job.js';
import type { Role } from '#model/roles.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import {
  dropImportChunks,
  findImportJob,
  finishImportJob,
  readImportChunk,
  recordChunkApplied,
} from '#adapters/dynamodb/import-jobs-store.js';
import type { CatalogueImportAction } from '../../../workflows/catalogue-import.js';
import { applyImportRecords, ImportRecordError } from '#app/catalogue/import-apply.js';

/**
 * The catalogue import workflow's one Lambda step (see workflows/catalogue-import.ts). It reads the job afresh
 * every time — the execution input carries only its keys — so a retried or repeated step follows the stored
 * progress: a chunk already counted is not applied again, and a finished job stays as it ended.
 */
export interface ImportStepEvent {
  readonly action: CatalogueImportAction;
  readonly job: { readonly cantonId: string; readonly jobId: string };
  /** For `fail`: what Step Functions caught (`Cause` is the Lambda error as JSON). */
  readonly error?: { readonly Error?: string; readonly Cause?: string };
}

/** The error a record that could not be written ends its step with; its message is the problem, as JSON. */
const RECORD_FAILED = 'ImportRecordFailed';

export const handler = async (event: ImportStepEvent): Promise<{ done: boolean }> => {
  const job = await findImportJob(event.job.cantonId, event.job.jobId);
  if (!job) throw new Error(`Import job ${event.job.jobId} not found`);
  const now = () => clock.now().toISOString();
  switch (event.action) {
    case 'apply-chunk': {
      if (isFinished(job) || job.nextChunk >= job.chunks) return { done: true };
      const index = job.nextChunk;
      const records = await readImportChunk(job.cantonId, job.jobId, index);
      if (!records) throw new Error(`Import job ${job.jobId} has no chunk ${index}`);
      const canton = await findCanton(job.cantonId);
      if (!canton) throw new Error(`Canton ${job.cantonId} is not registered`);
      // The versions the job writes are the importing coordinator's, as if they had made them in the call.
      const caller = { userId: job.by.userId, cantonId: job.cantonId, roles: job.by.roles as Role[] };
      try {
        const outcome = await applyImportRecords(canton, records, caller, now());
        await recordChunkApplied(job, index, { records: records.length, ...outcome }, now());
      } catch (error) {
        if (!(error instanceof ImportRecordError)) throw error;
        logger.warn('Import record failed', {
          jobId: job.jobId,
          record: error.record,
          error: error.cause as Error,
        });
        const failure = new Error(JSON.stringify(error.problem()));
        failure.name = RECORD_FAILED;
        throw failure;
      }
      return { done: index + 1 >= job.chunks };
    }
    case 'finish':
      await finishImportJob(job, 'succeeded', [], now());
      await dropImportChunks(job);
      return { done: true };
    case 'fail':
      logger.error('Catalogue import job failed', { jobId: job.jobId, error: event.error?.Error });
      await finishImportJob(job, 'failed', [problemOf(event.error)], now());
      await dropImportChunks(job);
      return { done: true };
  }
};

/** The problem a failed record carried, else the generic one: nothing unexpected is shown to the importer. */
function problemOf(error: ImportStepEvent['error']): ImportProblem {
  if (error?.Error === RECORD_FAILED && error.Cause) {
    try {
      const cause = JSON.parse(error.Cause) as { errorMessage?: string };
      const problem = JSON.parse(String(cause.errorMessage)) as ImportProblem;
      if (typeof problem.problem?.es === 'string' && typeof problem.problem.en === 'string') return problem;
    } catch {
      // Not the shape this step throws: fall through to the generic problem.
    }
  }
  return { problem: JOB_FAILED };
}
