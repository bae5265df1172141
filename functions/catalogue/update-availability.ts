import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { type AvailabilityChange, changeAvailability } from '../domain/catalogue.js';
import { findOrganization, findService, saveService } from '../store/catalogue-store.js';
import { serviceNotFound } from './not-found.js';
import { serviceView } from './views.js';

export const handler = httpHandler<{ cantonId: string; serviceId: string }, unknown, AvailabilityChange>(
  'updateAvailability',
  async ({ caller, params, body, language }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'write');
    const current = await findService(canton.id, params.serviceId);
    if (!current) throw serviceNotFound(params.serviceId);
    const isManager = caller.roles.includes('coordinator') || caller.roles.includes('admin');
    if (!isManager) {
      // A contact officer acts only on services of their own organization; any other looks like no service at all.
      const organization = await findOrganization(canton.id, current.organizationId);
      const own = organization?.contactOfficers.some((o) => o.userId === caller.userId);
      if (!own) throw serviceNotFound(params.serviceId);
    }
    const now = new Date().toISOString();
    const { record, event } = changeAvailability(current, body, caller, now);
    await saveService(
      record,
      event,
      {
        cantonId: canton.id,
        at: now,
        actor: { userId: caller.userId, roles: caller.roles },
        action: 'service.availability',
        target: { type: 'service', id: record.id },
      },
      current.capacity.available,
    );
    return { body: serviceView(record, language) };
  },
);
