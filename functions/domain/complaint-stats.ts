import { type Complaint, COMPLAINT_TYPES, type ComplaintType } from './complaint.js';
import { complaintClock } from './complaint-clock.js';
import { localDate } from './deadlines.js';

/**
 * What managers watch, from the stored cases: open cases by status, type, clock state and assignee; each
 * assignee's overdue activities; per type, how long resolution took (from opening to the first decision, in
 * elapsed days) and the share resolved by the deadline; the satisfaction ratings.
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

export function complaintStatistics(complaints: readonly Complaint[], now: Date, timeZone: string) {
  const open = {
    total: 0,
    byStatus: {} as Record<string, number>,
    byType: {} as Record<string, number>,
    byClock: {} as Record<string, number>,
    byAssignee: {} as Record<string, number>,
  };
  const overdue: Record<string, number> = {};
  const durations = new Map<ComplaintType, { days: number[]; onTime: number }>();
  const ratings: number[] = [];
  for (const c of complaints) {
    if (c.satisfaction) ratings.push(c.satisfaction.rating);
    for (const a of c.activities) {
      if (activityOverdue(a, now, timeZone)) count(overdue, assigneeKey(a));
    }
    const first = c.resolutions[0];
    if (first) {
      const entry = durations.get(c.type) ?? { days: [], onTime: 0 };
      entry.days.push((Date.parse(first.at) - Date.parse(c.createdAt)) / DAY_MS);
      if (first.onTime) entry.onTime++;
      durations.set(c.type, entry);
    }
    if (c.status === 'resolved') continue;
    open.total++;
    count(open.byStatus, c.status);
    count(open.byType, c.type);
    count(open.byClock, complaintClock(c, now).state);
    count(open.byAssignee, c.assigneeId ?? 'unassigned');
  }
  return {
    open,
    overdueActivities: overdueByAssignee(overdue),
    resolution: COMPLAINT_TYPES.flatMap((type) => {
      const entry = durations.get(type);
      if (!entry) return [];
      const total = entry.days.reduce((sum, d) => sum + d, 0);
      return [
        {
          type,
          resolved: entry.days.length,
          averageDays: round(total / entry.days.length),
          medianDays: round(median(entry.days)),
          onTimeShare: round(entry.onTime / entry.days.length),
        },
      ];
    }),
    satisfaction: {
      ratings: ratings.length,
      ...(ratings.length > 0 ? { average: round(ratings.reduce((s, r) => s + r, 0) / ratings.length) } : {}),
    },
  };
}
