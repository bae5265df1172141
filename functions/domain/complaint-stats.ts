import { type Complaint, COMPLAINT_TYPES, type ComplaintType } from './complaint.js';
import { stateAt } from './complaint-clock.js';
import { localDate } from './deadlines.js';

/**
 * What managers watch: open cases by status, type, clock state and assignee; each assignee's (person's or unit's)
 * overdue activities; per type, how long resolution took (from opening to the first decision, in elapsed days)
 * and the share resolved by the deadline; the satisfaction ratings.
 */
const DAY_MS = 86_400_000;

const count = (into: Record<string, number>, key: string) => {
  into[key] = (into[key] ?? 0) + 1;
};

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Still open after its due date, in the canton's calendar. */
export function activityOverdue(
  activity: { status: string; dueDate: string },
  now: Date,
  timeZone: string,
): boolean {
  return (
    (activity.status === 'pending' || activity.status === 'in-progress') &&
    activity.dueDate < localDate(now, timeZone)
  );
}

/** A person's or a unit's key in the counts: `p:<staff id>` or `u:<unit id>`. */
export const assigneeKey = (a: { assigneeId?: string; unitId?: string }) =>
  a.assigneeId !== undefined ? `p:${a.assigneeId}` : `u:${a.unitId ?? ''}`;

/** The overdue counts by assignee key, most overdue first, as the API shows them (a person or a unit). */
export function overdueByAssignee(counts: Readonly<Record<string, number>>) {
  return Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([key, overdue]) =>
      key.startsWith('u:') ? { unitId: key.slice(2), overdue } : { assigneeId: key.slice(2), overdue },
    );
}

/** A case not resolved, as the open-case index holds it (adapters/dynamodb/complaints-index.ts). */
export interface OpenCaseFigures {
  readonly status: Complaint['status'];
  readonly type: ComplaintType;
  readonly assigneeId?: string;
  readonly atRiskAt: string;
  readonly breachAt: string;
}

/** What is kept, per type, when a case is first resolved; summed over the shards. */
export interface ResolutionFigures {
  readonly type: ComplaintType;
  readonly resolved: number;
  readonly totalMs: number;
  readonly onTime: number;
  /** How many took each number of hours (rounded) from opening to the first decision. */
  readonly hours: Readonly<Record<number, number>>;
}

/** The median of a histogram of whole hours, in hours: the middle value, or the mean of the two middle ones. */
export function histogramMedian(hours: Readonly<Record<number, number>>): number {
  const buckets = Object.entries(hours)
    .map(([h, n]) => [Number(h), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return 0;
  const at = (index: number) => {
    let seen = 0;
    for (const [h, n] of buckets) {
      seen += n;
      if (index < seen) return h;
    }
    return buckets.at(-1)?.[0] ?? 0;
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * What managers watch, from stored figures rather than from every case: the open cases (one small index entry
 * each: status, type, owner and the clock's instants, read against `now`), the open activities due before today
 * (per person or unit), and per type the figures added when each case was first resolved. The average is exact;
 * the median is to the hour (a histogram of whole hours).
 */
export function complaintStatistics(input: {
  readonly open: readonly OpenCaseFigures[];
  readonly overdue: readonly { assigneeId?: string; unitId?: string }[];
  readonly resolved: readonly ResolutionFigures[];
  readonly ratings: { readonly ratings: number; readonly total: number };
  readonly now: Date;
}) {
  const open = {
    total: 0,
    byStatus: {} as Record<string, number>,
    byType: {} as Record<string, number>,
    byClock: {} as Record<string, number>,
    byAssignee: {} as Record<string, number>,
  };
  for (const c of input.open) {
    open.total++;
    count(open.byStatus, c.status);
    count(open.byType, c.type);
    count(open.byClock, stateAt(c, input.now));
    count(open.byAssignee, c.assigneeId ?? 'unassigned');
  }
  const overdue: Record<string, number> = {};
  for (const a of input.overdue) count(overdue, assigneeKey(a));
  const byType = new Map<ComplaintType, ResolutionFigures>();
  for (const f of input.resolved) {
    const sum = byType.get(f.type);
    if (!sum) {
      byType.set(f.type, { ...f, hours: { ...f.hours } });
      continue;
    }
    const hours: Record<number, number> = { ...sum.hours };
    for (const [h, n] of Object.entries(f.hours)) hours[Number(h)] = (hours[Number(h)] ?? 0) + n;
    byType.set(f.type, {
      type: f.type,
      resolved: sum.resolved + f.resolved,
      totalMs: sum.totalMs + f.totalMs,
      onTime: sum.onTime + f.onTime,
      hours,
    });
  }
  const { ratings, total } = input.ratings;
  return {
    open,
    overdueActivities: overdueByAssignee(overdue),
    resolution: COMPLAINT_TYPES.flatMap((type) => {
      const f = byType.get(type);
      if (!f || f.resolved === 0) return [];
      return [
        {
          type,
          resolved: f.resolved,
          averageDays: round(f.totalMs / f.resolved / DAY_MS),
          medianDays: round(histogramMedian(f.hours) / 24),
          onTimeShare: round(f.onTime / f.resolved),
        },
      ];
    }),
    satisfaction: {
      ratings,
      ...(ratings > 0 ? { average: round(total / ratings) } : {}),
    },
  };
}
