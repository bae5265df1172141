/**
 * TransactWriteItems and TransactGetItems, which dynalite lacks, built from its single-item operations. The caller
 * passes the front's lock: a transaction holds it alone, so no other request can observe or interleave with a
 * half-applied transaction, which is the isolation the real service guarantees.
 */
import { AwsProtocolError, type JsonObject, SERIALIZATION_EXCEPTION, isObject } from '../aws-protocol.js';
import type { DynaliteCaller } from './dynalite.js';
import type { ReadWriteLock } from './lock.js';
import { SERVICE_PREFIX, memberNull, validationError } from './protocol.js';

/** The limit the real service applies since 2022 (it was 25 before). */
const MAX_TRANSACTION_ITEMS = 100;

/** An attribute map in DynamoDB's JSON wire format (B values stay base64 strings, which is why no SDK is used). */
type AttributeMap = Record<string, unknown>;

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

/** A record of the table's stream (view type NEW_IMAGE), as the embedded table delivers it. */
export interface StreamRecord {
  readonly eventName: 'INSERT' | 'MODIFY';
  readonly tableName: string;
  readonly newImage: AttributeMap;
}

/** The Puts of a committed transaction as stream records: INSERT where no item stood at the key, else MODIFY. */
const newImages = (operations: readonly WriteOperation[], priors: readonly unknown[]): StreamRecord[] =>
  operations.flatMap((operation, index) =>
    operation.kind === 'Put' && isObject(operation.params.Item)
      ? [
          {
            eventName: priors[index] === undefined ? 'INSERT' : 'MODIFY',
            tableName: operation.tableName,
            newImage: operation.params.Item as AttributeMap,
          },
        ]
      : [],
  );

interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: AttributeMap;
}

export class Transactions {
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
  /** The new images of the items it put are what the table's stream would carry (LocalDynamoOptions.onStream). */
  async write(
    input: unknown,
    lock: ReadWriteLock,
    isStopped: () => boolean,
  ): Promise<{ committed: StreamRecord[] }> {
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
            if (!(error instanceof AwsProtocolError && error.code === 'ConditionalCheckFailedException'))
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
      return { committed: newImages(operations, priors) };
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
    throw new AwsProtocolError(400, { __type: SERIALIZATION_EXCEPTION });
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

function transactionCanceled(reasons: readonly CancellationReason[]): AwsProtocolError {
  // The real service spells this field "Message" (capital M), which is what the SDK reads into the exception.
  return new AwsProtocolError(400, {
    __type: `${SERVICE_PREFIX}TransactionCanceledException`,
    Message:
      'Transaction cancelled, please refer cancellation reasons for specific reasons ' +
      `[${reasons.map((reason) => reason.Code).join(', ')}]`,
    CancellationReasons: reasons,
  });
}

function shuttingDown(): AwsProtocolError {
  return new AwsProtocolError(503, {
    __type: `${SERVICE_PREFIX}ServiceUnavailableException`,
    message: 'The local DynamoDB server is shutting down',
  });
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

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
