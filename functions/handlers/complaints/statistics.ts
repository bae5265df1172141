import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { complaintRoute } from '#http/routes/complaints.js';
import { callerCanton } from '#app/tenancy.js';
import { complaintStatistics } from '#domain/complaint-stats.js';
import { allComplaints, providerComplaintCounts } from '#adapters/dynamodb/complaints-store.js';

/** Counts and times only: no case, complainant or words leaves through this route. */
export const handler = httpHandler<{ cantonId: string }>(
  complaintRoute('complaintStatistics'),
  async ({ caller, params }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const now = clock.now();
    const [complaints, providers] = await Promise.all([
      allComplaints(canton.id),
      providerComplaintCounts(canton.id),
    ]);
    return {
      body: {
        cantonId: canton.id,
        at: now.toISOString(),
        ...complaintStatistics(complaints, now, canton.timeZone),
        providers: providers.sort((a, b) => b.complaints - a.complaints),
      },
    };
  },
);
