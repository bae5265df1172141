import { httpHandler } from '#http/handler.js';
import { getServiceRoute } from '#http/routes/catalogue/get-service.js';
import { catalogueCanton } from '#app/tenancy.js';
import { findServiceWithHistory } from '#adapters/dynamodb/catalogue-store.js';
import { serviceNotFound } from '#app/catalogue/not-found.js';
import { serviceTag, serviceView } from '#http/views/catalogue.js';

export const handler = httpHandler<{ cantonId: string; serviceId: string }>(
  getServiceRoute,
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
