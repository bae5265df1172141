import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CantonDefinition } from '../../functions/domain/canton.js';
import { cantonRegistrationItem, WORKFLOW_START_ENTITY } from '#adapters/dynamodb/keys.js';
import { loadCantonSeed, loadCantons } from '../cantons.js';
import { LOCAL_TABLE_NAME } from '../table.js';
import { clock } from '#kernel/clock.js';
import { referralWorkflowDefinition } from '../../workflows/referral-workflow.js';
import { COMPLAINT_CLOCK_STEP, complaintClockDefinition } from '../../workflows/complaint-clock.js';
import {
  CATALOGUE_IMPORT_STEP,
  catalogueImportWorkflowDefinition,
} from '../../workflows/catalogue-import.js';
import { parsePublicAddress } from '../../functions/domain/public-address.js';
import { keepProductClock } from './clock-file.js';
import { ensureTable, startLocalDynamo } from './dynamodb.js';
import { type LocalSns, outboxHttpHandler, startLocalSns } from './sns.js';
import { type LocalStepFunctions, startLocalStepFunctions } from './stepfunctions.js';
import { createGateway, type GatewayOptions } from './gateway.js';
import { registryOutboxHttpHandler } from './registry-outbox.js';
import { localStream } from './streams.js';
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
  /** Run the product's clock this many times faster than the wall clock (demos of reminders and escalations). */
  readonly clockFactor?: number;
  /**
   * The public address put in notices (SWCS_PUBLIC_URL for `npm start`); validated before anything starts.
   * Default: the address the runtime listens on, with its real port.
   */
  readonly publicUrl?: string;
  /** Where SMS and e-mail lines go as they are sent (default: standard output). */
  readonly log?: (line: string) => void;
  /**
   * The address citizens' e-mails come from (CITIZEN_MAIL_FROM, the `citizenMail` deploy setting on AWS); `false`
   * runs as a stage without one, whose e-mail replies are recorded as failed. Default: LOCAL_CITIZEN_MAIL_FROM.
   */
  readonly citizenMailFrom?: string | false;
  /** Told each API function's duration (the benchmarks' measure of the function alone). */
  readonly onInvoke?: GatewayOptions['onInvoke'];
}

/** Where citizens' e-mails come from locally (the local SES accepts any sender; SES would need it verified). */
export const LOCAL_CITIZEN_MAIL_FROM = 'no-reply@ventanilla.localhost';

