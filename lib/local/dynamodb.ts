/**
 * The embedded DynamoDB-compatible server used by the local runtime (`npm start`) and by the tests.
 *
 * dynalite does the real work (LevelDB on disk or in memory, conditional writes, GSIs, queries), but it has no
 * TransactWriteItems / TransactGetItems. The product relies on transactions (a referral and the service's spots change
 * together), so a small front server sits on the public endpoint:
 * - every other operation goes straight to dynalite's own request listener, holding a shared lock until its response
 *   has finished;
 * - the two transaction operations are implemented here with the exclusive lock held, by calling dynalite's
 *   single-item operations on an internal port and undoing what was written if the transaction is cancelled.
 * Holding the exclusive lock means no other request can observe or interleave with a half-applied transaction, which
 * is the isolation the real service guarantees.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TABLE_INDEXES, TABLE_KEY } from '../table.js';
import { RequestTooLargeError, listen, readBody } from './http-plumbing.js';

export interface LocalDynamoOptions {
  /** LevelDB folder; created if missing. Without it the data lives in memory and is gone on close(). */
  readonly path?: string;
  /** Public port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; 127.0.0.1 by default so that the database is never exposed to the network. */
  readonly host?: string;
}

export interface LocalDynamo {
  /** The URL to give the SDK (`endpoint`, or AWS_ENDPOINT_URL_DYNAMODB). */
  readonly endpoint: string;
  /** Stops accepting requests, waits for those in flight, and closes the database. Idempotent. */
  close(): Promise<void>;
}

interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

// dynalite ships no type declarations, and a module augmentation cannot describe an untyped JavaScript package, so it
// is loaded through require with the one signature this module uses.
const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (options: DynaliteOptions) => http.Server;

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}
// dynalite's own LevelDB binding, resolved from dynalite's folder so that it is the very copy dynalite opens.
const { Level } = createRequire(require.resolve('dynalite'))('level') as {
  Level: new (location: string) => LevelDatabase;
};

