import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { resolveComplaintRoute } from '#http/routes/complaints/resolve.js';
import type { ResolutionInput } from '#http/schemas/complaints.js';
import { complaintView, preconditionsOn } from '#http/views/complaints.js';
import { changeComplaint } from '#app/complaints/change.js';
import { sendReply } from '#app/complaints/reply.js';
import { cantonCalendar } from '#app/canton-calendar.js';
import { resolveComplaint } from '#domain/complaint.js';
import { appealDeadline } from '#domain/complaint-clock.js';
import { answerComplaintClock } from '#app/complaints/clock-answer.js';

/** The decision and its reply are written first; then the reply is sent and its delivery recorded. */
export const handler = httpHandler<{ cantonId: string; complaintId: string }, unknown, ResolutionInput>(
  resolveComplaintRoute,
  async ({ caller, params, body, language, preconditions }) => {
    const {
      complaint: resolved,
      canton,
      clockToken,
    } = await changeComplaint(
      { caller, params, check: preconditionsOn(preconditions), answersClock: true },
      'complaint.resolve',
      (current, canton, now) => {
        const at = new Date(now);
        return resolveComplaint(current, body, {
          caller,
          now,
          appealBy: appealDeadline(at, cantonCalendar(canton, at), current.deadlines.appealPeriod),
        });
      },
    );
    // The clock stops: resolving answers whichever wait it is in.
    await answerComplaintClock(resolved, clockToken);
    const complaint = await sendReply(resolved, caller);
    return {
      body: complaintView(complaint, { caller, language, now: clock.now(), timeZone: canton.timeZone }),
    };
  },
);
