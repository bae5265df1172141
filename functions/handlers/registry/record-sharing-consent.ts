import { httpHandler } from '#http/handler.js';
import { recordSharingConsentRoute } from '#http/routes/registry/record-sharing-consent.js';
import type { SharingConsentInput } from '#http/schemas/registry-share.js';
import { callerCanton } from '#app/tenancy.js';
import { recordSharingConsent } from '#app/registry/sharing-consent.js';

export const handler = httpHandler<{ cantonId: string }, unknown, SharingConsentInput>(
  recordSharingConsentRoute,
  async ({ caller, params, body }) => {
    const canton = await callerCanton(caller, params.cantonId);
    return { body: await recordSharingConsent(caller, canton, body) };
  },
);
