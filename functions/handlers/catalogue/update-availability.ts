import { httpHandler } from '#http/handler.js';
import { updateAvailabilityRoute } from '#http/routes/catalogue/update-availability.js';
import { type AvailabilityChange, changeAvailability } from '#domain/catalogue.js';
import { findOrganization } from '#adapters/dynamodb/catalogue-store.js';
import { changeService } from '#http/service-change.js';
import { serviceNotFound } from '#app/catalogue/not-found.js';

export const handler = httpHandler<{ cantonId: string; serviceId: string }, unknown, AvailabilityChange>(
  updateAvailabilityRoute,
  async (input) =>
    changeService(
      input,
      'service.availability',
      (service, now) => changeAvailability(service, input.body, input.caller, now),
      async (service, cantonId) => {
        const { caller } = input;
        if (caller.roles.includes('coordinator') || caller.roles.includes('admin')) return;
        // A contact officer acts only on services of their own organization; any other looks like no service at all.
        const organization = await findOrganization(cantonId, service.organizationId);
        if (!organization?.contactOfficers.some((o) => o.userId === caller.userId)) {
          throw serviceNotFound(service.id);
        }
      },
    ),
);
