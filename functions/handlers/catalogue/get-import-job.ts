import { notFound } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { getCatalogueImportRoute } from '#http/routes/catalogue/get-import-job.js';
import { catalogueCanton } from '#app/tenancy.js';
import { isFinished } from '#domain/import-job.js';
import { findImportJob } from '#adapters/dynamodb/import-jobs-store.js';
import { importJobLocation, importJobView } from '#http/views/import-jobs.js';

/** A catalogue import job: its status, progress and outcome. Only in its own canton, like the import itself. */
export const handler = httpHandler<{ cantonId: string; jobId: string }>(
  getCatalogueImportRoute,
  async ({ event, caller, language, params }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'write');
    const job = await findImportJob(canton.id, params.jobId);
    if (!job) {
      throw notFound({
        es: `No existe la importación "${params.jobId}"`,
        en: `There is no import job "${params.jobId}"`,
      });
    }
    const location = importJobLocation(event.requestContext?.path ?? event.path, canton.id, job.jobId);
    return {
      // A client following the job is told how soon to ask again.
      ...(isFinished(job) ? {} : { headers: { 'retry-after': '1' } }),
      body: importJobView(job, language, location),
    };
  },
);
