import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { CatalogueEvent, Organization, Service } from '../domain/catalogue.js';
import type { AuditRecord } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryAll, readCollection } from './collections.js';
import { keys } from './keys.js';
import { type TransactItem, withoutStorageAttributes, writeVersioned } from './versioned.js';

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

/** A condition-guarded change of a service's available spots, for a referral's transaction. */
export function spotChange(cantonId: string, serviceId: string, change: 'reserve' | 'release') {
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