const API_VERSION = 'DynamoDB_20120810';
const VALIDATION_EXCEPTION = 'com.amazon.coral.validate#ValidationException';
const SERVICE_PREFIX = 'com.amazonaws.dynamodb.v20120810#';
/** The limit the real service applies since 2022 (it was 25 before). */
const MAX_TRANSACTION_ITEMS = 100;
/** Same request size limit as dynalite's own listener. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const host = options.host ?? '127.0.0.1';
  if (options.path !== undefined) {
    // LevelDB creates its own folder but not missing parents (e.g. a fresh `.swcs/dynamodb`).
    await mkdir(options.path, { recursive: true });
    await assertDataFolderUsable(options.path);
  }

  // The delays default to 500 ms of CREATING/DELETING/UPDATING status, which only slows tests and start-up.
  const backend = dynalite({
    ...(options.path !== undefined ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const backendListener = backend.listeners('request')[0] as http.RequestListener | undefined;
  if (backendListener === undefined) throw new Error('dynalite did not register a request listener');

  // dynalite must listen even though clients never reach it directly: its close() starts by closing the HTTP server
  // and only then closes LevelDB (failing if the server never listened), and the transaction code needs a way in.
  await listen(backend, 0, '127.0.0.1');
  const backendPort = (backend.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true });
  const lock = new ReadWriteLock();
  const transactions = new Transactions(new DynaliteCaller(backendPort, agent));
  let closing = false;
  // Set once close() holds the lock for good: a transaction granted the lock after that point would only find the
  // database closed underneath it.
  let stopped = false;

  const front = http.createServer((req, res) => {
    if (closing) res.shouldKeepAlive = false;
    const operation = operationOf(req.headers['x-amz-target']);
    if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
      void handleTransaction(req, res, operation);
      return;
    }
    if (operation === 'CreateTable' || operation === 'DeleteTable') {
      // A table recreated under the same name may have another key schema.
      res.once('close', () => transactions.forgetKeySchemas());
    }
    passThrough(req, res);
  });
  // Node closes a kept-alive connection after 5 s idle; an SDK client that reuses it at that instant gets ECONNRESET.
  // Handlers here keep one client for the life of the process, as on Lambda, so keep idle connections much longer
  // (close() still drops them at once).
  front.keepAliveTimeout = 10 * 60_000;

  function passThrough(req: http.IncomingMessage, res: http.ServerResponse): void {
    let release: (() => void) | undefined;
    let finished = false;
    // The lock is held until the response has gone out, so that a transaction can never start between dynalite
    // reading an item and writing it back. 'close' also covers a client that disconnects while queued.
    const done = (): void => {
      finished = true;
      release?.();
    };
    res.once('finish', done);
    res.once('close', done);
    void lock.acquireShared().then((granted) => {
      if (finished) {
        granted();
        return;
      }
      release = granted;
      // dynalite reads the body itself; the request stream stays paused (and buffered) until then.
      backendListener?.(req, res);
    });
  }

  async function handleTransaction(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    operation: 'TransactWriteItems' | 'TransactGetItems',
  ): Promise<void> {
    const contentType = responseContentType(req.headers['content-type']);
    let input: unknown;
    try {
      input = JSON.parse((await readBody(req, MAX_REQUEST_BYTES)).toString('utf8'));
    } catch (error) {
      if (error instanceof RequestTooLargeError) {
        res.statusCode = 413;
        res.end();
      } else {
        sendJson(res, contentType, 400, { __type: 'com.amazon.coral.service#SerializationException' });
      }
      return;
    }
    try {
      const output =
        operation === 'TransactWriteItems'
          ? await transactions.write(input, lock, () => stopped)
          : await transactions.get(input, lock, () => stopped);
      sendJson(res, contentType, 200, output);
    } catch (error) {
      if (error instanceof DynamoServiceError) {
        sendJson(res, contentType, error.statusCode, error.body);
      } else {
        sendJson(res, contentType, 500, {
          __type: `${SERVICE_PREFIX}InternalServerError`,
          message: `Local transaction failed: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }

  try {
    await listen(front, options.port ?? 0, host);
  } catch (error) {
    agent.destroy();
    await closeBackend(backend);
    throw error;
  }
  const address = front.address() as AddressInfo;
  const endpointHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const endpoint = `http://${endpointHost.includes(':') ? `[${endpointHost}]` : endpointHost}:${address.port}`;

  let closed: Promise<void> | undefined;
  async function shutdown(): Promise<void> {
    closing = true;
    const frontClosed = new Promise<void>((resolve) => front.close(() => resolve()));
    front.closeIdleConnections();
    // Taking the lock exclusively waits for every request and transaction already running; anything that arrives
    // later on a kept-alive connection is cut off below instead of racing the database close.
    const release = await lock.acquireExclusive();
    stopped = true;
    front.closeAllConnections();
    await frontClosed;
    agent.destroy();
    await closeBackend(backend);
    release();
  }

  return {
    endpoint,
    close() {
      closed ??= shutdown();
      return closed;
    },
  };
}

/**
 * Creates the single table exactly as lib/table.ts describes it (the CDK stack reads the same definition) unless it
 * exists, and waits until it and its indexes are ACTIVE. Safe to call on every start and from concurrent processes.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  let table = await describeTable(client, tableName);
  if (table === undefined) {
    try {
      await client.send(new CreateTableCommand(tableDefinition(tableName)));
    } catch (error) {
      // Someone else created it between our DescribeTable and CreateTable: that is the state we want.
      if (!(error instanceof Error && error.name === 'ResourceInUseException')) throw error;
    }
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    table = await describeTable(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (table?.TableStatus === 'ACTIVE' && indexesActive) break;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  // dynalite accepts GlobalSecondaryIndexUpdates.Create but silently does nothing, so a data folder created before an
  // index was added to lib/table.ts can never gain it. Fail loudly rather than let queries on that index misbehave.
  const existing = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  const missing = TABLE_INDEXES.filter((index) => !existing.has(index.indexName)).map(
    (index) => index.indexName,
  );
  if (missing.length > 0) {
    throw new Error(
      `Table ${tableName} exists without index(es) ${missing.join(', ')}; the embedded database cannot add indexes ` +
        'to an existing table. Delete the local data folder (or the table) so that it is recreated.',
    );
  }
}

function tableDefinition(tableName: string): CreateTableCommandInput {
  const keyAttributes = [
    TABLE_KEY.partitionKey,
    TABLE_KEY.sortKey,
    ...TABLE_INDEXES.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...new Set(keyAttributes)].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: TABLE_KEY.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEY.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

async function describeTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Transactions

/** An attribute map in DynamoDB's JSON wire format (B values stay base64 strings, which is why no SDK is used). */
type AttributeMap = Record<string, unknown>;
type JsonObject = Record<string, unknown>;

