import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Attempts in all, the first included: a conflict lasts as long as the other transaction, a few milliseconds. */
export const TRANSACTION_ATTEMPTS = 4;

/**
 * Whether DynamoDB cancelled a transaction only because another one was changing the same item at that moment
 * (`TransactionConflict`), with no condition failed: nothing was written, so the very same transaction may be sent
 * again. The embedded server serialises transactions and never answers this; DynamoDB does, for instance when
 * two referrals take a spot of the same service at once.
 */
export function onlyTransactionConflicts(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: readonly { Code?: string }[] }).CancellationReasons ?? [];
  const codes = reasons.map((r) => r.Code ?? 'None');
  return (
    codes.includes('TransactionConflict') && codes.every((c) => c === 'None' || c === 'TransactionConflict')
  );
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Sends a transaction again, with a short jittered pause, when DynamoDB cancelled it for a conflict only (see
 * onlyTransactionConflicts); any other outcome, a failed condition included, reaches the caller as it came. One
 * middleware on the table client rather than a retry at each of the stores' transactions.
 */
export const retryTransactionConflicts =
  (random: () => number = Math.random) =>
  <A, R>(next: (args: A) => Promise<R>) =>
  async (args: A): Promise<R> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(args);
      } catch (error) {
        if (attempt >= TRANSACTION_ATTEMPTS || !onlyTransactionConflicts(error)) throw error;
        await pause((10 << attempt) * (0.5 + random()));
      }
    }
  };

/** The document client every store uses, over the given SDK client (a test gives one pointed at its server). */
export function tableClient(client: DynamoDBClient): DynamoDBDocumentClient {
  client.middlewareStack.add(retryTransactionConflicts(), {
    step: 'initialize',
    name: 'retryTransactionConflicts',
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
