import { badRequest } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { assignRequestRoute } from '#http/routes/requests/assign-request.js';
import { assignRequest } from '#domain/request.js';
import { changeRequest } from '#http/request-change.js';

export const handler = httpHandler<
  { cantonId: string; requestId: string },
  unknown,
  { officerId: string; note?: string }
>(assignRequestRoute, async (input) =>
  changeRequest(input, 'request.assign', (request, canton, now) => {
    const officer = canton.staff.find((s) => s.id === input.body.officerId);
    if (!officer?.roles.includes('swcs-officer')) {
      throw badRequest('officerId', {
        es: `"${input.body.officerId}" no es un técnico SWCS de ${canton.name}`,
        en: `"${input.body.officerId}" is not an SWCS officer of ${canton.name}`,
      });
    }
    return assignRequest(request, officer.id, input.caller, now, input.body.note);
  }),
);
