import { httpHandler } from '#http/handler.js';
import { deactivateServiceRoute } from '#http/routes/catalogue/deactivate-service.js';
import { deactivateService } from '#domain/catalogue.js';
import { changeService } from '#http/service-change.js';

export const handler = httpHandler<{ cantonId: string; serviceId: string }, unknown, { reason: string }>(
  deactivateServiceRoute,
  async (input) =>
    changeService(input, 'service.deactivate', (service, now) =>
      deactivateService(service, input.body.reason, input.caller, now),
    ),
);
