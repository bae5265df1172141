import { httpHandler } from '#http/handler.js';
import { catalogueRoute } from '#http/routes/catalogue.js';
import { deactivateService } from '#domain/catalogue.js';
import { changeService } from '#http/service-change.js';

export const handler = httpHandler<{ cantonId: string; serviceId: string }, unknown, { reason: string }>(
  catalogueRoute('deactivateService'),
  async (input) =>
    changeService(input, 'service.deactivate', (service, now) =>
      deactivateService(service, input.body.reason, input.caller, now),
    ),
);
