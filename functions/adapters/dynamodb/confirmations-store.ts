import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConfirmationQuestion } from '#domain/citizen-confirmation.js';
import type { ItemRead } from './batch-reads.js';
import { dynamo, TABLE_NAME } from './client.js';
import { queryPage } from './collections.js';
import * as keys from './keys.js';
import { type AuditRecord, auditItem } from './audit.js';
import { type NamedWrite, type TransactItem, withoutStorageAttributes } from './versioned.js';

/**
 * The question a completed referral puts to its citizen ("did you receive the service?", domain/citizen-confirmation.ts),
 * kept in the referral's own item collection (`SK = CONFIRMATION`). While it is pending it is listed in GSI1 under the
 * canton's closures to confirm, sorted by `callFrom`: the call-back list is one query for "due before now", never a
 * scan, and an answered question leaves the index.
 */

/** An audit record as one write of a larger transaction (the completion's). */
export const auditWrite = (audit: AuditRecord): TransactItem => ({
  Put: { TableName: TABLE_NAME, Item: auditItem(audit) },
});

const listed = (q: ConfirmationQuestion) => ({
  GSI1PK: keys.closuresToConfirm(q.cantonId),
  GSI1SK: `${q.callFrom}#${q.referralId}`,
});

/** Written in the transaction that completes the referral (app/referrals/end-effects.ts): once per referral. */
export const confirmationQuestionPut = (q: ConfirmationQuestion): NamedWrite => ({
  name: 'confirmation-question',
  write: {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        ...keys.citizenConfirmation(q.cantonId, q.referralId),
        entity: 'citizen-confirmation',
        ...q,
        ...listed(q),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  },
});

/** The question as a read that joins an operation's batch (batch-reads.ts). */
export const confirmationQuestionRead = (
  cantonId: string,
  referralId: string,
): ItemRead<ConfirmationQuestion> => ({
  key: keys.citizenConfirmation(cantonId, referralId),
  decode: (item) => withoutStorageAttributes<ConfirmationQuestion>(item),
});

export async function findConfirmationQuestion(
  cantonId: string,
  referralId: string,
): Promise<ConfirmationQuestion | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.citizenConfirmation(cantonId, referralId),
      ConsistentRead: true,
    }),
  );
  return Item ? withoutStorageAttributes<ConfirmationQuestion>(Item) : undefined;
}

const isConditionFailure = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

/** The SMS went out: the question waits for the citizen until `callFrom` (the protocol's period). */
export async function markSmsSent(q: ConfirmationQuestion, at: string): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: TABLE_NAME,
        Key: keys.citizenConfirmation(q.cantonId, q.referralId),
        UpdateExpression: 'SET smsSentAt = :at',
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':at': at, ':pending': 'pending' },
      }),
    );
  } catch (error) {
    // Answered already (an operator was quicker than the SMS): nothing to note.
    if (!isConditionFailure(error)) throw error;
  }
}

/** An operator calls from now: only while the question is pending (answered meanwhile, the condition fails). */
const callNowUpdate = (q: ConfirmationQuestion, at: string, reason: 'sms-failed' | 'link-revoked') => ({
  TableName: TABLE_NAME,
  Key: keys.citizenConfirmation(q.cantonId, q.referralId),
  UpdateExpression: 'SET callReason = :reason, callFrom = :at, GSI1SK = :sort',
  ConditionExpression: '#status = :pending',
  ExpressionAttributeNames: { '#status': 'status' },
  ExpressionAttributeValues: {
    ':reason': reason,
    ':at': at,
    ':sort': listed({ ...q, callFrom: at }).GSI1SK,
    ':pending': 'pending',
  },
});

/** The citizen's link was revoked with the referral's others: an operator calls from now, in that transaction. */
export const callNowWrite = (q: ConfirmationQuestion, at: string): TransactItem => ({
  Update: callNowUpdate(q, at, 'link-revoked'),
});

/** The SMS could not be sent: an operator calls from now. */
export async function callNow(q: ConfirmationQuestion, at: string): Promise<void> {
  try {
    await dynamo.send(new UpdateCommand(callNowUpdate(q, at, 'sms-failed')));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * Written with the answer on the referral: the question is answered and leaves the call-back list. Guarded by
 * still being pending, so a second answer (the link used twice, an operator and the citizen at once) fails whole.
 */
export const confirmationAnsweredWrite = (q: ConfirmationQuestion): NamedWrite => ({
  name: 'confirmation-question',
  write: {
    Update: {
      TableName: TABLE_NAME,
      Key: keys.citizenConfirmation(q.cantonId, q.referralId),
      UpdateExpression: 'SET #status = :answered REMOVE GSI1PK, GSI1SK',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':answered': 'answered', ':pending': 'pending' },
    },
  },
});

/**
 * Written when a completed referral is entered in error before its citizen answered: nothing is left to confirm, so
 * the question leaves the call-back list (guarded by still being pending, like an answer).
 */
export const confirmationWithdrawnWrite = (q: ConfirmationQuestion): NamedWrite => ({
  name: 'confirmation-question',
  write: {
    Update: {
      TableName: TABLE_NAME,
      Key: keys.citizenConfirmation(q.cantonId, q.referralId),
      UpdateExpression: 'SET #status = :withdrawn REMOVE GSI1PK, GSI1SK',
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':pending': 'pending' },
    },
  },
});

/** A page of the canton's closures to confirm whose call is due now, longest due first. */
export async function closuresToConfirmPage(
  cantonId: string,
  now: string,
  page: { limit: number; startKey?: Record<string, unknown> | undefined },
) {
  const found = await queryPage({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK < :before',
    ExpressionAttributeValues: { ':pk': keys.closuresToConfirm(cantonId), ':before': now },
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  return {
    questions: found.items.map((i) => withoutStorageAttributes<ConfirmationQuestion>(i)),
    lastKey: found.lastKey,
  };
}
