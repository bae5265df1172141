import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { CdkCustomResourceEvent, CdkCustomResourceResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { changeAvailability, upsert } from '../../functions/domain/catalogue.js';
import { cantonRegistrationItem } from '../../functions/adapters/dynamodb/keys.js';
import { CANTONS_DIR, loadCantonSeed, loadCantons } from '../../lib/cantons.js';
import { ensureTable, type LocalDynamo, startLocalDynamo } from '../../lib/local/dynamodb.js';

/**
 * The seed custom resource's handler against the embedded DynamoDB, reading the repository's canton files the way
 * it reads the copies in its bundle on AWS (SWCS_CANTONS_DIR points it at them).
 */
const TABLE = 'swcs-seed-test';
const cantons = loadCantons(CANTONS_DIR);
const tempDirs: string[] = [];

let local: LocalDynamo;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;
let handler: (event: CdkCustomResourceEvent) => Promise<CdkCustomResourceResponse>;
let findService: typeof import('../../functions/adapters/dynamodb/catalogue-store.js').findService;
let versionsOf: typeof import('../../functions/adapters/dynamodb/protocols-store.js').versionsOf;
let logger: typeof import('../../functions/kernel/logger.js').logger;
let saveService: typeof import('../../functions/adapters/dynamodb/catalogue-store.js').saveService;

const audit = (cantonId: string) => ({
  cantonId,
  at: '2026-12-01T15:00:00.000Z',
  actor: { userId: 'test', roles: ['coordinator'] },
  action: 'service.test',
  target: { type: 'service' },
});

/** The fields of a stored service that a PUT body carries (stamps left out). */
const STAMPS = ['cantonId', 'level', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];
const pick = (service: object) =>
  Object.fromEntries(Object.entries(service).filter(([k]) => !STAMPS.includes(k)));

beforeAll(async () => {
  local = await startLocalDynamo({});
  // The handler's modules read these when they load, as a Lambda container reads its environment.
  Object.assign(process.env, {
    TABLE_NAME: TABLE,
    AWS_ENDPOINT_URL_DYNAMODB: local.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    SWCS_CANTONS_DIR: CANTONS_DIR,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  client = new DynamoDBClient({ endpoint: local.endpoint });
  doc = DynamoDBDocumentClient.from(client);
  await ensureTable(client, TABLE);
  // What each stack's registration resource has written before its seed resource runs.
  for (const canton of cantons) {
    await doc.send(
      new PutCommand({ TableName: TABLE, Item: cantonRegistrationItem(canton, '2026-01-01T00:00:00Z') }),
    );
  }
  ({ handler } = await import('../../functions/handlers/system/seed-canton.js'));
  ({ findService, saveService } = await import('../../functions/adapters/dynamodb/catalogue-store.js'));
  ({ versionsOf } = await import('../../functions/adapters/dynamodb/protocols-store.js'));
  ({ logger } = await import('../../functions/kernel/logger.js'));
});

afterAll(async () => {
  client?.destroy();
  await local?.close();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function event(
  requestType: 'Create' | 'Update' | 'Delete',
  cantonId: string,
  seedHash = 'hash-1',
): CdkCustomResourceEvent {
  const common = {
    ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:provider',
    ResponseURL: 'https://example.invalid/response',
    StackId: `arn:aws:cloudformation:us-east-1:111111111111:stack/Swcs-test-Canton-${cantonId}/1`,
    RequestId: `request-${Math.random()}`,
    LogicalResourceId: 'Seed',
    ResourceType: 'Custom::SwcsCantonSeed',
    ResourceProperties: { ServiceToken: 'provider', CantonId: cantonId, SeedHash: seedHash },
  };
  if (requestType === 'Create') return { ...common, RequestType: 'Create' };
  const PhysicalResourceId = `seed-${cantonId}`;
  if (requestType === 'Delete') return { ...common, RequestType: 'Delete', PhysicalResourceId };
  return {
    ...common,
    RequestType: 'Update',
    PhysicalResourceId,
    OldResourceProperties: { ServiceToken: 'provider', CantonId: cantonId, SeedHash: 'hash-0' },
  };
}

const itemCount = async () => {
  let count = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({ TableName: TABLE, Select: 'COUNT', ExclusiveStartKey, ConsistentRead: true }),
    );
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
};

const seedOf = (cantonId: string) => {
  const canton = cantons.find((c) => c.id === cantonId);
  if (!canton) throw new Error(`no canton ${cantonId}`);
  const seed = loadCantonSeed(canton, CANTONS_DIR);
  return {
    records: (seed.catalogue?.organizations.length ?? 0) + (seed.catalogue?.services.length ?? 0),
    protocols: seed.protocols ?? [],
    serviceId: seed.catalogue?.services[0]?.id as string,
  };
};

describe('the canton seed handler', () => {
  it('fails a canton whose protocols inherit national templates not yet deployed, saying what to do', async () => {
    await expect(handler(event('Create', 'cuenca'))).rejects.toThrow(
      /^Seeding canton "cuenca" failed: protocols: .*national template.*deploy the national canton stack first/,
    );
  });

  it('applies national, then a canton: catalogue and protocols can be read back', async () => {
    const national = seedOf('national');
    const created = await handler(event('Create', 'national'));
    expect(created).toEqual({
      PhysicalResourceId: 'seed-national',
      Data: {
        catalogueWritten: national.records,
        catalogueUnchanged: 0,
        protocolsPublished: national.protocols.length,
        protocolsUnchanged: 0,
      },
    });

    const quito = seedOf('quito');
    const info = vi.spyOn(logger, 'info');
    const answer = await handler(event('Create', 'quito'));
    expect(answer.PhysicalResourceId).toBe('seed-quito');
    expect(answer.Data).toMatchObject({
      catalogueWritten: quito.records,
      protocolsPublished: quito.protocols.length,
    });
    // Counts only: no names, e-mail addresses or seed content in the log line.
    expect(info).toHaveBeenCalledWith('Canton seed applied', {
      cantonId: 'quito',
      requestType: 'Create',
      ...answer.Data,
    });
    info.mockRestore();

    expect((await findService('quito', quito.serviceId))?.id).toBe(quito.serviceId);
    const inherited = quito.protocols.find((p) => 'inherits' in p);
    if (!inherited) throw new Error('quito has no inheriting protocol');
    const { category, subcategory } = inherited.subcategory;
    const versions = await versionsOf('quito', category, subcategory);
    expect(versions).toHaveLength(1);
    expect(versions[0]?.inheritsFrom).toMatchObject({ cantonId: 'national' });
  });

  it('changes nothing when run again with the same seed, on Create or Update', async () => {
    const before = await itemCount();
    const quito = seedOf('quito');
    const unchanged = {
      catalogueWritten: 0,
      catalogueUnchanged: quito.records,
      protocolsPublished: 0,
      protocolsUnchanged: quito.protocols.length,
    };
    expect(await handler(event('Create', 'quito'))).toEqual({
      PhysicalResourceId: 'seed-quito',
      Data: unchanged,
    });
    expect(await handler(event('Update', 'quito', 'hash-2'))).toEqual({
      PhysicalResourceId: 'seed-quito',
      Data: unchanged,
    });
    expect(await itemCount()).toBe(before);
  });

  it('finishes a canton that failed before national was deployed', async () => {
    const cuenca = seedOf('cuenca');
    // Its catalogue went in on the failed attempt; its protocols follow now that the templates exist.
    expect((await handler(event('Update', 'cuenca'))).Data).toEqual({
      catalogueWritten: 0,
      catalogueUnchanged: cuenca.records,
      protocolsPublished: cuenca.protocols.length,
      protocolsUnchanged: 0,
    });
  });

  it('never resets what live operation changed: spots, waitlist, closure survive a redeploy with the same seed', async () => {
    const { serviceId } = seedOf('quito');
    const current = await findService('quito', serviceId);
    if (!current) throw new Error('seeded service missing');
    // A contact officer says there is no room left and opens the waitlist.
    const { record, event: change } = changeAvailability(
      current,
      { available: 0, waitlist: true, status: 'temporarily-closed' },
      { userId: 'uio.enlace', cantonId: 'quito', roles: ['contact-officer'] },
      '2026-12-01T15:00:00.000Z',
    );
    await saveService(record, change, audit('quito'), current.capacity.available);

    const answer = await handler(event('Update', 'quito', 'hash-3'));
    expect(answer.Data).toMatchObject({ catalogueWritten: 0 });
    const after = await findService('quito', serviceId);
    expect(after?.capacity).toEqual({ ...current.capacity, available: 0, waitlist: true });
    expect(after?.status).toBe('temporarily-closed');
    expect(after?.version).toBe(record.version);
  });

  it('applies a changed seed only to what it still owns, keeping live edits and held spots', async () => {
    const seed = loadCantonSeed(cantons.find((c) => c.id === 'quito') ?? cantons[0]!, CANTONS_DIR);
    const seeded = seed.catalogue?.services[1];
    if (!seeded) throw new Error('quito has too few services');
    const live = await findService('quito', seeded.id);
    if (!live) throw new Error('seeded service missing');
    // A coordinator rewrites the description; referrals hold three spots.
    const { record: edited, event: edit } = upsert(
      live,
      { ...(pick(live) as typeof seeded), description: 'Descripción corregida por la coordinación' },
      {
        caller: { userId: 'uio.coordinadora', cantonId: 'quito', roles: ['coordinator'] },
        level: 'canton',
        now: '2026-12-01T16:00:00.000Z',
      },
    );
    await saveService(
      { ...edited, capacity: { ...edited.capacity, available: edited.capacity.total - 3 } },
      edit,
      audit('quito'),
      live.capacity.available,
    );

    // The seed file changes the name, the description, the total and (wrongly) the available spots.
    const dir = mkdtempSync(join(tmpdir(), 'swcs-seed-'));
    tempDirs.push(dir);
    cpSync(CANTONS_DIR, dir, { recursive: true });
    const file = join(dir, 'catalogue', 'quito.json');
    const catalogue = JSON.parse(readFileSync(file, 'utf8'));
    const entry = catalogue.services[1];
    entry.name = `${entry.name} (renovado)`;
    entry.description = 'Nueva descripción del archivo semilla';
    entry.capacity = {
      ...entry.capacity,
      total: entry.capacity.total + 10,
      available: entry.capacity.total + 10,
    };
    writeFileSync(file, JSON.stringify(catalogue));
    process.env.SWCS_CANTONS_DIR = dir;
    try {
      expect((await handler(event('Update', 'quito', 'hash-4'))).Data).toMatchObject({ catalogueWritten: 1 });
      const after = await findService('quito', seeded.id);
      expect(after?.name).toBe(entry.name);
      expect(after?.description).toBe('Descripción corregida por la coordinación');
      expect(after?.capacity.total).toBe(live.capacity.total + 10);
      // Still three held: the ten new spots are free, the seed's "available" is ignored.
      expect(after?.capacity.available).toBe(live.capacity.total + 10 - 3);
      // Applying the same changed seed again writes nothing.
      expect((await handler(event('Update', 'quito', 'hash-5'))).Data).toMatchObject({ catalogueWritten: 0 });
    } finally {
      process.env.SWCS_CANTONS_DIR = CANTONS_DIR;
    }
  });

  it('keeps everything on Delete', async () => {
    const before = await itemCount();
    expect(await handler(event('Delete', 'quito'))).toEqual({ PhysicalResourceId: 'seed-quito' });
    expect(await itemCount()).toBe(before);
  });

  it('fails with the file and field of an invalid bundled seed, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swcs-seed-'));
    tempDirs.push(dir);
    cpSync(CANTONS_DIR, dir, { recursive: true });
    const file = join(dir, 'catalogue', 'santa-cruz.json');
    const catalogue = JSON.parse(readFileSync(file, 'utf8'));
    delete catalogue.services[0].name;
    writeFileSync(file, JSON.stringify(catalogue));
    const before = await itemCount();
    process.env.SWCS_CANTONS_DIR = dir;
    try {
      await expect(handler(event('Create', 'santa-cruz'))).rejects.toThrow(
        /^Seeding canton "santa-cruz" failed: catalogue\/santa-cruz\.json: field "services\.0\.name"/,
      );
    } finally {
      process.env.SWCS_CANTONS_DIR = CANTONS_DIR;
    }
    expect(await itemCount()).toBe(before);
  });

  it('fails when the bundle lacks the definition', async () => {
    await expect(handler(event('Create', 'nowhere'))).rejects.toThrow(
      /^Seeding canton "nowhere" failed: nowhere\.json: not in the bundle/,
    );
  });
});
