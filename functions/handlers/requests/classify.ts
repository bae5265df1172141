import { badRequest } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { requestRoute } from '#http/routes/requests.js';
import { classifyRequest } from '#domain/request.js';
import { effectiveProtocol, protocolReference } from '#app/protocols/effective.js';
import { complaintOnClassification } from '#app/complaints/open.js';
import { startComplaintClock } from '#app/complaints/clock-start.js';
import type { Complaint } from '#domain/complaint.js';
import { changeRequest } from '#http/request-change.js';
import type { ClassifyInput } from '#http/schemas/requests.js';

/**
 * A request classified under the complaint category opens its complaint case in the same transaction (see
 * app/complaints/open.ts); the classification event names the case.
 */
export const handler = httpHandler<{ cantonId: string; requestId: string }, unknown, ClassifyInput>(
  requestRoute('classifyRequest'),
  async (input) => {
    let complaintWrites: readonly Record<string, unknown>[] = [];
    let opened: Complaint | undefined;
    const answer = await changeRequest(
      input,
      'request.classify',
      async (request, canton, now) => {
        if (!canton.enabledCategories.includes(input.body.category as never)) {
          throw badRequest('category', {
            es: `la categoría "${input.body.category}" no está habilitada en ${canton.name}`,
            en: `category "${input.body.category}" is not enabled in ${canton.name}`,
          });
        }
        const effective = await effectiveProtocol(
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
          effective ? protocolReference(effective.protocol) : undefined,
        );
        const complaint = change && (await complaintOnClassification(change, canton, input.caller, now));
        if (!change || !complaint) return change;
        complaintWrites = complaint.writes;
        opened = complaint.opened.complaint;
        const complaintId = complaint.opened.complaint.complaintId;
        return { ...change, event: { ...change.event, details: { ...change.event.details, complaintId } } };
      },
      () => complaintWrites,
    );
    // The case's clock starts once the case is stored.
    if (opened) await startComplaintClock(opened);
    return answer;
  },
);
