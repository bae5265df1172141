import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Caller } from '#model/caller.js';
import { clock } from '#kernel/clock.js';
import { ulid } from '#kernel/ids.js';
import { dynamo, TABLE_NAME } from './client.js';
import * as keys from './keys.js';

/**
 * An append-only record of who read or changed a citizen's data. It names the actor, the action and the record,
 * never the citizen: the audit trail must be safe to hand to an auditor who has no access to the data itself.
 */
export interface AuditRecord {
  readonly cantonId: string;
  readonly at: string;
  readonly actor: { readonly userId: string; readonly roles: readonly string[] };
  readonly action: string;
  readonly target: { readonly type: string; readonly id?: string };
  readonly details?: Readonly<Record<string, unknown>>;
}

export function auditItem(record: AuditRecord) {
  const auditId = ulid();
  return { ...keys.audit(record.cantonId, record.at, auditId), entity: 'audit', auditId, ...record };
}

/** Reads leave an audit record too; it is written before the data is returned. */
export async function recordAudit(audit: AuditRecord) {
  await dynamo.send(new PutCommand({ TableName: TABLE_NAME, Item: auditItem(audit) }));
}

/** The audit record of what a caller did to a record of a canton; `at` defaults to now on the product clock. */
export function auditOf(
  caller: Caller,
  cantonId: string,
  action: string,
  target: AuditRecord['target'],
  options: { at?: string; details?: Readonly<Record<string, unknown>> } = {},
): AuditRecord {
  return {
    cantonId,
    at: options.at ?? clock.now().toISOString(),
    actor: { userId: caller.userId, roles: caller.roles },
    action,
    target,
    ...(options.details ? { details: options.details } : {}),
  };
}
