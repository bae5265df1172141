import { clock } from '#kernel/clock.js';
import { forbidden } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { progressComplaintActivityRoute } from '#http/routes/complaints/progress-activity.js';
import type { ActivityProgressInput } from '#http/schemas/complaints.js';
import { complaintView, preconditionsOn } from '#http/views/complaints.js';
import { changeComplaint } from '#app/complaints/change.js';
import { unitContextOf } from '#app/complaints/scope.js';
import { isOfAssignedUnit } from '#domain/complaint-access.js';
import { progressActivity } from '#domain/complaint.js';

export const handler = httpHandler<
  { cantonId: string; complaintId: string; activityNumber: number },
  unknown,
  ActivityProgressInput
>(progressComplaintActivityRoute, async ({ caller, params, body, language, preconditions }) => {
  const { complaint, canton } = await changeComplaint(
    { caller, params, check: preconditionsOn(preconditions) },
    'complaint.activity.progress',
    async (current, canton, now) => {
      const activity = current.activities.find((a) => a.number === params.activityNumber);
      // Only the activity's own assignee (a member of its unit, for a unit's), or a coordinator, reports on it.
      if (
        activity &&
        activity.assigneeId !== caller.userId &&
        !caller.roles.includes('coordinator') &&
        !(
          activity.unitId &&
          isOfAssignedUnit(current, caller, await unitContextOf(caller, canton), [activity])
        )
      ) {
        throw forbidden([
          'coordinator',
          activity.unitId
            ? `a member of the unit (${activity.unitId})`
            : `the assignee (${activity.assigneeId})`,
        ]);
      }
      return progressActivity(current, params.activityNumber, body, { caller, now });
    },
  );
  return {
    body: complaintView(complaint, { caller, language, now: clock.now(), timeZone: canton.timeZone }),
  };
});
