import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Complaint, ComplaintEvent } from '#domain/complaint.js';
import { type AuditRecord, auditItem } from './audit.js';
import type { ItemRead } from './batch-reads.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryAll, readCollection } from './collections.js';
import { caseIndexAttributes, complaintIndexWrites } from './complaints-index.js';
import { complaintClockStart } from '../stepfunctions/workflow-start.js';
import { workflowStartWrite } from './workflow-starts.js';
import * as keys from './keys.js';
import { type TransactItem, versionedPuts, withoutStorageAttributes, writeVersioned } from './versioned.js';

/**
 * The DynamoDB adapter for complaint cases. A case, its event and the audit record of a change are written in one
 * transaction guarded by the case's version; opening a case also writes its reference (unique), the link from the
 * request it came from (at most one case per request) and the count on the provider it names.
 */
function complaintItem(c: Complaint) {
  return {
    ...keys.complaint(c.cantonId, c.complaintId),
    entity: 'complaint',
    ...c,
    GSI1PK: keys.complaintsAll(c.cantonId),
    GSI1SK: keys.complaintListSort(c.createdAt, c.complaintId),
    ...caseIndexAttributes(c),
  };
}

const eventItem = (c: Complaint, e: ComplaintEvent) => ({
  ...keys.eventOf(keys.complaintCollection(c.cantonId, c.complaintId), e.version),
  entity: 'complaint-event',
  ...e,
});

const CHANGED_MEANWHILE = {
  es: 'El caso cambió mientras se procesaba este cambio; vuelva a cargarlo e intente de nuevo',
  en: 'The case changed while this change was being made; reload it and try again',
};

/**
 * A case's clock (workflows/complaint-clock.ts) starts when the case opens, and again when an appeal takes it to
 * the national level with deadlines of its own: through the workflow outbox, in the change's own transaction.
 */
const clockStartWrites = (c: Complaint, event: ComplaintEvent): TransactItem[] =>
  event.action === 'opened' || event.action === 'appealed'
    ? [workflowStartWrite(c.cantonId, complaintClockStart(c), event.at)]
    : [];

