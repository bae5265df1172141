import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Complaint, ComplaintEvent, ComplaintType } from '#domain/complaint.js';
import { unitLevelOf } from '#domain/complaint-access.js';
import { clockInstants, type ClockState } from '#domain/complaint-clock.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryAll } from './collections.js';
import * as keys from './keys.js';
import type { TransactItem } from './versioned.js';
import { withoutStorageAttributes } from './versioned.js';

/**
 * What the complaint lists and the managers' views read instead of every case of the canton (docs/data-model.md,
 * patterns 42–45). Each is written in the case's own transaction, from the case as it becomes and the event of the
 * change:
 * - the case item itself sits on GSI2 by status and GSI3 by type (besides GSI1, all the canton's cases);
 * - an **open-case entry** per case not resolved (GSI4, by when its clock is breached, with when it turns at
 *   risk): the clock state changes with time but these two instants do not, so the index stays true without a
 *   write — a state is a key range (breached: before now) and a filter (at risk: from `atRiskAt`);
 * - an **assignee entry** per person or unit a case was ever given (GSI1, newest first);
 * - an **open-activity entry** per activity pending or in progress (GSI4, by due day), for the overdue counts;
 * - **figures**, added when a case is first resolved (per type: count, total time, on time, an hourly
 *   histogram for the median) and rated, spread over a few shards so that no item takes every write.
 */
export const FIGURE_SHARDS = 4;

/** The shard of a case's figures: from the random end of its ULID. */
export const figureShard = (complaintId: string) =>
  complaintId.charCodeAt(complaintId.length - 1) % FIGURE_SHARDS;

/** A person's or a unit's name in the assignee index; a unit's carries its level (its definition). */
export const personAssignee = (userId: string) => `p#${userId}`;
export const unitAssignee = (level: 'canton' | 'national', unitId: string) => `u#${level}#${unitId}`;

/** The GSI attributes the case item carries besides GSI1 (its status and its type). */
export function caseIndexAttributes(c: Complaint) {
  const sort = keys.complaintListSort(c.createdAt, c.complaintId);
  return {
    GSI2PK: keys.complaintsByStatus(c.cantonId, c.status),
    GSI2SK: sort,
    GSI3PK: keys.complaintsByType(c.cantonId, c.type),
    GSI3SK: sort,
  };
}

/** Changes that move the open-case entry (the status, the phase, the deadlines). */
const MOVES_OPEN_ENTRY: ReadonlySet<ComplaintEvent['action']> = new Set([
  'opened',
  'activity-added',
  'resolved',
  'appealed',
]);

const HOUR_MS = 3_600_000;

function openEntryWrite(c: Complaint): TransactItem {
  const key = keys.complaintOpenEntry(c.cantonId, c.complaintId);
  const instants = clockInstants(c);
  if (!instants) return { Delete: { TableName: TABLE_NAME, Key: key } };
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...key,
        entity: 'complaint-open',
        complaintId: c.complaintId,
        status: c.status,
        type: c.type,
        ...(c.assigneeId ? { assigneeId: c.assigneeId } : {}),
        atRiskAt: instants.atRiskAt,
        breachAt: instants.breachAt,
        GSI4PK: keys.complaintsOpen(c.cantonId),
        GSI4SK: keys.complaintOpenSort(instants.breachAt, c.complaintId),
      },
    },
  };
}

function assigneeEntryWrite(c: Complaint, assignee: string): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.complaintAssigneeEntry(c.cantonId, c.complaintId, assignee),
        entity: 'complaint-assignee',
        complaintId: c.complaintId,
        GSI1PK: keys.complaintsOfAssignee(c.cantonId, assignee),
        GSI1SK: keys.complaintListSort(c.createdAt, c.complaintId),
      },
    },
  };
}

