import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { appealComplaintRoute } from '#http/routes/complaints/appeal.js';
import type { AppealInput } from '#http/schemas/complaints.js';
import { complaintView, preconditionsOn } from '#http/views/complaints.js';
import { changeComplaint } from '#app/complaints/change.js';
import { deadlinesFor } from '#app/complaints/open.js';
import { NATIONAL } from '#app/tenancy.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import { appealComplaint } from '#domain/complaint.js';

/** The appeal's deadlines are the national level's: its protocol for the type, its calendar. */
export const handler = httpHandler<{ cantonId: string; complaintId: string }, unknown, AppealInput>(
  appealComplaintRoute,
  async ({ caller, params, body, language, preconditions }) => {
    const { complaint, canton } = await changeComplaint(
      { caller, params, check: preconditionsOn(preconditions) },
      'complaint.appeal',
      async (current, canton, now) => {
        const national = (await findCanton(NATIONAL)) ?? canton;
        const deadlines = await deadlinesFor(national, current.type, new Date(now));
        return appealComplaint(current, body, { caller, now, deadlines });
      },
    );
    return {
      body: complaintView(complaint, { caller, language, now: clock.now(), timeZone: canton.timeZone }),
    };
  },
);
