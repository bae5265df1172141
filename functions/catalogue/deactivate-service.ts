import { httpHandler } from '../commons/http.js';
import { catalogueCanton } from '../commons/tenancy.js';
import { deactivateService } from '../domain/catalogue.js';
import { findService, saveService } from '../store/catalogue-store.js';
import { serviceNotFound } from './not-found.js';
import { serviceView } from './views.js';

export const handler = httpHandler<{ cantonId: string; serviceId: string }, unknown, { reason: string }>(
  'deactivateService',
  async ({ caller, params, body, language }) => {
    const canton = await catalogueCanton(caller, params.cantonId, 'write');
    const current = await findService(canton.id, params.serviceId);
    if (!current) throw serviceNotFound(params.serviceId);
    const now = new Date().toISOString();
    const { record, event } = deactivateService(current, body.reason, caller, now);
    await saveService(
      record,
      event,
      {
        cantonId: canton.id,
        at: now,
        actor: { userId: caller.userId, roles: caller.roles },
        action: 'service.deactivate',
        target: { type: 'service', id: record.id },
      },
      current.capacity.available,
    );
    return { body: serviceView(record, language) };
  },
);