function activityEntryWrite(c: Complaint, activity: Complaint['activities'][number]): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.complaintActivityEntry(c.cantonId, c.complaintId, activity.number),
        entity: 'complaint-activity-due',
        complaintId: c.complaintId,
        number: activity.number,
        dueDate: activity.dueDate,
        ...(activity.assigneeId !== undefined ? { assigneeId: activity.assigneeId } : {}),
        ...(activity.unitId !== undefined ? { unitId: activity.unitId } : {}),
        GSI4PK: keys.complaintActivitiesDue(c.cantonId),
        GSI4SK: keys.complaintActivitySort(activity.dueDate, c.complaintId, activity.number),
      },
    },
  };
}

/** The writes that keep the indexes and figures true after a change, for the change's own transaction. */
export function complaintIndexWrites(c: Complaint, event: ComplaintEvent): TransactItem[] {
  const writes: TransactItem[] = [];
  if (MOVES_OPEN_ENTRY.has(event.action)) writes.push(openEntryWrite(c));
  if (event.action === 'opened' && c.assigneeId) {
    writes.push(assigneeEntryWrite(c, personAssignee(c.assigneeId)));
  }
  const number = Number(event.details.number);
  const activity = c.activities.find((a) => a.number === number);
  if (event.action === 'activity-added' && activity) {
    writes.push(
      assigneeEntryWrite(
        c,
        activity.unitId !== undefined
          ? unitAssignee(unitLevelOf(c, activity) === 'national' ? 'national' : 'canton', activity.unitId)
          : personAssignee(activity.assigneeId ?? ''),
      ),
      activityEntryWrite(c, activity),
    );
  }
  if (
    event.action === 'activity-updated' &&
    activity &&
    (activity.status === 'done' || activity.status === 'cancelled')
  ) {
    writes.push({
      Delete: { TableName: TABLE_NAME, Key: keys.complaintActivityEntry(c.cantonId, c.complaintId, number) },
    });
  }
  const first = c.resolutions[0];
  if (event.action === 'resolved' && c.resolutions.length === 1 && first) {
    const elapsed = Math.max(0, Date.parse(first.at) - Date.parse(c.createdAt));
    writes.push({
      Update: {
        TableName: TABLE_NAME,
        Key: keys.complaintFigures(c.cantonId, `RESOLVED#${c.type}`, figureShard(c.complaintId)),
        UpdateExpression:
          'SET entity = :entity, #type = :type ADD resolved :one, totalMs :elapsed, onTime :onTime, #bucket :one',
        ExpressionAttributeNames: { '#type': 'type', '#bucket': `h${Math.round(elapsed / HOUR_MS)}` },
        ExpressionAttributeValues: {
          ':entity': 'complaint-figures',
          ':type': c.type,
          ':one': 1,
          ':elapsed': elapsed,
          ':onTime': first.onTime ? 1 : 0,
        },
      },
    });
  }
  if (event.action === 'rated' && c.satisfaction) {
    writes.push({
      Update: {
        TableName: TABLE_NAME,
        Key: keys.complaintFigures(c.cantonId, 'RATINGS', figureShard(c.complaintId)),
        UpdateExpression: 'SET entity = :entity ADD ratings :one, ratingTotal :rating',
        ExpressionAttributeValues: {
          ':entity': 'complaint-figures',
          ':one': 1,
          ':rating': c.satisfaction.rating,
        },
      },
    });
  }
  return writes;
}

/**
 * Every entry a stored case should have, from the case alone, with its GSI2/GSI3 attributes set on it (guarded by
 * its version): for cases stored before the indexes existed. Idempotent; the figures are not rebuilt (they are
 * added once per resolution, and an old resolution cannot be told from a counted one).
 */
export async function backfillComplaintIndexes(cantonId: string): Promise<number> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.complaintsAll(cantonId) },
  });
  const old = items.filter((i) => i.GSI2PK === undefined);
  for (const item of old) await backfillComplaintIndex(withoutStorageAttributes<Complaint>(item));
  return old.length;
}

