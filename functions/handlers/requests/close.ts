import { httpHandler } from '#http/handler.js';
import { closeRequestRoute } from '#http/routes/requests/close-request.js';
import type { Reason } from '#domain/referral.js';
import { closeUnserved } from '#domain/request.js';
import { changeRequest } from '#http/request-change.js';

/** An officer closes a request that no referral will serve, with the reason code (and words for `other`). */
export const handler = httpHandler<{ cantonId: string; requestId: string }, unknown, { reason: Reason }>(
  closeRequestRoute,
  async (input) =>
    changeRequest(input, 'request.close', (request, _canton, now) =>
      closeUnserved(request, input.body.reason, input.caller, now),
    ),
);