/** What opening a case writes besides the case: its reference, the request link and the provider's count. */
function openingWrites(c: Complaint): TransactItem[] {
  const writes: TransactItem[] = [
    {
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...keys.complaintReference(c.cantonId, c.reference),
          entity: 'complaint-reference',
          complaintId: c.complaintId,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
  if (c.requestId) {
    writes.push({
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...keys.complaintOfRequest(c.cantonId, c.requestId),
          entity: 'complaint-of-request',
          complaintId: c.complaintId,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  }
  if (c.organizationId) {
    writes.push({
      Update: {
        TableName: TABLE_NAME,
        Key: keys.providerComplaints(c.cantonId, c.organizationId),
        UpdateExpression:
          'SET entity = :entity, organizationId = :org, GSI1PK = :all, GSI1SK = :org ADD complaints :one',
        ExpressionAttributeValues: {
          ':entity': 'provider-complaints',
          ':org': c.organizationId,
          ':all': keys.providerComplaintsAll(c.cantonId),
          ':one': 1,
        },
      },
    });
  }
  return writes;
}

/**
 * The writes of a new case for another record's transaction (a request classified under the complaint category
 * opens its case in the same transaction as the classification).
 */
export function complaintOpeningWrites(
  complaint: Complaint,
  event: ComplaintEvent,
  audit: AuditRecord,
): TransactItem[] {
  return [
    ...versionedPuts(complaintItem(complaint), eventItem(complaint, event)),
    ...openingWrites(complaint),
    ...complaintIndexWrites(complaint, event),
    ...clockStartWrites(complaint, event),
    { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
  ];
}

/** A change to an existing case (its record guarded by version, and its event) for another record's transaction. */
export function complaintChangeWrites(complaint: Complaint, event: ComplaintEvent): TransactItem[] {
  return [
    ...versionedPuts(complaintItem(complaint), eventItem(complaint, event)),
    ...complaintIndexWrites(complaint, event),
    ...clockStartWrites(complaint, event),
  ];
}

/** Writes a new case (version 1) with its opening writes, its event and its audit record, as saveComplaint does. */
export async function saveNewComplaint(
  complaint: Complaint,
  event: ComplaintEvent,
  audit: AuditRecord,
  /** What else opening it writes (its complainant's file entry, app/complaints/complainant-file.ts). */
  alsoWrite: readonly TransactItem[] = [],
) {
  await save(complaint, event, audit, [...openingWrites(complaint), ...alsoWrite]);
}

/**
 * Writes a change to a case, with its event, its audit record and what keeps the lists' indexes and the managers'
 * figures true (adapters/dynamodb/complaints-index.ts). A new case is written by saveNewComplaint: the functions
 * that change cases then carry none of what opening one writes.
 */
export async function saveComplaint(complaint: Complaint, event: ComplaintEvent, audit?: AuditRecord) {
  await save(complaint, event, audit, []);
}

async function save(
  complaint: Complaint,
  event: ComplaintEvent,
  audit: AuditRecord | undefined,
  opening: readonly TransactItem[],
) {
  await writeVersioned({
    item: complaintItem(complaint),
    event: eventItem(complaint, event),
    ...(audit ? { audit } : {}),
    alsoWrite: [...opening, ...complaintIndexWrites(complaint, event), ...clockStartWrites(complaint, event)],
    conflictText: CHANGED_MEANWHILE,
  });
}

export async function findComplaint(cantonId: string, complaintId: string): Promise<Complaint | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.complaint(cantonId, complaintId),
      ConsistentRead: true,
    }),
  );
  return Item ? withoutStorageAttributes<Complaint>(Item) : undefined;
}

/** The case as a read that joins an operation's batch (batch-reads.ts). */
export const complaintRead = (cantonId: string, complaintId: string): ItemRead<Complaint> => ({
  key: keys.complaint(cantonId, complaintId),
  decode: (item) => withoutStorageAttributes<Complaint>(item),
});

/** The id of the case opened from a request, as a read that joins an operation's batch. */
export const complaintIdOfRequestRead = (cantonId: string, requestId: string): ItemRead<string> => ({
  key: keys.complaintOfRequest(cantonId, requestId),
  decode: (item) => String(item.complaintId),
});

export async function findComplaintWithHistory(cantonId: string, complaintId: string) {
  const found = await readCollection<Complaint, ComplaintEvent>(
    keys.complaintCollection(cantonId, complaintId),
    'COMPLAINT',
  );
  return found ? { complaint: found.record, history: found.history } : undefined;
}

export async function findComplaintIdByReference(cantonId: string, reference: string) {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.complaintReference(cantonId, reference) }),
  );
  return Item ? String(Item.complaintId) : undefined;
}

export async function findComplaintIdOfRequest(cantonId: string, requestId: string) {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.complaintOfRequest(cantonId, requestId),
      ConsistentRead: true,
    }),
  );
  return Item ? String(Item.complaintId) : undefined;
}

/**
 * Every case of the canton, newest first, one Query over the canton's index partition followed to its end: for the
 * local clock's resume at start-up and the citizen's file. The lists and the managers' views read the indexes
 * instead (complaints-index.ts).
 */
export async function allComplaints(cantonId: string): Promise<Complaint[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.complaintsAll(cantonId) },
  });
  return items.map((i) => withoutStorageAttributes<Complaint>(i)).reverse();
}

/** How many complaints name each provider of the canton. */
export async function providerComplaintCounts(cantonId: string) {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.providerComplaintsAll(cantonId) },
  });
  return items.map((i) => ({ organizationId: String(i.organizationId), complaints: Number(i.complaints) }));
}

/** A clock's wait, as its await step leaves it for whoever answers the case: the token, with its level and phase. */
export interface ClockToken {
  readonly level: Complaint['level'];
  readonly phase: 'acknowledge' | 'resolve';
  readonly taskToken: string;
}

/** Kept apart from the case: the case's view and events never carry a token (it would let a reader answer it). */
export async function saveClockToken(cantonId: string, complaintId: string, token: ClockToken) {
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.complaintClockToken(cantonId, complaintId), entity: 'complaint-clock-token', ...token },
    }),
  );
}

/**
 * The clock's task token of the wait it is in, as a read that joins the batch of the case it answers: read with the
 * case, before the change is written (a token that the clock replaces meanwhile answers nothing: the next wait
 * reads the case and answers itself).
 */
export const clockTokenRead = (cantonId: string, complaintId: string): ItemRead<ClockToken> => ({
  key: keys.complaintClockToken(cantonId, complaintId),
  decode: (item) => ({
    level: item.level as ClockToken['level'],
    phase: item.phase as ClockToken['phase'],
    taskToken: String(item.taskToken),
  }),
});
