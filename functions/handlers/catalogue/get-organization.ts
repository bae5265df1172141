import { httpHandler } from '#http/handler.js';
import { getOrganizationRoute } from '#http/routes/catalogue/get-organization.js';
import { catalogueCanton } from '#app/tenancy.js';
import { findOrganizationWithHistory } from '#adapters/dynamodb/catalogue-store.js';
import { organizationNotFound } from '#app/catalogue/not-found.js';
import { organizationView } from '#http/views/catalogue.js';

export const handler = httpHandler<{ cantonId: string; organizationId: string }>(
  getOrganizationRoute,
  async ({ caller, params }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'read');
    const found = await findOrganizationWithHistory(canton.id, params.organizationId);
    if (!found) throw organizationNotFound(params.organizationId);
    return { body: organizationView(found.record, found.history) };
  },
);
