import { invalidInput } from '../commons/errors.js';
import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { importHsds } from './hsds.js';
import { applyCatalogue } from './seed.js';

/**
 * Loads an Open Referral HSDS document into the canton's catalogue. Every problem in the document is reported
 * at once, each with its JSON pointer, and then nothing is written; a valid document is written record by record,
 * leaving identical records untouched, so importing the same file twice changes nothing.
 */
export const handler = httpHandler<{ cantonId: string }, unknown, unknown>(
  'importCatalogue',
  async ({ caller, params, body }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'write');
    const result = importHsds(body, { timeZone: canton.timeZone });
    if (!result.ok) {
      throw invalidInput(result.errors.map((e) => ({ field: e.pointer, problem: e.problem })));
    }
    const { written, unchanged } = await applyCatalogue(canton, result, caller, 'import');
    return {
      body: {
        organizations: result.organizations.length,
        services: result.services.length,
        written,
        unchanged,
      },
    };
  },
);
