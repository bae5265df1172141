import { httpHandler } from '#http/handler.js';
import { screenCitizenRoute } from '#http/routes/registry/screen.js';
import type { ScreeningInput } from '#http/schemas/registry.js';
import { callerCanton } from '#app/tenancy.js';
import { screenCitizen } from '#app/registry/screen.js';

export const handler = httpHandler<{ cantonId: string }, unknown, ScreeningInput>(
  screenCitizenRoute,
  async ({ caller, params, body, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    return { body: await screenCitizen(caller, canton, body, language) };
  },
);
