import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TIME_TO_LIVE_ATTRIBUTE } from '../../../lib/table.js';
import { dynamo, TABLE_NAME } from './client.js';
import * as keys from './keys.js';

/**
 * The DynamoDB adapter for idempotency keys: one item per key, in the caller's canton. It holds hashes, times and,
 * once the first attempt has answered, that answer sealed with the client's key (functions/http/idempotency.ts)
 * — never the request body or the client's key string. `expiresAt` is the table's time-to-live attribute.
 */
export interface IdempotencyRecord {
  readonly state: 'in-progress' | 'completed';
  /** Hash of the operation, its path and its body: the same key with another request is refused. */
  readonly fingerprint: string;
  /** Which attempt holds the key (a random id), so only it completes or releases it. */
  readonly attempt: string;
  /** Until when (epoch ms) an attempt in progress holds the key; after that a retry may take it over. */
  readonly leaseUntil: number;
  /** When (epoch seconds) the key is forgotten. */
  readonly expiresAt: number;
  /** The first answer, sealed; present once completed. */
  readonly response?: string;
}

export interface KeyScope {
  readonly cantonId: string;
  /** Hash of the caller and the client's key. */
  readonly digest: string;
}

const keyOf = (scope: KeyScope) => keys.idempotencyKey(scope.cantonId, scope.digest);

/**
 * Takes the key for an attempt unless it is held: a key never seen, forgotten (past `expiresAt`: DynamoDB's time
 * to live deletes late, and dynalite never), or whose attempt in progress outlived its lease. Answers whether it
 * was taken; when not, the caller reads the record that holds it.
 */
export async function claimKey(
  scope: KeyScope,
  claim: { operationId: string; fingerprint: string; attempt: string; leaseUntil: number; expiresAt: number },
  now: Date,
): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: TABLE_NAME,
        Item: {
          ...keyOf(scope),
          entity: 'idempotency-key',
          operationId: claim.operationId,
          state: 'in-progress',
          fingerprint: claim.fingerprint,
          attempt: claim.attempt,
          leaseUntil: claim.leaseUntil,
          [TIME_TO_LIVE_ATTRIBUTE]: claim.expiresAt,
          createdAt: now.toISOString(),
        },
        ConditionExpression:
          'attribute_not_exists(PK) OR #expiresAt < :nowSeconds OR (#state = :inProgress AND #leaseUntil < :nowMs)',
        ExpressionAttributeNames: {
          '#expiresAt': TIME_TO_LIVE_ATTRIBUTE,
          '#state': 'state',
          '#leaseUntil': 'leaseUntil',
        },
        ExpressionAttributeValues: {
          ':nowSeconds': Math.floor(now.getTime() / 1000),
          ':nowMs': now.getTime(),
          ':inProgress': 'in-progress',
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The record that holds a key, or none (never seen, or forgotten: past its time, as if deleted). */
export async function findKey(scope: KeyScope, now: Date): Promise<IdempotencyRecord | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keyOf(scope), ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const record = {
    state: Item.state,
    fingerprint: Item.fingerprint,
    attempt: Item.attempt,
    leaseUntil: Item.leaseUntil,
    expiresAt: Item[TIME_TO_LIVE_ATTRIBUTE],
    ...(typeof Item.response === 'string' ? { response: Item.response } : {}),
  } as IdempotencyRecord;
  return record.expiresAt < Math.floor(now.getTime() / 1000) ? undefined : record;
}

/** Records the attempt's answer; answers false if the attempt no longer holds the key. */
export async function completeKey(scope: KeyScope, attempt: string, response: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keyOf(scope),
        UpdateExpression: 'SET #state = :completed, #response = :response',
        ConditionExpression: '#attempt = :attempt',
        ExpressionAttributeNames: {
          '#state': 'state',
          '#response': 'response',
          '#attempt': 'attempt',
        },
        ExpressionAttributeValues: { ':completed': 'completed', ':response': response, ':attempt': attempt },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Frees the key after an attempt that failed, so that a retry runs again (if the attempt still holds it). */
export async function releaseKey(scope: KeyScope, attempt: string): Promise<void> {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: TABLE_NAME,
        Key: keyOf(scope),
        ConditionExpression: '#attempt = :attempt',
        ExpressionAttributeNames: { '#attempt': 'attempt' },
        ExpressionAttributeValues: { ':attempt': attempt },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
