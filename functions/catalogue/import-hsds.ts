import { invalidInput } from '../commons/errors.js';
import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { needsJob, recordsOf } from '../domain/import-job.js';
import { importHsds } from './hsds.js';
import { applyImportRecords, ImportRecordError } from './import-apply.js';
import { importJobLocation, importJobView, submitImportJob } from './import-jobs.js';

/**
 * Loads an Open Referral HSDS document into the canton's catalogue. Every problem in the document is reported
 * at once, each with its JSON pointer, and then nothing is written; a valid document is written record by record,
 * leaving identical records untouched, so importing the same file twice changes nothing. A document of more than
 * JOB_THRESHOLD records could outlast the call's 29 seconds: it becomes an import job (202, with its address),
 * applied by the import workflow.
 */
export const handler = httpHandler<{ cantonId: string }, unknown, unknown>(
  'importCatalogue',
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
    try {
      const { written, unchanged } = await applyImportRecords(canton, records, caller);
      return {
        body: {
          organizations: result.organizations.length,
          services: result.services.length,
          written,
          unchanged,
        },
      };
    } catch (error) {
      // Within the call, the record's own error is the answer (a 409 when it changed meanwhile).
      throw error instanceof ImportRecordError ? error.cause : error;
    }
  },
);
