import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { listComplaintsRoute } from '#http/routes/complaints/list.js';
import { listScope, pageBody, startKeyOf } from '#http/pagination.js';
import type { ListComplaintsInput } from '#http/schemas/complaints.js';
import { complaintSummary } from '#http/views/complaints.js';
import { complaintCanton, unitContextOf } from '#app/complaints/scope.js';
import { assignedUnitsOf, assigneesOf, canSeeComplaint } from '#domain/complaint-access.js';
import { complaintClock } from '#domain/complaint-clock.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { listComplaintPage, personAssignee, unitAssignee } from '#adapters/dynamodb/complaints-index.js';

/**
 * One page from the index that fits the filters (adapters/dynamodb/complaints-index.ts): an assignee's cases, the
 * open cases by clock state, the cases by status or type, or all of them — never every case of the canton. What
 * an index cannot hold is checked on the page's cases: who may see them, and the filters beside the one the index
 * answered (so a page can be short while more remain).
 */
export const handler = httpHandler<{ cantonId: string }, ListComplaintsInput>(
  listComplaintsRoute,
  async ({ caller, params, query }) => {
    const canton = await complaintCanton(caller, params.cantonId);
    const { cursor: _cursor, limit, ...filters } = query;
    const now = clock.now();
    const units = await unitContextOf(caller, canton);
    // A unit is the caller's level's: a canton's staff name their canton's units, national staff the national ones.
    const unitLevel = caller.cantonId === 'national' ? 'national' : 'canton';
    const unit = filters.unitId
      ? `${unitLevel === 'national' ? 'national' : canton.id}/${filters.unitId}`
      : '';
    const scope = listScope('listComplaints', { canton: canton.id, caller: caller.userId, ...filters });
    const page = await listComplaintPage({
      cantonId: canton.id,
      status: filters.status,
      type: filters.type,
      clock: filters.clock,
      assignee: filters.assigneeId
        ? personAssignee(filters.assigneeId)
        : filters.unitId
          ? unitAssignee(unitLevel, filters.unitId)
          : undefined,
      now,
      limit,
      startKey: await startKeyOf(query, scope),
    });
    const items = page.complaints.filter(
      (c) =>
        canSeeComplaint(c, caller, units) &&
        (!filters.status || c.status === filters.status) &&
        (!filters.type || c.type === filters.type) &&
        (!filters.assigneeId || assigneesOf(c).has(filters.assigneeId)) &&
        (!filters.unitId || assignedUnitsOf(c).has(unit)) &&
        (!filters.clock || (c.status !== 'resolved' && complaintClock(c, now).state === filters.clock)),
    );
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'complaint.list',
        { type: 'complaint' },
        { details: { count: items.length, filters: Object.keys(filters) } },
      ),
    );
    return {
      body: await pageBody(
        items.map((c) => complaintSummary(c, now)),
        page.lastKey,
        scope,
      ),
    };
  },
);
