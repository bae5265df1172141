import { httpHandler } from '#http/handler.js';
import { escalateRequestRoute } from '#http/routes/escalations/escalate-request.js';
import { escalateToNational } from '#domain/request.js';
import { escalationLinkWrite } from '#adapters/dynamodb/requests-store.js';
import { changeRequest } from '#http/request-change.js';

/**
 * A canton that cannot serve a citizen sends the request to the national single window: the request records the
 * escalation in its history, and the national inbox gets a link to it, in one transaction.
 */
export const handler = httpHandler<{ cantonId: string; requestId: string }, unknown, { reason: string }>(
  escalateRequestRoute,
  async (input) =>
    changeRequest(
      input,
      'request.escalate',
      (request, _canton, now) => escalateToNational(request, input.body.reason, input.caller, now),
      ({ request }) => [
        escalationLinkWrite({
          originCantonId: request.cantonId,
          requestId: request.requestId,
          reference: request.reference,
          ...(request.classification ? { classification: request.classification } : {}),
          urgency: request.urgency,
          at: request.updatedAt,
          by: input.caller.userId,
          reason: input.body.reason,
        }),
      ],
    ),
);
