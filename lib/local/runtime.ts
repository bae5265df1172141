import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CantonDefinition } from '../../functions/domain/canton.js';
import { cantonRegistrationItem } from '../../functions/store/keys.js';
import { loadCantonSeed, loadCantons } from '../cantons.js';
import { LOCAL_TABLE_NAME } from '../table.js';
import { ensureTable, startLocalDynamo } from './dynamodb.js';
import { createGateway } from './gateway.js';
import { loadOrCreateSigningKeys, type SigningKeys } from './tokens.js';

/**
 * `npm start` in one process: the embedded DynamoDB (on disk in the data folder, or in memory), the table created
 * from the definition the CDK stack uses, the canton definitions registered as a canton stack would, and the
 * gateway serving the real handlers.
 */
export interface LocalRuntimeOptions {
  /** Where data, the signing key and the cursor secret live; default .swcs/ in the working directory. */
  readonly dataDir?: string;
  /** Keep the database in memory (nothing survives a restart). */
  readonly inMemory?: boolean;
  readonly port?: number;
  readonly host?: string;
  readonly cantonsDir?: string;
  /** Apply the cantons' seed catalogues and protocols (default true; tests that build their own data turn it off). */
  readonly seed?: boolean;
}

export interface LocalRuntime {
  readonly url: string;
  readonly dataDir: string;
  readonly cantons: readonly CantonDefinition[];
  readonly keys: SigningKeys;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4000;
export const DEFAULT_DATA_DIR = '.swcs';

/** The cursor-signing secret persists with the data, so cursors handed out before a restart still work. */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'cursor-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  // Validate the canton files before anything starts, so a bad file stops the runtime with its message.
  const cantons = loadCantons(options.cantonsDir);
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  const dynamo = await startLocalDynamo(options.inMemory ? {} : { path: join(dataDir, 'dynamodb') });
  // The handlers read these at cold start, exactly as they read what the CDK stack sets on AWS.
  Object.assign(process.env, {
    TABLE_NAME: LOCAL_TABLE_NAME,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    CURSOR_SECRET: localSecret(dataDir),
    POWERTOOLS_SERVICE_NAME: 'swcs',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
  });

  const client = new DynamoDBClient({ endpoint: dynamo.endpoint });
  try {
    await ensureTable(client, LOCAL_TABLE_NAME);
    const documents = DynamoDBDocumentClient.from(client);
    const registeredAt = new Date().toISOString();
    for (const canton of cantons) {
      await documents.send(
        new PutCommand({ TableName: LOCAL_TABLE_NAME, Item: cantonRegistrationItem(canton, registeredAt) }),
      );
    }
  } finally {
    client.destroy();
  }

  if (options.seed ?? true) await applySeeds(cantons, options.cantonsDir);

  const keys = await loadOrCreateSigningKeys(dataDir);
  const functionsDir = new URL('../../functions/', import.meta.url);
  const server = createGateway({
    keys,
    loadHandler: async (name) => (await import(new URL(`${name}.ts`, functionsDir).href)).handler,
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => ready());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    dataDir,
    cantons,
    keys,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await dynamo.close();
    },
  };
}

/**
 * Seeds every canton as its Canton stack does on AWS: national first (canton protocols inherit its templates and
 * canton catalogues refer to its services), catalogues before protocols (protocols name services). Idempotent.
 * The seeding code is loaded only now, after the environment above is set, exactly like a handler.
 */
async function applySeeds(cantons: readonly CantonDefinition[], cantonsDir?: string) {
  const { applyCatalogueSeed } = await import('../../functions/catalogue/seed.js');
  const { applyProtocolSeed } = await import('../../functions/protocols/seed.js');
  const ordered = [...cantons].sort(
    (a, b) => Number(b.level === 'national') - Number(a.level === 'national'),
  );
  const seeds = ordered.map((canton) => ({ canton, seed: loadCantonSeed(canton, cantonsDir) }));
  for (const { canton, seed } of seeds) {
    if (seed.catalogue) await applyCatalogueSeed(canton, seed.catalogue);
  }
  for (const { canton, seed } of seeds) {
    if (seed.protocols) await applyProtocolSeed(canton, seed.protocols);
  }
}
