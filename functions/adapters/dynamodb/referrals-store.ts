import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Referral, ReferralEvent } from '#domain/referral.js';
import type { MessageLog } from '#domain/referral-channels.js';
import type { Phase } from '#domain/referral-schedule.js';
import type { AuditRecord } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryAll, queryPage, readCollection } from './collections.js';
import * as keys from './keys.js';
import type { ItemRead } from './batch-reads.js';
import { dueAt } from '#domain/referral-deadline.js';
import {
  type AccompanyingWrite,
  type NamedWrite,
  type TransactItem,
  tryWriteVersioned,
  type VersionedResult,
  versionedPuts,
  withoutStorageAttributes,
  writeVersioned,
} from './versioned.js';

/**
 * The DynamoDB adapter for referrals. A referral is an item collection: the record, its numbered events, and the
 * task token of the wait its workflow is in (a separate item, so the token never travels with the referral and a
 * referral write never loses it). GSI1 lists a request's referrals, GSI2 a provider's inbox by status, GSI3 the
 * canton's open referrals by current deadline (terminal referrals drop out of it).
 */

function referralItem(r: Referral) {
  const sort = `${r.createdAt}#${r.referralId}`;
  const deadline = dueAt(r);
  return {
    ...keys.referral(r.cantonId, r.referralId),
    entity: 'referral',
    ...r,
    // A national referral of an escalated request is listed with the canton's request it serves.
    GSI1PK: keys.referralsOfRequest(r.requestCantonId ?? r.cantonId, r.requestId),
    GSI1SK: sort,
    GSI2PK: keys.providerInbox(r.service.cantonId, r.service.organizationId),
    GSI2SK: `${r.status}#${sort}`,
    ...(deadline ? { GSI3PK: keys.openReferrals(r.cantonId), GSI3SK: `${deadline}#${r.referralId}` } : {}),
  };
}

const eventItem = (r: Referral, e: ReferralEvent) => ({
  ...keys.eventOf(keys.referralCollection(r.cantonId, r.referralId), e.version),
  entity: 'referral-event',
  ...e,
});

const CHANGED_MEANWHILE = {
  es: 'La derivación cambió mientras se procesaba este cambio; vuelva a cargarla e intente de nuevo',
  en: 'The referral changed while this change was being made; reload it and try again',
};

/**
 * Saves a new referral (version 1) or a change to one (guarded by its version), with its event, audit record and
 * accompanying writes (the spot, the request), all or nothing. A referral changed meanwhile is a 409; otherwise
 * says which named accompanying write failed its condition, so the caller can tell a full
 * service from a request that changed.
 */
export function saveReferral(
  referral: Referral,
  event: ReferralEvent,
  audit: AuditRecord,
  alsoWrite: readonly AccompanyingWrite[] = [],
): Promise<VersionedResult> {
  return tryWriteVersioned({
    item: referralItem(referral),
    event: eventItem(referral, event),
    audit,
    alsoWrite,
    conflictText: CHANGED_MEANWHILE,
  });
}

/**
 * The two writes of another referral (new, or changed with its version guard) and its event, for the transaction
 * of a change that involves two referrals: a re-route cancels one and creates the next together.
 */
export const referralPuts = (referral: Referral, event: ReferralEvent): TransactItem[] =>
  versionedPuts(referralItem(referral), eventItem(referral, event));

/** Saves a change the workflow makes (a timer fired), with its event; no audit record: no person acted. */
export async function saveWorkflowChange(referral: Referral, event: ReferralEvent) {
  await writeVersioned({
    item: referralItem(referral),
    event: eventItem(referral, event),
    conflictText: CHANGED_MEANWHILE,
  });
}

export async function findReferral(cantonId: string, referralId: string): Promise<Referral | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.referral(cantonId, referralId), ConsistentRead: true }),
  );
  return Item ? withoutStorageAttributes<Referral>(Item) : undefined;
}

/** The referral as a read that joins an operation's batch (batch-reads.ts). */
export const referralRead = (cantonId: string, referralId: string): ItemRead<Referral> => ({
  key: keys.referral(cantonId, referralId),
  decode: (item) => withoutStorageAttributes<Referral>(item),
});

export const findReferralWithHistory = (cantonId: string, referralId: string) =>
  readCollection<Referral, ReferralEvent>(keys.referralCollection(cantonId, referralId), 'REFERRAL');