async function backfillComplaintIndex(c: Complaint): Promise<void> {
  const attributes = caseIndexAttributes(c);
  const writes: TransactItem[] = [
    {
      Update: {
        TableName: TABLE_NAME,
        Key: keys.complaint(c.cantonId, c.complaintId),
        UpdateExpression: 'SET GSI2PK = :g2pk, GSI2SK = :g2sk, GSI3PK = :g3pk, GSI3SK = :g3sk',
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':g2pk': attributes.GSI2PK,
          ':g2sk': attributes.GSI2SK,
          ':g3pk': attributes.GSI3PK,
          ':g3sk': attributes.GSI3SK,
          ':version': c.version,
        },
      },
    },
    openEntryWrite(c),
    ...(c.assigneeId ? [assigneeEntryWrite(c, personAssignee(c.assigneeId))] : []),
  ];
  const assignees = new Set<string>(c.assigneeId ? [personAssignee(c.assigneeId)] : []);
  for (const a of c.activities) {
    const name =
      a.unitId !== undefined
        ? unitAssignee(unitLevelOf(c, a) === 'national' ? 'national' : 'canton', a.unitId)
        : personAssignee(a.assigneeId ?? '');
    if (!assignees.has(name)) {
      assignees.add(name);
      writes.push(assigneeEntryWrite(c, name));
    }
    if (a.status === 'pending' || a.status === 'in-progress') writes.push(activityEntryWrite(c, a));
  }
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: writes }));
  } catch (error) {
    // Changed meanwhile: that change wrote the case's entries itself.
    if (!(error instanceof TransactionCanceledException)) throw error;
  }
}

// ---- Reading ----

/** The cases with these ids, in this order (BatchGetItem, consistent, 100 at a time; unprocessed keys again). */
export async function complaintsByIds(cantonId: string, ids: readonly string[]): Promise<Complaint[]> {
  const found = new Map<string, Complaint>();
  for (let i = 0; i < ids.length; i += 100) {
    let pending: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => keys.complaint(cantonId, id));
    while (pending.length > 0) {
      const answer = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [TABLE_NAME]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of answer.Responses?.[TABLE_NAME] ?? []) {
        const c = withoutStorageAttributes<Complaint>(item);
        found.set(c.complaintId, c);
      }
      pending = (answer.UnprocessedKeys?.[TABLE_NAME]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return ids.flatMap((id) => {
    const c = found.get(id);
    return c ? [c] : [];
  });
}

export interface ComplaintListQuery {
  readonly cantonId: string;
  readonly status?: Complaint['status'] | undefined;
  readonly type?: ComplaintType | undefined;
  readonly clock?: ClockState | undefined;
  /** An assignee's name in the index (`personAssignee`, `unitAssignee`). */
  readonly assignee?: string | undefined;
  readonly now: Date;
  readonly limit: number;
  readonly startKey?: Record<string, unknown> | undefined;
}

/**
 * One page of the canton's cases, from the index that fits the filters best — an assignee's entries, else the
 * open-case entries for a clock state, else the cases by status, by type, or all — with the other filters applied
 * on the way (a page may then hold fewer than `limit` while more remain: clients follow `nextCursor`). Newest
 * first; by clock state, the soonest breach first. The assignee's and the clock's entries lead to their cases in
 * one BatchGetItem. The caller still applies what the cases say (who may see them, a filter an entry cannot).
 */
export async function listComplaintPage(q: ComplaintListQuery) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  let input: {
    IndexName: string;
    KeyConditionExpression: string;
    ScanIndexForward: boolean;
  };
  let entries = false;
  if (q.assignee) {
    entries = true;
    values[':pk'] = keys.complaintsOfAssignee(q.cantonId, q.assignee);
    input = { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ScanIndexForward: false };
  } else if (q.clock) {
    entries = true;
    values[':pk'] = keys.complaintsOpen(q.cantonId);
    values[':now'] = q.now.toISOString();
    const breached = q.clock === 'breached';
    input = {
      IndexName: 'GSI4',
      // Sort keys are `<breachAt>#<id>`: before `now` is breached; from it on, at risk or on track by `atRiskAt`.
      KeyConditionExpression: breached ? 'GSI4PK = :pk AND GSI4SK < :now' : 'GSI4PK = :pk AND GSI4SK >= :now',
      ScanIndexForward: true,
    };
    if (!breached) filters.push(q.clock === 'at-risk' ? 'atRiskAt <= :now' : 'atRiskAt > :now');
    if (q.status) {
      names['#status'] = 'status';
      values[':status'] = q.status;
      filters.push('#status = :status');
    }
    if (q.type) {
      names['#type'] = 'type';
      values[':type'] = q.type;
      filters.push('#type = :type');
    }
  } else if (q.status) {
    values[':pk'] = keys.complaintsByStatus(q.cantonId, q.status);
    input = { IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ScanIndexForward: false };
    if (q.type) {
      names['#type'] = 'type';
      values[':type'] = q.type;
      filters.push('#type = :type');
    }
  } else if (q.type) {
    values[':pk'] = keys.complaintsByType(q.cantonId, q.type);
    input = { IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk', ScanIndexForward: false };
  } else {
    values[':pk'] = keys.complaintsAll(q.cantonId);
    input = { IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ScanIndexForward: false };
  }
  const page = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      ...input,
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      Limit: q.limit,
      ExclusiveStartKey: q.startKey,
    }),
  );
  const items = page.Items ?? [];
  const complaints = entries
    ? await complaintsByIds(
        q.cantonId,
        items.map((i) => String(i.complaintId)),
      )
    : items.map((i) => withoutStorageAttributes<Complaint>(i));
  return { complaints, lastKey: page.LastEvaluatedKey };
}

