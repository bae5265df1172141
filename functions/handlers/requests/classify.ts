import { badRequest } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { classifyRequestRoute } from '#http/routes/requests/classify-request.js';
import { classifyRequest } from '#domain/request.js';
import { protocolReference, withKeptProtocols } from '#app/protocols/effective.js';
import { complaintOnClassification } from '#app/complaints/open.js';
import type { NamedWrite } from '#adapters/dynamodb/versioned.js';
import { changeRequest } from '#http/request-change.js';
import type { ClassifyInput } from '#http/schemas/requests.js';

/**
 * A request classified under the complaint category opens its complaint case in the same transaction (see
 * app/complaints/open.ts); the classification event names the case.
 */
export const handler = httpHandler<{ cantonId: string; requestId: string }, unknown, ClassifyInput>(
  classifyRequestRoute,
  async (input) => {
    // The protocol in force comes from the container's kept versions; the write checks they are still current
    // (and if not, all of it runs once more on the stored ones).
    const answer = await withKeptProtocols((protocols) => {
      let complaintWrites: readonly Record<string, unknown>[] = [];
      let checks: readonly NamedWrite[] = [];
      return changeRequest(
        input,
        'request.classify',
        async (request, canton, now) => {
          if (!canton.enabledCategories.includes(input.body.category as never)) {
            throw badRequest('category', {
              es: `la categoría "${input.body.category}" no está habilitada en ${canton.name}`,
              en: `category "${input.body.category}" is not enabled in ${canton.name}`,
            });
          }
          const chosen = await protocols.effective(
            canton,
            input.body.category,
            input.body.subcategory,
            new Date(now),
          );
          const change = classifyRequest(
            request,
            input.body,
            input.caller,
            now,
            chosen.effective ? protocolReference(chosen.effective.protocol) : undefined,
          );
          checks = chosen.checks;
          const complaint = change && (await complaintOnClassification(change, canton, input.caller, now));
          if (!change || !complaint) return change;
          complaintWrites = complaint.writes;
          const complaintId = complaint.opened.complaint.complaintId;
          return { ...change, event: { ...change.event, details: { ...change.event.details, complaintId } } };
        },
        // From here a refusal is the write's own (the request changed meanwhile), not made again.
        () => [...complaintWrites, ...protocols.toWrite(checks)],
      );
    });
    return answer;
  },
);