/**
 * The referral, its history and its workflow's task token, which sits in the referral's item collection: what a
 * move needs to start from (app/referrals/transition.ts), read with the history a page shows in one Query.
 */
export async function findReferralToMove(cantonId: string, referralId: string) {
  const found = await findReferralWithHistory(cantonId, referralId);
  if (!found) return undefined;
  const token = found.rest.get(tokenKey(cantonId, referralId).SK);
  return {
    record: found.record,
    history: found.history,
    token: token ? taskTokenRead(cantonId, referralId).decode(token) : undefined,
  };
}

/** The key condition of a query on one of the referral indexes: its partition, and a sort key range if any. */
function indexRange(index: string, partition: string, range: { sortPrefix?: string; before?: string } = {}) {
  const { sortPrefix, before } = range;
  return {
    IndexName: index,
    KeyConditionExpression: `${index}PK = :pk${sortPrefix ? ` AND begins_with(${index}SK, :prefix)` : ''}${
      before ? ` AND ${index}SK < :before` : ''
    }`,
    ExpressionAttributeValues: {
      ':pk': partition,
      ...(sortPrefix ? { ':prefix': sortPrefix } : {}),
      ...(before ? { ':before': before } : {}),
    },
  };
}

const referrals = async (index: string, partition: string) =>
  (await queryAll(indexRange(index, partition))).map((i) => withoutStorageAttributes<Referral>(i));

export const referralsOfRequest = (cantonId: string, requestId: string) =>
  referrals('GSI1', keys.referralsOfRequest(cantonId, requestId));

/** Every open referral of a canton (the local runtime resumes their workflows after a restart). */
export const openReferrals = (cantonId: string) => referrals('GSI3', keys.openReferrals(cantonId));

/** Where a list page starts and how long it is. */
export interface PageRequest {
  readonly limit: number;
  readonly startKey?: Record<string, unknown> | undefined;
}

async function referralPage(
  index: string,
  partition: string,
  page: PageRequest,
  range: { sortPrefix?: string; before?: string } = {},
) {
  const found = await queryPage({
    ...indexRange(index, partition, range),
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  return {
    referrals: found.items.map((i) => withoutStorageAttributes<Referral>(i)),
    lastKey: found.lastKey,
  };
}

/** A page of a request's referrals, oldest first. */
export const referralsOfRequestPage = (cantonId: string, requestId: string, page: PageRequest) =>
  referralPage('GSI1', keys.referralsOfRequest(cantonId, requestId), page);

/** A page of a provider's inbox, by status then oldest first. */
export const providerInboxPage = (
  cantonId: string,
  organizationId: string,
  status: string | undefined,
  page: PageRequest,
) =>
  referralPage('GSI2', keys.providerInbox(cantonId, organizationId), page, {
    ...(status ? { sortPrefix: `${status}#` } : {}),
  });

/** A page of the overdue referrals, most overdue first. */
export const overdueReferralsPage = (cantonId: string, now: string, page: PageRequest) =>
  referralPage('GSI3', keys.openReferrals(cantonId), page, { before: now });

// ---- the one active referral of a request to a service ----

/** Which request is referred to which service: the referral's canton, the request's canton and id, the service. */
export interface ReferralSubject {
  readonly cantonId: string;
  readonly requestCantonId: string;
  readonly requestId: string;
  readonly serviceId: string;
}

const subjectOf = (r: Referral): ReferralSubject => ({
  cantonId: r.cantonId,
  requestCantonId: r.requestCantonId ?? r.cantonId,
  requestId: r.requestId,
  serviceId: r.service.serviceId,
});

const activeKey = (s: ReferralSubject) =>
  keys.activeReferral(s.cantonId, s.requestCantonId, s.requestId, s.serviceId);

/**
 * Written in the transaction that makes a referral: it fails when the request already has an active referral to
 * the service, even one made by a concurrent call an instant before.
 */
export const activeReferralClaim = (r: Referral): NamedWrite => ({
  name: 'claim',
  write: {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...activeKey(subjectOf(r)),
        entity: 'active-referral',
        referralId: r.referralId,
        reference: r.reference,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  },
});

/**
 * Written in the transaction that ends the referral, so the request can be referred to the service again.
 * Referrals made before the claim existed have none, which the condition allows.
 */
export const activeReferralRelease = (r: Referral): TransactItem => ({
  Delete: {
    TableName: TABLE_NAME,
    Key: activeKey(subjectOf(r)),
    ConditionExpression: 'attribute_not_exists(PK) OR referralId = :referralId',
    ExpressionAttributeValues: { ':referralId': r.referralId },
  },
});

const toActive = (item: Record<string, unknown>) => ({
  referralId: String(item.referralId),
  reference: String(item.reference),
});

/** The active referral of a request to a service, as a read that joins an operation's batch. */
export const activeReferralRead = (
  subject: ReferralSubject,
): ItemRead<{ referralId: string; reference: string }> => ({
  key: activeKey(subject),
  decode: toActive,
});

/** The active referral of a request to a service, if there is one. */
export async function findActiveReferral(
  subject: ReferralSubject,
): Promise<{ referralId: string; reference: string } | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: activeKey(subject), ConsistentRead: true }),
  );
  return Item ? toActive(Item) : undefined;
}

