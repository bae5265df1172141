import { httpHandler } from '#http/handler.js';
import { listOrganizationsRoute } from '#http/routes/catalogue/list-organizations.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '#http/pagination.js';
import { catalogueCanton } from '#app/tenancy.js';
import { listOrganizationsPage } from '#adapters/dynamodb/catalogue-store.js';
import { organizationView } from '#http/views/catalogue.js';

export const handler = httpHandler<{ cantonId: string }, PageQuery>(
  listOrganizationsRoute,
  async ({ caller, params, query }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'read');
    const scope = listScope('listOrganizations', { canton: canton.id });
    const page = await listOrganizationsPage(canton.id, {
      limit: query.limit,
      startKey: await startKeyOf(query, scope),
    });
    return {
      body: await pageBody(
        page.organizations.map((o) => organizationView(o)),
        page.lastKey,
        scope,
      ),
    };
  },
);
