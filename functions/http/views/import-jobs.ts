import type { ImportJob } from '#domain/import-job.js';
import type { Language } from '#domain/taxonomy.js';
import type { ImportJobViewType } from '../schemas/import-jobs.js';

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