interface KeySchema {
  readonly hash: string;
  readonly range?: string;
}

type WriteKind = 'ConditionCheck' | 'Put' | 'Delete' | 'Update';
const WRITE_KINDS: readonly WriteKind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

interface WriteOperation {
  readonly kind: WriteKind;
  readonly tableName: string;
  readonly key: AttributeMap;
  readonly params: JsonObject;
  readonly returnOldOnFailure: boolean;
}

interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: AttributeMap;
}

class Transactions {
  private readonly keySchemas = new Map<string, Promise<KeySchema>>();

  constructor(private readonly dynalite: DynaliteCaller) {}

  forgetKeySchemas(): void {
    this.keySchemas.clear();
  }

  /**
   * TransactWriteItems. Every prior image is read first; then each operation runs with its own condition, in order.
   * Items are distinct (validated), so evaluating item n after items 1..n-1 were written gives the same answer as
   * evaluating every condition against the state before the transaction. Operations after a failed condition are
   * still evaluated so that CancellationReasons report every failure, as the real service does; then every item is
   * put back to its prior image.
   *
   * ClientRequestToken is ignored: the real service uses it to make a retried request idempotent for ten minutes,
   * and a local server that answers every request has no lost responses for a client to retry.
   * ReturnConsumedCapacity / ReturnItemCollectionMetrics are accepted and not reported.
   */
  async write(input: unknown, lock: ReadWriteLock, isStopped: () => boolean): Promise<JsonObject> {
    const entries = transactItems(input);
    const operations: WriteOperation[] = [];
    for (const [index, entry] of entries.entries()) {
      operations.push(await this.parseWriteOperation(entry, index + 1));
    }
    await this.rejectDuplicates(operations);

    const release = await lock.acquireExclusive();
    try {
      if (isStopped()) throw shuttingDown();
      const priors = await Promise.all(operations.map((operation) => this.readPrior(operation)));
      const reasons: CancellationReason[] = [];
      let attempted = 0;
      try {
        for (const [index, operation] of operations.entries()) {
          const prior = priors[index];
          attempted = index + 1;
          try {
            await this.apply(operation, prior);
            reasons.push({ Code: 'None' });
          } catch (error) {
            if (!(error instanceof DynamoServiceError && error.code === 'ConditionalCheckFailedException'))
              throw error;
            reasons.push({
              Code: 'ConditionalCheckFailed',
              Message: 'The conditional request failed',
              ...(operation.returnOldOnFailure && prior !== undefined ? { Item: prior } : {}),
            });
          }
        }
      } catch (error) {
        // Any other failure (a malformed update expression, an item too large...) also leaves nothing written.
        await this.restore(operations.slice(0, attempted), priors);
        throw error;
      }
      if (reasons.some((reason) => reason.Code !== 'None')) {
        await this.restore(operations, priors);
        throw transactionCanceled(reasons);
      }
      return {};
    } finally {
      release();
    }
  }

  /** TransactGetItems: consistent reads of every item with no write able to slip in between them. */
  async get(input: unknown, lock: ReadWriteLock, isStopped: () => boolean): Promise<JsonObject> {
    const entries = transactItems(input);
    const reads: { tableName: string; key: AttributeMap; params: JsonObject }[] = [];
    for (const [index, entry] of entries.entries()) {
      const path = `transactItems.${index + 1}.member`;
      if (!isObject(entry)) throw memberNull(path);
      const params = entry.Get;
      if (!isObject(params)) throw memberNull(`${path}.get`);
      const tableName = requireString(params, 'TableName', `${path}.get.tableName`);
      const key = requireObject(params, 'Key', `${path}.get.key`);
      reads.push({ tableName, key: await this.keyFrom(tableName, key, false), params });
    }
    await this.rejectDuplicates(reads);

    const release = await lock.acquireExclusive();
    try {
      if (isStopped()) throw shuttingDown();
      const items = await Promise.all(
        reads.map((read) =>
          this.dynalite.call('GetItem', {
            ...pick(read.params, ['ProjectionExpression', 'ExpressionAttributeNames']),
            TableName: read.tableName,
            Key: read.key,
            ConsistentRead: true,
          }),
        ),
      );
      return { Responses: items.map((output) => (isObject(output.Item) ? { Item: output.Item } : {})) };
    } finally {
      release();
    }
  }

