import { invalidInput } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { importCatalogueRoute } from '#http/routes/catalogue/import-hsds.js';
import { catalogueCanton } from '#app/tenancy.js';
import { needsJob, recordsOf } from '#domain/import-job.js';
import { importHsds } from '#domain/hsds/import.js';
import { applyImportRecordsTogether } from '#app/catalogue/import-apply.js';
import { submitImportJob } from '#app/catalogue/import-jobs.js';
import { importJobLocation, importJobView } from '#http/views/import-jobs.js';

/**
 * Loads an Open Referral HSDS document — SWCS's `{ organizations }`, a single organization, a single service or a
 * page of either — into the canton's catalogue. Every problem in the document is reported at once, each with its
 * JSON pointer, and then nothing is written; so are records DynamoDB could not store (numbers out of its range,
 * records over 300 KB), found before the first write. A document of up to JOB_THRESHOLD records is written within
 * the call in one transaction, all or nothing, leaving identical records untouched; a bigger one becomes an import
 * job (202, with its address), applied by the import workflow.
 */
export const handler = httpHandler<{ cantonId: string }, unknown, unknown>(
  importCatalogueRoute,
  async ({ event, caller, language, params, body }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'write');
    const result = importHsds(body, { timeZone: canton.timeZone });
    if (!result.ok) {
      throw invalidInput(result.errors.map((e) => ({ field: e.pointer, problem: e.problem })));
    }
    const records = recordsOf(result);
    if (needsJob(records.length)) {
      const job = await submitImportJob(canton.id, records, caller);
      const location = importJobLocation(event.requestContext?.path ?? event.path, canton.id, job.jobId);
      return {
        statusCode: 202,
        headers: { location, 'retry-after': '1' },
        body: importJobView(job, language, location),
      };
    }
    const { written, unchanged } = await applyImportRecordsTogether(canton, records, caller);
    return {
      body: {
        organizations: result.organizations.length,
        services: result.services.length,
        written,
        unchanged,
        kept: result.kept,
      },
    };
  },
);