// ---- the task token of the wait a referral's workflow is in ----

const tokenKey = (cantonId: string, referralId: string) => ({
  PK: keys.referralCollection(cantonId, referralId),
  SK: 'TASK-TOKEN',
});

/**
 * Notes that the first notice went out. Not a new version: it is the workflow's bookkeeping, and a version would
 * make a contact officer acting in the same second get a 409 for a change they never saw. A concurrent versioned
 * write from an earlier read may drop it; the only cost is that a resumed workflow resends the first notice of a
 * referral still waiting for acknowledgement.
 */
/**
 * The first notice went out: when, and what it sent whom (the referral's message log, domain/referral-channels.ts),
 * in the one write the step makes.
 */
export async function markNotified(
  cantonId: string,
  referralId: string,
  at: string,
  messageLog?: MessageLog,
) {
  await dynamo.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: keys.referral(cantonId, referralId),
      UpdateExpression: `SET #notifiedAt = if_not_exists(#notifiedAt, :at)${messageLog ? ', #log = :log' : ''}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: {
        '#notifiedAt': 'notifiedAt',
        ...(messageLog ? { '#log': 'messageLog' } : {}),
      },
      ExpressionAttributeValues: { ':at': at, ...(messageLog ? { ':log': messageLog } : {}) },
    }),
  );
}

/** Keeps the referral's message log after a step that writes nothing else sent an SMS (a late answer). */
export async function saveMessageLog(cantonId: string, referralId: string, messageLog: MessageLog) {
  await dynamo.send(
    new UpdateCommand({
      TableName: TABLE_NAME,
      Key: keys.referral(cantonId, referralId),
      UpdateExpression: 'SET #log = :log',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#log': 'messageLog' },
      ExpressionAttributeValues: { ':log': messageLog },
    }),
  );
}

export async function saveTaskToken(cantonId: string, referralId: string, phase: Phase, taskToken: string) {
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...tokenKey(cantonId, referralId), entity: 'task-token', phase, taskToken },
    }),
  );
}

export interface TaskToken {
  readonly phase: Phase;
  readonly taskToken: string;
}

/** The task token of the wait the referral's workflow is in, as a read that joins an operation's batch. */
export const taskTokenRead = (cantonId: string, referralId: string): ItemRead<TaskToken> => ({
  key: tokenKey(cantonId, referralId),
  decode: (item) => ({ phase: item.phase as Phase, taskToken: item.taskToken as string }),
});

/**
 * Checked in the transaction of a referral's move that read the task token before writing: the token is still
 * the one read (or still absent). The workflow saves a token, then reads the referral to see whether its wait
 * was already answered; a move that read no token, or another one, and wrote after that save would otherwise
 * answer nobody. With this check such a move fails, reads both again and answers the new token — and a move
 * written before the save is seen by the workflow's read. Named `token`.
 */
export function taskTokenUnchanged(
  cantonId: string,
  referralId: string,
  read: TaskToken | undefined,
): NamedWrite {
  return {
    name: 'token',
    write: {
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: tokenKey(cantonId, referralId),
        ...(read
          ? {
              ConditionExpression: '#taskToken = :taskToken',
              ExpressionAttributeNames: { '#taskToken': 'taskToken' },
              ExpressionAttributeValues: { ':taskToken': read.taskToken },
            }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      },
    },
  };
}

export async function findTaskToken(
  cantonId: string,
  referralId: string,
): Promise<{ phase: Phase; taskToken: string } | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: tokenKey(cantonId, referralId), ConsistentRead: true }),
  );
  return Item ? { phase: Item.phase as Phase, taskToken: Item.taskToken as string } : undefined;
}
