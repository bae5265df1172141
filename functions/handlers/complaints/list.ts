import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { complaintRoute } from '#http/routes/complaints.js';
import { listScope, pageInMemory } from '#http/pagination.js';
import type { ListComplaintsInput } from '#http/schemas/complaints.js';
import { complaintSummary } from '#http/views/complaints.js';
import { complaintCanton, unitContextOf } from '#app/complaints/scope.js';
import { assignedUnitsOf, assigneesOf, canSeeComplaint } from '#domain/complaint-access.js';
import { complaintClock } from '#domain/complaint-clock.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { allComplaints } from '#adapters/dynamodb/complaints-store.js';

/**
 * The clock state is computed from the product's time, not stored, so the list is filtered in memory over the
 * canton's cases and paged by creation time (newest first).
 */
export const handler = httpHandler<{ cantonId: string }, ListComplaintsInput>(
  complaintRoute('listComplaints'),
  async ({ caller, params, query }) => {
    const canton = await complaintCanton(caller, params.cantonId);
    const { cursor: _cursor, limit: _limit, ...filters } = query;
    const now = clock.now();
    const units = await unitContextOf(caller, canton);
    const cases = (await allComplaints(canton.id)).filter(
      (c) =>
        canSeeComplaint(c, caller, units) &&
        (!filters.status || c.status === filters.status) &&
        (!filters.type || c.type === filters.type) &&
        (!filters.assigneeId || assigneesOf(c).has(filters.assigneeId)) &&
        (!filters.unitId ||
          assignedUnitsOf(c).has(
            `${caller.cantonId === 'national' ? 'national' : c.cantonId}/${filters.unitId}`,
          )) &&
        (!filters.clock || complaintClock(c, now).state === filters.clock),
    );
    const scope = listScope('listComplaints', { canton: canton.id, caller: caller.userId, ...filters });
    const page = await pageInMemory(cases, query, scope, (c) => [
      `~${String(9e15 - Date.parse(c.createdAt)).padStart(16, '0')}`,
      c.complaintId,
    ]);
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'complaint.list',
        { type: 'complaint' },
        {
          details: { count: page.items.length, filters: Object.keys(filters) },
        },
      ),
    );
    return { body: { ...page, items: page.items.map((c) => complaintSummary(c, now)) } };
  },
);
