import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { findServiceWithHistory } from '../store/catalogue-store.js';
import { serviceNotFound } from './not-found.js';
import { serviceTag, serviceView } from './views.js';

export const handler = httpHandler<{ cantonId: string; serviceId: string }>(
  'getService',
  async ({ caller, params, language }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'read');
    const found = await findServiceWithHistory(canton.id, params.serviceId);
    if (!found) throw serviceNotFound(params.serviceId);
    return {
      headers: { etag: serviceTag(found.record) },
      body: serviceView(found.record, language, found.history),
    };
  },
);