export interface LocalRuntime {
  readonly url: string;
  /** The public address notices link to (see LocalRuntimeOptions.publicUrl). */
  readonly publicUrl: string;
  readonly dataDir: string;
  readonly cantons: readonly CantonDefinition[];
  readonly keys: SigningKeys;
  /** Every SMS and e-mail the cloud would have sent. */
  readonly sns: LocalSns;
  readonly stepFunctions: LocalStepFunctions;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4000;
const REFERRAL_WORKFLOW = 'referral';
const CATALOGUE_IMPORT_WORKFLOW = 'catalogue-import';
const COMPLAINT_CLOCK = 'complaint-clock';
/** Each definition's one Lambda step, by the placeholder the CDK stack substitutes; referrals' by default. */
const STEP_HANDLERS: Readonly<Record<string, string>> = {
  [CATALOGUE_IMPORT_STEP]: 'handlers/catalogue/import-step',
  [COMPLAINT_CLOCK_STEP]: 'handlers/complaints/clock-step',
};
/** A string attribute of a stream record's image (DynamoDB JSON). */
const stringIn = (image: Readonly<Record<string, unknown>>, name: string) =>
  (image[name] as { S?: string } | undefined)?.S;

/** The function the table's stream hands workflow outbox items to (lib/constructs/workflow-starts.ts on AWS). */
const WORKFLOW_STARTS_HANDLER = 'handlers/workflows/start-executions';
export const DEFAULT_DATA_DIR = '.swcs';

/** The cursor-signing secret persists with the data, so cursors handed out before a restart still work. */
function localSecret(dataDir: string, name = 'cursor-secret'): string {
  const file = join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  // Validate the canton files before anything starts, so a bad file stops the runtime with its message.
  const cantons = loadCantons(options.cantonsDir);
  // And the public address: a bad one would silence every referral at its first notice.
  if (options.publicUrl !== undefined) parsePublicAddress(options.publicUrl);
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  if (options.clockFactor !== undefined) clock.setFactor(options.clockFactor);
  const functionsDir = new URL('../../functions/', import.meta.url);
  const loadHandler = async (name: string) =>
    (await import(new URL(`${name}.ts`, functionsDir).href)).handler;
  // The workflow outbox, as the stack's event source mapping on the table's stream hands it over.
  const workflowStarts = localStream({
    filter: (record) =>
      record.eventName === 'INSERT' && stringIn(record.newImage, 'entity') === WORKFLOW_START_ENTITY,
    invoke: async (event) => (await loadHandler(WORKFLOW_STARTS_HANDLER))(event),
    onGiveUp: (record) =>
      process.stderr.write(
        `swcs: could not start workflow execution ${stringIn(record.newImage, 'executionName')}\n`,
      ),
  });
  const dynamo = await startLocalDynamo({
    ...(options.inMemory ? {} : { path: join(dataDir, 'dynamodb') }),
    onStream: workflowStarts.deliver,
  });
  const sns = await startLocalSns({
    ...(options.inMemory ? {} : { dataDir }),
    log: options.log ?? ((line) => process.stdout.write(`${line}\n`)),
  });
  const stepFunctions = await startLocalStepFunctions({
    stateMachines: {
      [REFERRAL_WORKFLOW]: referralWorkflowDefinition(),
      [CATALOGUE_IMPORT_WORKFLOW]: catalogueImportWorkflowDefinition(),
      [COMPLAINT_CLOCK]: complaintClockDefinition(),
    },
    // Each definition names its one Lambda step by the placeholder the CDK stack substitutes.
    invokeLambda: async (functionName, payload) =>
      (await loadHandler(STEP_HANDLERS[functionName] ?? 'handlers/referrals/workflow-step'))(payload),
  });
  // The handlers read these at cold start, exactly as they read what the CDK stack sets on AWS.
  Object.assign(process.env, {
    TABLE_NAME: LOCAL_TABLE_NAME,
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    CURSOR_SECRET: localSecret(dataDir),
    // The key of national-ID digests: made once per data folder, like a per-environment secret on AWS.
    NATIONAL_ID_KEY: localSecret(dataDir, 'national-id-key'),
    POWERTOOLS_SERVICE_NAME: 'swcs',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
    // The local SNS stands in for SES too: citizens' e-mails land in the same outbox.
    AWS_ENDPOINT_URL_SESV2: sns.endpoint,
    AWS_ENDPOINT_URL_SFN: stepFunctions.endpoint,
    REFERRAL_WORKFLOW_ARN: stepFunctions.stateMachineArn(REFERRAL_WORKFLOW),
    CATALOGUE_IMPORT_WORKFLOW_ARN: stepFunctions.stateMachineArn(CATALOGUE_IMPORT_WORKFLOW),
    COMPLAINT_CLOCK_ARN: stepFunctions.stateMachineArn(COMPLAINT_CLOCK),
    NOTIFICATIONS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:swcs-local-{canton}-notifications',
  });

  if (options.citizenMailFrom === false) delete process.env.CITIZEN_MAIL_FROM;
  else process.env.CITIZEN_MAIL_FROM = options.citizenMailFrom ?? LOCAL_CITIZEN_MAIL_FROM;

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

  // Product time resumes where it stood before anything is stamped (in memory there is nothing to resume).
  const productClock = options.inMemory
    ? undefined
    : await keepProductClock({ dataDir, endpoint: dynamo.endpoint, tableName: LOCAL_TABLE_NAME, cantons });

  if (options.seed ?? true) await applySeeds(cantons, options.cantonsDir);
  // Import jobs cut short by a stop carry on from their next chunk.
  const { resumeImportJobs } = await import('#app/catalogue/import-resume.js');
  await resumeImportJobs(cantons.map((c) => c.id));

  const keys = await loadOrCreateSigningKeys(dataDir);
  const server = createGateway({
    keys,
    loadHandler,
    ...(options.onInvoke ? { onInvoke: options.onInvoke } : {}),
    localRoutes: {
      '/_local/outbox': outboxHttpHandler(sns),
      '/_local/registry-outbox': registryOutboxHttpHandler(cantons.map((c) => c.id)),
    },
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => ready());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  // Links in notices name the port actually listened on (an unspecified address is reached as localhost).
  const publicUrl = parsePublicAddress(
    options.publicUrl ?? (/^(0\.0\.0\.0|\[::\])$/.test(host) ? `http://localhost:${address.port}` : url),
  ).url;
  process.env.SWCS_PUBLIC_URL = publicUrl;

  // Referrals in flight when the runtime last stopped get their workflow back, in the phase they were in; only
  // now, so that the notices they send link to where the runtime listens.
  await resumeReferrals(cantons);
  const { resumeComplaintClocks } = await import('#app/complaints/clock-resume.js');
  await resumeComplaintClocks(cantons.map((c) => c.id));

  return {
    url,
    publicUrl,
    dataDir,
    cantons,
    keys,
    sns,
    stepFunctions,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await workflowStarts.close();
      await stepFunctions.close();
      productClock?.stop();
      await sns.close();
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
  const { applyCatalogueSeed } = await import('#app/catalogue/seed.js');
  const { applyProtocolSeed } = await import('#app/protocols/seed.js');
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
  // The demo social registry (bin/generate-demo-registry.ts), national like the Registro Social.
  const { applyRegistrySeed } = await import('#app/registry/seed.js');
  await applyRegistrySeed(
    readFileSync(new URL('../../registry/demo-registry.jsonl', import.meta.url), 'utf8'),
  );
}

/**
 * On AWS an execution outlives any process; here it lives in this one. So at start every open referral of every
 * canton gets a new execution in the phase it is in (its timers are absolute times and its fired-timer counts are
 * stored, so nothing fires twice and nothing is skipped: a timer that fell due while stopped fires at once).
 */
async function resumeReferrals(cantons: readonly CantonDefinition[]) {
  const { openReferrals } = await import('#adapters/dynamodb/referrals-store.js');
  const { startReferralWorkflow } = await import('#adapters/stepfunctions/referral-workflow.js');
  for (const canton of cantons) {
    for (const referral of await openReferrals(canton.id)) {
      // One whose first notice never went out (stopped in between) starts from it.
      const phase =
        referral.acknowledgedAt || referral.status !== 'requested'
          ? 'counterReferral'
          : referral.notifiedAt || referral.attention
            ? 'acknowledgement'
            : 'start';
      await startReferralWorkflow(
        { phase, referral: { cantonId: referral.cantonId, referralId: referral.referralId } },
        `${referral.cantonId}-${referral.referralId}-resumed-${Date.now()}`,
      );
    }
  }
}
