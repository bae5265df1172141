import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { complaintStatisticsRoute } from '#http/routes/complaints/statistics.js';
import { callerCanton } from '#app/tenancy.js';
import { complaintStatistics } from '#domain/complaint-stats.js';
import { localDate } from '#domain/deadlines.js';
import { providerComplaintCounts } from '#adapters/dynamodb/complaints-store.js';
import {
  activitiesDueBefore,
  complaintFigures,
  openComplaintEntries,
} from '#adapters/dynamodb/complaints-index.js';

/**
 * Counts and times only: no case, complainant or words leaves through this route. Read from the stored figures and
 * the open-case and open-activity indexes (adapters/dynamodb/complaints-index.ts), never from every case.
 */
export const handler = httpHandler<{ cantonId: string }>(
  complaintStatisticsRoute,
  async ({ caller, params }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const now = clock.now();
    const [open, overdue, figures, providers] = await Promise.all([
      openComplaintEntries(canton.id),
      activitiesDueBefore(canton.id, localDate(now, canton.timeZone)),
      complaintFigures(canton.id),
      providerComplaintCounts(canton.id),
    ]);
    return {
      body: {
        cantonId: canton.id,
        at: now.toISOString(),
        ...complaintStatistics({ open, overdue, resolved: figures.resolved, ratings: figures.ratings, now }),
        providers: providers.sort((a, b) => b.complaints - a.complaints),
      },
    };
  },
);