  private async parseWriteOperation(entry: unknown, position: number): Promise<WriteOperation> {
    const path = `transactItems.${position}.member`;
    if (!isObject(entry)) throw memberNull(path);
    const present = WRITE_KINDS.filter((kind) => entry[kind] != null);
    const kind = present[0];
    if (kind === undefined || present.length > 1) {
      throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    const params = entry[kind];
    const member = `${path}.${lowerFirst(kind)}`;
    if (!isObject(params)) throw memberNull(member);
    const tableName = requireString(params, 'TableName', `${member}.tableName`);
    if (kind === 'Update') requireString(params, 'UpdateExpression', `${member}.updateExpression`);
    if (kind === 'ConditionCheck')
      requireString(params, 'ConditionExpression', `${member}.conditionExpression`);
    const returnValues = params.ReturnValuesOnConditionCheckFailure;
    if (returnValues !== undefined && returnValues !== 'ALL_OLD' && returnValues !== 'NONE') {
      throw validationError(
        `1 validation error detected: Value '${String(returnValues)}' at '${member}.returnValuesOnConditionCheckFailure'` +
          ' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]',
      );
    }
    const key =
      kind === 'Put'
        ? await this.keyFrom(tableName, requireObject(params, 'Item', `${member}.item`), true)
        : await this.keyFrom(tableName, requireObject(params, 'Key', `${member}.key`), false);
    return { kind, tableName, key, params, returnOldOnFailure: returnValues === 'ALL_OLD' };
  }

  private async rejectDuplicates(items: readonly { tableName: string; key: AttributeMap }[]): Promise<void> {
    const seen = new Set<string>();
    for (const item of items) {
      const schema = await this.keySchema(item.tableName);
      const identity = JSON.stringify([
        item.tableName,
        item.key[schema.hash],
        schema.range && item.key[schema.range],
      ]);
      if (seen.has(identity)) {
        throw validationError('Transaction request cannot include multiple operations on one item');
      }
      seen.add(identity);
    }
  }

  /** The primary key of an item (Put) or a given Key, checked against the table's key schema. */
  private async keyFrom(tableName: string, source: AttributeMap, fromItem: boolean): Promise<AttributeMap> {
    const schema = await this.keySchema(tableName);
    const names = schema.range === undefined ? [schema.hash] : [schema.hash, schema.range];
    for (const name of names) {
      if (!isObject(source[name])) {
        throw validationError(
          fromItem
            ? `One or more parameter values were invalid: Missing the key ${name} in the item`
            : 'The provided key element does not match the schema',
        );
      }
    }
    if (!fromItem && Object.keys(source).length !== names.length) {
      throw validationError('The provided key element does not match the schema');
    }
    return Object.fromEntries(names.map((name) => [name, source[name]]));
  }

  private keySchema(tableName: string): Promise<KeySchema> {
    let schema = this.keySchemas.get(tableName);
    if (schema === undefined) {
      schema = this.dynalite.call('DescribeTable', { TableName: tableName }).then((output) => {
        const keySchema = isObject(output.Table) ? output.Table.KeySchema : undefined;
        const elements = Array.isArray(keySchema) ? keySchema.filter(isObject) : [];
        const hash = elements.find((element) => element.KeyType === 'HASH')?.AttributeName;
        const range = elements.find((element) => element.KeyType === 'RANGE')?.AttributeName;
        if (typeof hash !== 'string') throw new Error(`Table ${tableName} has no HASH key`);
        return typeof range === 'string' ? { hash, range } : { hash };
      });
      this.keySchemas.set(tableName, schema);
      // A missing table must be looked up again next time: it may be created later.
      schema.catch(() => this.keySchemas.delete(tableName));
    }
    return schema;
  }

  private async readPrior(operation: WriteOperation): Promise<AttributeMap | undefined> {
    const output = await this.dynalite.call('GetItem', {
      TableName: operation.tableName,
      Key: operation.key,
      ConsistentRead: true,
    });
    return isObject(output.Item) ? output.Item : undefined;
  }

  private async apply(operation: WriteOperation, prior: AttributeMap | undefined): Promise<void> {
    const { params, tableName, key } = operation;
    const condition = pick(params, [
      'ConditionExpression',
      'ExpressionAttributeNames',
      'ExpressionAttributeValues',
    ]);
    switch (operation.kind) {
      case 'Put':
        await this.dynalite.call('PutItem', { ...condition, TableName: tableName, Item: params.Item });
        return;
      case 'Update':
        await this.dynalite.call('UpdateItem', {
          ...condition,
          TableName: tableName,
          Key: key,
          UpdateExpression: params.UpdateExpression,
        });
        return;
      case 'Delete':
        await this.dynalite.call('DeleteItem', { ...condition, TableName: tableName, Key: key });
        return;
      case 'ConditionCheck':
        // dynalite evaluates conditions only as part of a write, so write something that changes nothing: the
        // item's own image back, or a delete of an item that does not exist. dynalite evaluates the condition with
        // its usual parser (including its unused-name/value checks, which the real ConditionCheck applies too).
        if (prior === undefined) {
          await this.dynalite.call('DeleteItem', { ...condition, TableName: tableName, Key: key });
        } else {
          await this.dynalite.call('PutItem', { ...condition, TableName: tableName, Item: prior });
        }
        return;
    }
  }

  private async restore(
    operations: readonly WriteOperation[],
    priors: readonly (AttributeMap | undefined)[],
  ): Promise<void> {
    // Writing back an image that did not change is harmless, so everything attempted is restored without tracking
    // exactly which writes landed (a lost internal response would make that uncertain anyway).
    await Promise.all(
      operations.map((operation, index) => {
        if (operation.kind === 'ConditionCheck') return undefined;
        const prior = priors[index];
        return prior === undefined
          ? this.dynalite.call('DeleteItem', { TableName: operation.tableName, Key: operation.key })
          : this.dynalite.call('PutItem', { TableName: operation.tableName, Item: prior });
      }),
    );
  }
}

function transactItems(input: unknown): unknown[] {
  const items = isObject(input) ? input.TransactItems : undefined;
  if (items == null) throw memberNull('transactItems');
  if (!Array.isArray(items)) {
    throw new DynamoServiceError(400, { __type: 'com.amazon.coral.service#SerializationException' });
  }
  if (items.length < 1) {
    throw validationError(
      "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1',
    );
  }
  if (items.length > MAX_TRANSACTION_ITEMS) {
    throw validationError(
      "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: " +
        `Member must have length less than or equal to ${MAX_TRANSACTION_ITEMS}`,
    );
  }
  return items;
}

function transactionCanceled(reasons: readonly CancellationReason[]): DynamoServiceError {
  // The real service spells this field "Message" (capital M), which is what the SDK reads into the exception.
  return new DynamoServiceError(400, {
    __type: `${SERVICE_PREFIX}TransactionCanceledException`,
    Message:
      'Transaction cancelled, please refer cancellation reasons for specific reasons ' +
      `[${reasons.map((reason) => reason.Code).join(', ')}]`,
    CancellationReasons: reasons,
  });
}

function shuttingDown(): DynamoServiceError {
  return new DynamoServiceError(503, {
    __type: `${SERVICE_PREFIX}ServiceUnavailableException`,
    message: 'The local DynamoDB server is shutting down',
  });
}

function validationError(message: string): DynamoServiceError {
  return new DynamoServiceError(400, { __type: VALIDATION_EXCEPTION, message });
}

function memberNull(path: string): DynamoServiceError {
  return validationError(
    `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
  );
}

function requireString(params: JsonObject, name: string, path: string): string {
  const value = params[name];
  if (typeof value !== 'string') throw memberNull(path);
  return value;
}

function requireObject(params: JsonObject, name: string, path: string): JsonObject {
  const value = params[name];
  if (!isObject(value)) throw memberNull(path);
  return value;
}

function pick(source: JsonObject, names: readonly string[]): JsonObject {
  return Object.fromEntries(
    names.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]),
  );
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Plumbing

/** An error response of the DynamoDB JSON protocol, passed to the client as is. */
class DynamoServiceError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: JsonObject & { __type: string },
  ) {
    const message = body.message ?? body.Message;
    super(typeof message === 'string' ? message : body.__type);
  }

  /** The short error name, e.g. ConditionalCheckFailedException. */
  get code(): string {
    return this.body.__type.slice(this.body.__type.indexOf('#') + 1);
  }
}

/**
 * Calls dynalite's single-item operations on its internal port, in the wire format, so that attribute values (binary
 * ones included) round-trip untouched and error bodies can be relayed verbatim.
 */
class DynaliteCaller {
  constructor(
    private readonly port: number,
    private readonly agent: http.Agent,
  ) {}

  call(operation: string, input: JsonObject): Promise<JsonObject> {
    const body = JSON.stringify(input);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            'Content-Type': 'application/x-amz-json-1.0',
            'Content-Length': Buffer.byteLength(body),
            'X-Amz-Target': `${API_VERSION}.${operation}`,
            // dynalite insists that these are present and well formed but never verifies the signature.
            'X-Amz-Date': '20000101T000000Z',
            Authorization:
              'AWS4-HMAC-SHA256 Credential=local/20000101/local/dynamodb/aws4_request, ' +
              'SignedHeaders=host;x-amz-date;x-amz-target, Signature=local',
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const status = response.statusCode ?? 500;
            let parsed: unknown;
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              reject(
                new Error(`dynalite answered ${operation} with HTTP ${status} and a body that is not JSON`),
              );
              return;
            }
            if (!isObject(parsed)) {
              reject(new Error(`dynalite answered ${operation} with HTTP ${status} and a non-object body`));
            } else if (status === 200) {
              resolve(parsed);
            } else if (typeof parsed.__type === 'string') {
              reject(new DynamoServiceError(status, { ...parsed, __type: parsed.__type }));
            } else {
              reject(new Error(`dynalite answered ${operation} with HTTP ${status}`));
            }
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

/**
 * A fair (FIFO) readers–writer lock: plain requests share it, a transaction holds it alone. FIFO order keeps a steady
 * stream of plain requests from starving a waiting transaction.
 */
class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private readonly queue: { exclusive: boolean; grant: () => void }[] = [];

  acquireShared(): Promise<() => void> {
    return this.enqueue(false);
  }

  acquireExclusive(): Promise<() => void> {
    return this.enqueue(true);
  }

  private enqueue(exclusive: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      this.queue.push({
        exclusive,
        grant: () => {
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            if (exclusive) this.writer = false;
            else this.readers -= 1;
            this.pump();
          });
        },
      });
      this.pump();
    });
  }

  private pump(): void {
    for (;;) {
      const next = this.queue[0];
      if (next === undefined || this.writer) return;
      if (next.exclusive) {
        if (this.readers > 0) return;
        this.writer = true;
      } else {
        this.readers += 1;
      }
      this.queue.shift();
      next.grant();
    }
  }
}

function sendJson(res: http.ServerResponse, contentType: string, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  // The same headers dynalite (and the real service) send; some clients verify the checksum.
  res.setHeader('x-amz-crc32', String(crc32(text)));
  res.setHeader('x-amzn-RequestId', randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0'));
  res.end(text);
}

/** Mirrors dynalite: answer in the content type the client used. */
function responseContentType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0]?.trim();
  return type === 'application/json' ? 'application/json' : 'application/x-amz-json-1.0';
}

function operationOf(target: string | string[] | undefined): string | undefined {
  if (typeof target !== 'string') return undefined;
  const [api, operation] = target.split('.');
  return api === API_VERSION ? operation : undefined;
}

/**
 * dynalite opens LevelDB lazily and, when that fails (typically: another process holds the folder's lock), throws
 * from inside its request handler, which crashes the process on the first request with a bare "Database is closed".
 * Opening the folder once beforehand turns that into a clear error from startLocalDynamo instead.
 */
async function assertDataFolderUsable(path: string): Promise<void> {
  const probe = new Level(path);
  try {
    await probe.open();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `Cannot open the local DynamoDB data folder ${path} (is another local runtime using it?): ${reason}`,
      {
        cause: error,
      },
    );
  }
  await probe.close();
}

function closeBackend(backend: http.Server): Promise<void> {
  // dynalite's close() also waits for pending LevelDB operations and closes the database, releasing its folder lock.
  return new Promise((resolve, reject) => backend.close((error) => (error ? reject(error) : resolve())));
}
