import { httpHandler } from '#http/handler.js';
import { exportCatalogueRoute } from '#http/routes/catalogue/export-hsds.js';
import { catalogueCanton } from '#app/tenancy.js';
import { listOrganizations, listServices } from '#adapters/dynamodb/catalogue-store.js';
import { exportHsds } from '#domain/hsds/export.js';

/** The canton's catalogue (only its own; the national one is exported from `national`) as Open Referral HSDS. */
export const handler = httpHandler<{ cantonId: string }>(exportCatalogueRoute, async ({ caller, params }) => {
  const canton = await catalogueCanton(caller, params.cantonId, 'read');
  const [organizations, services] = await Promise.all([
    listOrganizations(canton.id),
    listServices(canton.id),
  ]);
  const byName = <T extends { id: string }>(list: T[]) => list.sort((a, b) => a.id.localeCompare(b.id));
  return {
    body: exportHsds({
      organizations: byName(organizations),
      services: byName(services),
      cantonId: canton.id,
      timeZone: canton.timeZone,
    }),
  };
});