/** Every open-case entry of the canton: small items, one per case not resolved. */
export async function openComplaintEntries(cantonId: string) {
  const items = await queryAll({
    IndexName: 'GSI4',
    KeyConditionExpression: 'GSI4PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.complaintsOpen(cantonId) },
  });
  return items.map((i) => ({
    status: String(i.status) as Complaint['status'],
    type: String(i.type) as ComplaintType,
    ...(i.assigneeId ? { assigneeId: String(i.assigneeId) } : {}),
    atRiskAt: String(i.atRiskAt),
    breachAt: String(i.breachAt),
  }));
}

/** The canton's open activities due before `day` (the canton's calendar day): the overdue ones. */
export async function activitiesDueBefore(cantonId: string, day: string) {
  const items = await queryAll({
    IndexName: 'GSI4',
    KeyConditionExpression: 'GSI4PK = :pk AND GSI4SK < :day',
    ExpressionAttributeValues: { ':pk': keys.complaintActivitiesDue(cantonId), ':day': day },
  });
  return items.map((i) => ({
    ...(i.assigneeId !== undefined ? { assigneeId: String(i.assigneeId) } : {}),
    ...(i.unitId !== undefined ? { unitId: String(i.unitId) } : {}),
  }));
}

/** The figures kept so far: per type (count, total time, on time, hourly histogram) and the ratings. */
export async function complaintFigures(cantonId: string) {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.complaintFiguresAll(cantonId) },
  });
  const resolved = items
    .filter((i) => String(i.SK).startsWith('RESOLVED#'))
    .map((i) => ({
      type: String(i.type) as ComplaintType,
      resolved: Number(i.resolved ?? 0),
      totalMs: Number(i.totalMs ?? 0),
      onTime: Number(i.onTime ?? 0),
      hours: Object.fromEntries(
        Object.entries(i).flatMap(([name, n]) =>
          /^h\d+$/.test(name) ? [[Number(name.slice(1)), Number(n)] as const] : [],
        ),
      ) as Record<number, number>,
    }));
  const ratings = items
    .filter((i) => String(i.SK).startsWith('RATINGS#'))
    .reduce<{ ratings: number; total: number }>(
      (sum, i) => ({
        ratings: sum.ratings + Number(i.ratings ?? 0),
        total: sum.total + Number(i.ratingTotal ?? 0),
      }),
      { ratings: 0, total: 0 },
    );
  return { resolved, ratings };
}
