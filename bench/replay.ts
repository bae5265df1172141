import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { ulid } from '#kernel/ids.js';
import type { CapturedCall } from './dynamo-probe.js';
import { isRead } from './units.js';

/**
 * The storage floor of an API operation: the very DynamoDB requests its handler sent (captured on the wire by the
 * probe), sent again with the plain SDK client — no gateway, no token check, no validation, no document-client
 * marshalling, no domain code — with the same concurrency (calls that overlapped in time are sent together).
 *
 * A replay must succeed the way the original did, so ids are renewed: every ULID (request, referral and audit ids)
 * in a write is replaced by a fresh one per replay, so conditional creates find no existing item; ids given in
 * `mapping` (the request or referral the replay works on, prepared like the timed call's) are replaced in reads
 * and writes alike, and so are other values given there (the task token a completion checks). Reads keep other
 * ids: reading the same request again is what the timed call does too.
 */
const ULID = /\b[0-9A-HJKMNP-TV-Z]{26}\b/g;

type Command =
  | GetItemCommand
  | QueryCommand
  | PutItemCommand
  | UpdateItemCommand
  | DeleteItemCommand
  | TransactWriteItemsCommand
  | TransactGetItemsCommand
  | BatchGetItemCommand
  | BatchWriteItemCommand;

const COMMANDS: Record<string, new (input: any) => Command> = {
  GetItem: GetItemCommand,
  Query: QueryCommand,
  PutItem: PutItemCommand,
  UpdateItem: UpdateItemCommand,
  DeleteItem: DeleteItemCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  TransactGetItems: TransactGetItemsCommand,
  BatchGetItem: BatchGetItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
};

export interface ReplayCall {
  readonly operation: string;
  readonly body: string;
}

/** Calls grouped into steps: the calls of one step overlapped in time and are sent together. */
export type ReplayPlan = readonly (readonly ReplayCall[])[];

export function planOf(calls: readonly CapturedCall[]): ReplayPlan {
  const steps: ReplayCall[][] = [];
  let stepEnd = Number.NEGATIVE_INFINITY;
  for (const call of [...calls].sort((a, b) => a.startedAt - b.startedAt)) {
    const current = steps[steps.length - 1];
    if (current && call.startedAt < stepEnd) {
      current.push({ operation: call.operation, body: call.body });
      stepEnd = Math.max(stepEnd, call.endedAt);
    } else {
      steps.push([{ operation: call.operation, body: call.body }]);
      stepEnd = call.endedAt;
    }
  }
  return steps;
}

/** Builds the SDK commands of one replay (outside the timed section: parsing is not the storage's cost). */
export function prepare(plan: ReplayPlan, mapping: ReadonlyMap<string, string> = new Map()): Command[][] {
  const fresh = new Map<string, string>();
  // Mapped values that are not ULIDs (a workflow's task token, which a transaction checks) are replaced as they are.
  const literals = [...mapping].filter(([from]) => !from.match(ULID));
  const renew = (text: string, read: boolean) =>
    literals
      .reduce((t, [from, to]) => t.replaceAll(from, to), text)
      .replace(ULID, (id) => {
        const mapped = mapping.get(id);
        if (mapped) return mapped;
        if (read) return id;
        let renewed = fresh.get(id);
        if (!renewed) fresh.set(id, (renewed = ulid()));
        return renewed;
      });
  return plan.map((step) =>
    step.map(({ operation, body }) => {
      const Command = COMMANDS[operation];
      if (!Command) throw new Error(`No replay for DynamoDB operation ${operation}`);
      return new Command(JSON.parse(renew(body, isRead(operation))));
    }),
  );
}

/** Sends a prepared replay; any failure (a condition that did not hold) is an error, never a fast fake floor. */
export async function execute(client: DynamoDBClient, steps: Command[][]): Promise<void> {
  for (const step of steps) {
    await Promise.all(step.map((command) => client.send(command as never)));
  }
}
