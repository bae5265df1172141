/** One request the handlers' DynamoDB client sent: its operation and its body as sent on the wire. */
export interface SentCall {
  readonly operation: string;
  // the wire JSON of any DynamoDB operation
  readonly body: any;
}

const MIDDLEWARE = 'testDynamoCalls';

/**
 * The test's own count of DynamoDB calls: a middleware on the very client every store uses (the local runtime runs
 * the handlers in the test's process) records each request while `during` runs. The referral workflow runs in the
 * same process, so a test asserts on what a call reads (keys), not on totals that a workflow step could change.
 */
export class DynamoCalls {
  private recording: SentCall[] | undefined;
  private readonly hooks: { operation: string; then: () => Promise<void> }[] = [];

  /**
   * Runs `then` right after the handlers' next call of this operation has its answer, before the handler sees it:
   * what another writer does between an operation's read and its write.
   */
  afterNext(operation: string, then: () => Promise<void>): void {
    this.hooks.push({ operation, then });
  }

  /** Call once the runtime has started (the client reads its table name when first loaded). */
  static async install(): Promise<DynamoCalls> {
    const { dynamo } = await import('../../functions/adapters/dynamodb/client.js');
    const calls = new DynamoCalls();
    dynamo.middlewareStack.remove(MIDDLEWARE);
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const request = (args as { request?: { headers: Record<string, string>; body?: unknown } }).request;
        if (calls.recording && request) {
          const target = request.headers['x-amz-target'] ?? '';
          const raw = request.body;
          const body =
            typeof raw === 'string' ? raw : raw instanceof Uint8Array ? new TextDecoder().decode(raw) : '{}';
          calls.recording.push({ operation: target.slice(target.indexOf('.') + 1), body: JSON.parse(body) });
        }
        const result = await next(args);
        const hook = calls.hooks.find((h) => request?.headers['x-amz-target']?.endsWith(`.${h.operation}`));
        if (hook) {
          calls.hooks.splice(calls.hooks.indexOf(hook), 1);
          await hook.then();
        }
        return result;
      },
      { step: 'build', name: MIDDLEWARE },
    );
    return calls;
  }

  private constructor() {}

  /** The calls sent while `action` ran, in order. */
  async during(action: () => Promise<unknown>): Promise<SentCall[]> {
    const calls: SentCall[] = [];
    this.recording = calls;
    try {
      await action();
    } finally {
      this.recording = undefined;
    }
    return calls;
  }
}

/** Every key a call reads (GetItem, BatchGetItem, TransactGetItems) as `PK|SK`, and every Query's partition. */
export function readKeys(call: SentCall): string[] {
  const key = (k: any) => `${k.PK.S}|${k.SK.S}`;
  switch (call.operation) {
    case 'GetItem':
      return [key(call.body.Key)];
    case 'BatchGetItem':
      return Object.values(call.body.RequestItems as Record<string, { Keys: unknown[] }>).flatMap((t) =>
        t.Keys.map(key),
      );
    case 'TransactGetItems':
      return call.body.TransactItems.map((t: any) => key(t.Get.Key));
    case 'Query':
      return [`${call.body.ExpressionAttributeValues[':pk'].S}|*`];
    default:
      return [];
  }
}

/** The keys a transaction's ConditionChecks look at, as `PK|SK`. */
export const conditionChecks = (call: SentCall): string[] =>
  call.operation === 'TransactWriteItems'
    ? call.body.TransactItems.filter((t: any) => t.ConditionCheck).map(
        (t: any) => `${t.ConditionCheck.Key.PK.S}|${t.ConditionCheck.Key.SK.S}`,
      )
    : [];
