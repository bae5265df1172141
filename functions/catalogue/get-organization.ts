import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { findOrganizationWithHistory } from '../store/catalogue-store.js';
import { organizationNotFound } from './not-found.js';
import { organizationView } from './views.js';

export const handler = httpHandler<{ cantonId: string; organizationId: string }>(
  'getOrganization',
  async ({ caller, params }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'read');
    const found = await findOrganizationWithHistory(canton.id, params.organizationId);
    if (!found) throw organizationNotFound(params.organizationId);
    return { body: organizationView(found.record, found.history) };
  },
);
