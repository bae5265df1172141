import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { rateComplaintRoute } from '#http/routes/complaints/rate.js';
import type { SatisfactionInput } from '#http/schemas/complaints.js';
import { complaintView, preconditionsOn } from '#http/views/complaints.js';
import { rateCase } from '#app/complaints/rate.js';

export const handler = httpHandler<{ cantonId: string; complaintId: string }, unknown, SatisfactionInput>(
  rateComplaintRoute,
  async ({ caller, params, body, language, preconditions }) => {
    const { complaint, canton } = await rateCase({
      caller,
      params,
      rating: body,
      check: preconditionsOn(preconditions),
    });
    return {
      body: complaintView(complaint, { caller, language, now: clock.now(), timeZone: canton.timeZone }),
    };
  },
);
