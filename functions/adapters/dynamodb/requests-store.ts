import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { IndexName } from '../../../lib/table.js';
import type { CitizenRequest, RequestEvent } from '#domain/request.js';
import type { AuditRecord } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryPage, readCollection } from './collections.js';
import * as keys from './keys.js';
import type { ItemRead } from './batch-reads.js';
import {
  type AccompanyingWrite,
  versionedPuts,
  withoutStorageAttributes,
  writeVersioned,
} from './versioned.js';

/**
 * The DynamoDB adapter for requests. A request, its events and the audit record of a change are written in one
 * transaction, guarded by the request's version, so history and audit can never disagree with the request.
 */
function requestItem(r: CitizenRequest) {
  const sort = keys.requestListSort(r.createdAt, r.requestId);
  return {
    ...keys.request(r.cantonId, r.requestId),
    entity: 'request',
    ...r,
    GSI1PK: keys.requestsAll(r.cantonId),
    GSI1SK: sort,
    GSI2PK: keys.requestsByStatus(r.cantonId, r.status),
    GSI2SK: sort,
    ...(r.classification
      ? { GSI3PK: keys.requestsByCategory(r.cantonId, r.classification.category), GSI3SK: sort }
      : {}),
    ...(r.assignedOfficer
      ? { GSI4PK: keys.requestsByOfficer(r.cantonId, r.assignedOfficer), GSI4SK: sort }
      : {}),
  };
}

function toRequest(item: Record<string, unknown>): CitizenRequest {
  return withoutStorageAttributes<CitizenRequest>(item);
}

const eventItem = (r: CitizenRequest, e: RequestEvent) => ({
  ...keys.requestEvent(r.cantonId, r.requestId, e.version),
  entity: 'request-event',
  ...e,
});

const CHANGED_MEANWHILE = {
  es: 'La solicitud cambió mientras se procesaba este cambio; vuelva a cargarla e intente de nuevo',
  en: 'The request changed while this change was being made; reload it and try again',
};

/**
 * The writes of a request change for another record's transaction (a referral made or completed changes its
 * request too): the request guarded by its previous version, and the event.
 */
export function requestChangeWrites(request: CitizenRequest, event: RequestEvent) {
  return versionedPuts(requestItem(request), eventItem(request, event));
}

/** Writes a new request (version 1) or a change to one, with its event, audit record and any linked writes. */
export async function saveRequest(
  request: CitizenRequest,
  event: RequestEvent,
  audit: AuditRecord,
  alsoWrite: readonly (AccompanyingWrite | Record<string, unknown>)[] = [],
) {
  await writeVersioned({
    item: requestItem(request),
    event: eventItem(request, event),
    audit,
    alsoWrite: alsoWrite as never,
    conflictText: CHANGED_MEANWHILE,
  });
}

export interface EscalationLink {
  readonly originCantonId: string;
  readonly requestId: string;
  readonly reference: string;
  readonly classification?: { category: string; subcategory: string };
  readonly urgency: string;
  readonly at: string;
  readonly by: string;
  readonly reason: string;
}

/** The national inbox entry of an escalated request: codes and ids, never the citizen. */
export function escalationLinkWrite(link: EscalationLink) {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.escalation(link.originCantonId, link.requestId),
        entity: 'escalation',
        ...link,
        GSI1PK: keys.escalationsAll(),
        GSI1SK: `${link.at}#${link.originCantonId}#${link.requestId}`,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function findEscalation(originCantonId: string, requestId: string) {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.escalation(originCantonId, requestId),
      ConsistentRead: true,
    }),
  );
  return Item ? withoutStorageAttributes<EscalationLink>(Item) : undefined;
}

/** A page of the national inbox of escalations, newest first. */
export async function listEscalations(page: {
  limit: number;
  startKey?: Record<string, unknown> | undefined;
}) {
  const found = await queryPage({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.escalationsAll() },
    ScanIndexForward: false,
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  return {
    escalations: found.items.map((i) => withoutStorageAttributes<EscalationLink>(i)),
    lastKey: found.lastKey,
  };
}

export async function findRequest(cantonId: string, requestId: string): Promise<CitizenRequest | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.request(cantonId, requestId), ConsistentRead: true }),
  );
  return Item ? toRequest(Item) : undefined;
}

/** The request as a read that joins an operation's batch (batch-reads.ts). */
export const requestRead = (cantonId: string, requestId: string): ItemRead<CitizenRequest> => ({
  key: keys.request(cantonId, requestId),
  decode: toRequest,
});

/** The request and its whole history in one Query over the request's item collection. */
export async function findRequestWithHistory(cantonId: string, requestId: string) {
  const found = await readCollection<CitizenRequest, RequestEvent>(
    keys.requestCollection(cantonId, requestId),
    'REQUEST',
  );
  return found ? { request: found.record, history: found.history } : undefined;
}

export interface RequestListQuery {
  readonly cantonId: string;
  readonly status?: string;
  readonly category?: string;
  readonly assignedOfficer?: string;
  /** Inclusive bounds on createdAt, as ISO strings. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly startKey?: Record<string, unknown>;
}

/**
 * Picks the most selective index for the filters given (officer, then status, then category, else all of the
 * canton) and applies the other filters on the way out. A page can therefore hold fewer than `limit` items while
 * more remain: clients follow `nextCursor` until it is absent.
 */
export function planRequestList(q: RequestListQuery) {
  const candidates: [IndexName, string, string][] = [];
  if (q.assignedOfficer)
    candidates.push(['GSI4', 'assignedOfficer', keys.requestsByOfficer(q.cantonId, q.assignedOfficer)]);
  if (q.status) candidates.push(['GSI2', 'status', keys.requestsByStatus(q.cantonId, q.status)]);
  if (q.category) candidates.push(['GSI3', 'category', keys.requestsByCategory(q.cantonId, q.category)]);
  const [index, usedFilter, partition] = candidates[0] ?? ['GSI1', 'none', keys.requestsAll(q.cantonId)];

  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': partition };
  let keyCondition = `${index}PK = :pk`;
  if (q.from || q.to) {
    // Sort keys are `<createdAt>#<id>`: '~' sorts after every character of an id, so `to` is inclusive.
    values[':from'] = q.from ?? '0000';
    values[':to'] = `${q.to ?? '9999'}~`;
    keyCondition += ` AND ${index}SK BETWEEN :from AND :to`;
  }
  const filters: string[] = [];
  if (q.status && usedFilter !== 'status') {
    names['#status'] = 'status';
    values[':status'] = q.status;
    filters.push('#status = :status');
  }
  if (q.category && usedFilter !== 'category') {
    names['#classification'] = 'classification';
    names['#category'] = 'category';
    values[':category'] = q.category;
    filters.push('#classification.#category = :category');
  }
  return { index, keyCondition, names, values, filter: filters.join(' AND ') || undefined };
}

export async function listRequests(q: RequestListQuery) {
  const plan = planRequestList(q);
  const page = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      IndexName: plan.index,
      KeyConditionExpression: plan.keyCondition,
      FilterExpression: plan.filter,
      ExpressionAttributeNames: Object.keys(plan.names).length > 0 ? plan.names : undefined,
      ExpressionAttributeValues: plan.values,
      ScanIndexForward: false,
      Limit: q.limit,
      ExclusiveStartKey: q.startKey,
    }),
  );
  return {
    index: plan.index,
    requests: (page.Items ?? []).map(toRequest),
    lastKey: page.LastEvaluatedKey,
  };
}
