import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { addComplaintActivityRoute } from '#http/routes/complaints/add-activity.js';
import type { ActivityInput } from '#http/schemas/complaints.js';
import { complaintView, preconditionsOn } from '#http/views/complaints.js';
import { changeComplaint } from '#app/complaints/change.js';
import { assigneesOfLevel } from '#app/complaints/scope.js';
import { addActivity } from '#domain/complaint.js';
import { answerComplaintClock } from '#app/complaints/clock-answer.js';

export const handler = httpHandler<{ cantonId: string; complaintId: string }, unknown, ActivityInput>(
  addComplaintActivityRoute,
  async ({ caller, params, body, language, preconditions }) => {
    const { complaint, canton, changed, clockToken } = await changeComplaint(
      { caller, params, check: preconditionsOn(preconditions), answersClock: true },
      'complaint.activity.add',
      async (current, canton, now) =>
        addActivity(current, body, { caller, now, ...(await assigneesOfLevel(canton, current)) }),
    );
    // The first activity acknowledges the case: its clock's acknowledgement wait has its answer.
    if (changed) await answerComplaintClock(complaint, clockToken);
    return {
      statusCode: 201,
      // The activity lives on its case: the case is where it is read.
      headers: { location: `/cantons/${canton.id}/complaints/${complaint.complaintId}` },
      body: complaintView(complaint, { caller, language, now: clock.now(), timeZone: canton.timeZone }),
    };
  },
);
