import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { conflict } from '#kernel/errors.js';
import type { CatalogueEvent, Organization, Service } from '#domain/catalogue.js';
import { type AuditRecord, auditItem } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryAll, queryPage, readCollection } from './collections.js';
import * as keys from './keys.js';
import type { ItemRead } from './batch-reads.js';
import {
  type NamedWrite,
  type TransactItem,
  versionedPuts,
  withoutStorageAttributes,
  writeVersioned,
} from './versioned.js';

/**
 * The DynamoDB adapter for the catalogue. Each organization and service is an item collection (the record and its
 * events); GSI1 lists a canton's organizations or services. A canton's catalogue is hundreds of items at most, so
 * search reads the canton's (and the national) services with one Query each and filters them in memory.
 */
const organizationItem = (o: Organization) => ({
  ...keys.organization(o.cantonId, o.id),
  entity: 'organization',
  ...o,
  GSI1PK: keys.organizationsAll(o.cantonId),
  GSI1SK: o.id,
});

const serviceItem = (s: Service) => ({
  ...keys.service(s.cantonId, s.id),
  entity: 'service',
  ...s,
  GSI1PK: keys.servicesAll(s.cantonId),
  GSI1SK: s.id,
});

const eventItem = (collection: string, entity: string, event: CatalogueEvent) => ({
  ...keys.eventOf(collection, event.version),
  entity: `${entity}-event`,
  ...event,
});

const CHANGED_MEANWHILE = {
  es: 'El registro cambió mientras se procesaba este cambio; vuelva a cargarlo e intente de nuevo',
  en: 'The record changed while this change was being made; reload it and try again',
};

/** `alsoWrite`: writes that must happen with the change (the seed ledger's entry for a seeded record). */
export async function saveOrganization(
  record: Organization,
  event: CatalogueEvent,
  audit: AuditRecord,
  alsoWrite?: readonly TransactItem[],
) {
  await writeVersioned({
    item: organizationItem(record),
    event: eventItem(keys.organizationCollection(record.cantonId, record.id), 'organization', event),
    audit,
    conflictText: CHANGED_MEANWHILE,
    ...(alsoWrite ? { alsoWrite } : {}),
  });
}

/**
 * Saves a service version. `spotsRead` is the number of available spots the change was based on: referrals reserve
 * and release spots without making a new version, so the write also checks that nobody took or freed one since —
 * otherwise a catalogue edit could silently undo a reservation.
 */
export async function saveService(
  record: Service,
  event: CatalogueEvent,
  audit: AuditRecord,
  spotsRead?: number,
  alsoWrite?: readonly TransactItem[],
) {
  await writeVersioned({
    item: serviceItem(record),
    event: eventItem(keys.serviceCollection(record.cantonId, record.id), 'service', event),
    audit,
    conflictText: CHANGED_MEANWHILE,
    ...(alsoWrite ? { alsoWrite } : {}),
    ...(spotsRead !== undefined
      ? {
          guard: {
            expression: '#capacity.#available = :spotsRead',
            names: { '#capacity': 'capacity', '#available': 'available' },
            values: { ':spotsRead': spotsRead },
          },
        }
      : {}),
  });
}

/**
 * Writes several catalogue versions in one transaction, all or none (an import within a call): each record with
 * its event and audit record, guarded like saveOrganization and saveService. At most MAX_TOGETHER records, since a
 * transaction takes 100 items. A record changed meanwhile is a 409, and then nothing is written.
 */
export const MAX_TOGETHER = 33;

export async function saveCatalogueTogether(
  writes: readonly (
    | { kind: 'organization'; record: Organization; event: CatalogueEvent; audit: AuditRecord }
    | {
        kind: 'service';
        record: Service;
        event: CatalogueEvent;
        audit: AuditRecord;
        spotsRead?: number | undefined;
      }
  )[],
) {
  if (writes.length > MAX_TOGETHER) throw new Error(`At most ${MAX_TOGETHER} records go in one transaction`);
  if (writes.length === 0) return;
  const items = writes.flatMap((w) => {
    const collection =
      w.kind === 'organization'
        ? keys.organizationCollection(w.record.cantonId, w.record.id)
        : keys.serviceCollection(w.record.cantonId, w.record.id);
    const item = w.kind === 'organization' ? organizationItem(w.record) : serviceItem(w.record);
    const guard =
      w.kind === 'service' && w.spotsRead !== undefined
        ? {
            expression: '#capacity.#available = :spotsRead',
            names: { '#capacity': 'capacity', '#available': 'available' },
            values: { ':spotsRead': w.spotsRead },
          }
        : undefined;
    return [
      ...versionedPuts(item, eventItem(collection, w.kind, w.event), guard),
      { Put: { TableName: TABLE_NAME, Item: auditItem(w.audit) } },
    ];
  });
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) throw conflict(CHANGED_MEANWHILE);
    throw error;
  }
}

