import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { listOrganizations } from '../store/catalogue-store.js';
import { organizationView } from './views.js';

export const handler = httpHandler<{ cantonId: string }>('listOrganizations', async ({ caller, params }) => {
  const canton = await catalogueCanton(caller, params.cantonId, 'read');
  const organizations = await listOrganizations(canton.id);
  return { body: { items: organizations.map((o) => organizationView(o)) } };
});