/**
 * A condition-guarded change of a service's available spots, for a referral's transaction; named `spot`, so that a
 * full service (or one already at its total) is told apart from other failures.
 */
export function spotChange(cantonId: string, serviceId: string, change: 'reserve' | 'release'): NamedWrite {
  return { name: 'spot', write: spotUpdate(cantonId, serviceId, change) };
}

/** For a waitlisted referral, which takes no spot: the service must still be active. Named `spot` too. */
export function serviceStillActive(cantonId: string, serviceId: string): NamedWrite {
  return {
    name: 'spot',
    write: {
      ConditionCheck: {
        TableName: TABLE_NAME,
        Key: keys.service(cantonId, serviceId),
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':active': 'active' },
      },
    },
  };
}

function spotUpdate(cantonId: string, serviceId: string, change: 'reserve' | 'release'): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: keys.service(cantonId, serviceId),
      UpdateExpression: 'SET #capacity.#available = #capacity.#available + :delta',
      // A reservation needs an active service with a spot left; a release never goes above the total.
      ConditionExpression:
        change === 'reserve'
          ? '#status = :active AND #capacity.#available > :zero'
          : '#capacity.#available < #capacity.#total',
      ExpressionAttributeNames: {
        '#capacity': 'capacity',
        '#available': 'available',
        ...(change === 'reserve' ? { '#status': 'status' } : { '#total': 'total' }),
      },
      ExpressionAttributeValues:
        change === 'reserve' ? { ':delta': -1, ':active': 'active', ':zero': 0 } : { ':delta': 1 },
    },
  };
}

async function getRecord<T>(key: { PK: string; SK: string }): Promise<T | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: key, ConsistentRead: true }),
  );
  return Item ? withoutStorageAttributes<T>(Item) : undefined;
}

export const findOrganization = (cantonId: string, id: string) =>
  getRecord<Organization>(keys.organization(cantonId, id));

export const findService = (cantonId: string, id: string) => getRecord<Service>(keys.service(cantonId, id));

/** The same records as reads that join an operation's batch (batch-reads.ts). */
export const organizationRead = (cantonId: string, id: string): ItemRead<Organization> => ({
  key: keys.organization(cantonId, id),
  decode: (item) => withoutStorageAttributes<Organization>(item),
});
export const serviceRead = (cantonId: string, id: string): ItemRead<Service> => ({
  key: keys.service(cantonId, id),
  decode: (item) => withoutStorageAttributes<Service>(item),
});

export const findOrganizationWithHistory = (cantonId: string, id: string) =>
  readCollection<Organization, CatalogueEvent>(keys.organizationCollection(cantonId, id), 'ORGANIZATION');

export const findServiceWithHistory = (cantonId: string, id: string) =>
  readCollection<Service, CatalogueEvent>(keys.serviceCollection(cantonId, id), 'SERVICE');

async function listIndex<T>(partition: string): Promise<T[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': partition },
  });
  return items.map((i) => withoutStorageAttributes<T>(i));
}

export const listOrganizations = (cantonId: string) =>
  listIndex<Organization>(keys.organizationsAll(cantonId));
export const listServices = (cantonId: string) => listIndex<Service>(keys.servicesAll(cantonId));

/** A page of a canton's organizations, by id. */
export async function listOrganizationsPage(
  cantonId: string,
  page: { limit: number; startKey?: Record<string, unknown> | undefined },
) {
  const found = await queryPage({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.organizationsAll(cantonId) },
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  return {
    organizations: found.items.map((i) => withoutStorageAttributes<Organization>(i)),
    lastKey: found.lastKey,
  };
}
