import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { LOCAL_TABLE_NAME } from '../lib/table.js';
import { OP_HEADER } from './fixture.js';
import {
  type Item,
  isRead,
  keyOf,
  NO_UNITS,
  readUnits,
  type Units,
  writeUnits,
  writtenItems,
} from './units.js';

/**
 * Counts every DynamoDB call, twice over:
 * - at the server: every request reaching the embedded DynamoDB endpoint, by its `x-amz-target` operation (Node's
 *   `http.server.request.start` diagnostics channel, which sees the headers without touching the body). This is the
 *   ground truth, whoever the caller, and what proves that nothing ever issues a Scan;
 * - at the client: an SDK middleware on the handlers' own client (functions/adapters/dynamodb/client.ts exports it; handlers
 *   import that one module instance), which also sees each request body and answer, to estimate request units and
 *   to record the exact calls for the storage-floor replay.
 * Each client-side call is attributed to the API operation that caused it: the gateway request carrying the
 * `x-bench-op` header enters an AsyncLocalStorage context that every await of its handler inherits, and work that
 * starts from a request to the local Step Functions endpoint (the referral workflow's Lambda steps) is labelled
 * `workflow`. So an asynchronous workflow step running during an API call is never counted as the call's.
 */
export const WORKFLOW = 'workflow';
const MIDDLEWARE = 'swcsBenchProbe';

export interface CapturedCall {
  /** The API operation (x-bench-op label) or `workflow` that made the call. */
  readonly op: string;
  readonly operation: string;
  /** The request as sent, in DynamoDB's JSON wire format. */
  readonly body: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
  readonly units: Units;
}

const tags = new AsyncLocalStorage<string>();
const portOf = (url: string | undefined) => (url ? Number(new URL(url).port) : -1);

export class DynamoProbe {
  /** Calls of the handlers' client while capturing, in the order they were sent. */
  readonly calls: CapturedCall[] = [];
  /** Every request that reached the DynamoDB endpoint, by operation (the whole life of the probe). */
  readonly serverCounts = new Map<string, number>();
  /** HTTP requests of the handlers' client since install (every attempt, whether captured or not). */
  handlerCalls = 0;
  /** HTTP requests the benchmark itself sent with its plain client (floor, polling, old images). */
  benchCalls = 0;
  capturing = false;

  private constructor(
    private readonly handlersClient: DynamoDBDocumentClient,
    private readonly raw: DynamoDBClient,
  ) {}

  /** Call after the runtime has started (the endpoints are known) and before the handlers are first used. */
  static async install(gatewayUrl: string, raw: DynamoDBClient): Promise<DynamoProbe> {
    // The very module instance the handlers use (same file URL), loaded after the runtime set TABLE_NAME.
    const { documentClient } = await import('../functions/adapters/dynamodb/client.js');
    const dynamo = documentClient();
    const probe = new DynamoProbe(dynamo, raw);
    const gatewayPort = portOf(gatewayUrl);
    const dynamoPort = portOf(process.env.AWS_ENDPOINT_URL_DYNAMODB);
    const workflowPort = portOf(process.env.AWS_ENDPOINT_URL_SFN);
    diagnostics.subscribe('http.server.request.start', (message) => {
      const { request } = message as { request: IncomingMessage };
      const port = request.socket.localPort;
      if (port === dynamoPort) {
        const target = String(request.headers['x-amz-target'] ?? '');
        const operation = target.slice(target.indexOf('.') + 1);
        probe.serverCounts.set(operation, (probe.serverCounts.get(operation) ?? 0) + 1);
      } else if (port === gatewayPort) {
        const label = request.headers[OP_HEADER];
        // Set-up calls without a label still get one, so they are never mistaken for a labelled call's.
        tags.enterWith(typeof label === 'string' ? label : 'unlabelled');
      } else if (port === workflowPort) {
        tags.enterWith(WORKFLOW);
      }
    });
    // Counters of HTTP attempts (inside the SDK's retry loop), for the server/client cross-check. They stay on
    // during timed runs: an increment is far below what a timer on a shared machine resolves.
    const attempts = { step: 'finalizeRequest', priority: 'low' } as const;
    raw.middlewareStack.add(
      (next) => async (args) => {
        probe.benchCalls += 1;
        return next(args);
      },
      { ...attempts, name: `${MIDDLEWARE}Raw` },
    );
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        probe.handlerCalls += 1;
        return next(args);
      },
      { ...attempts, name: `${MIDDLEWARE}Count` },
    );
    probe.attach();
    return probe;
  }

  /** Runs `action` with client-side capture on, and returns the calls it caused. */
  async capture(action: () => Promise<void>): Promise<CapturedCall[]> {
    const first = this.calls.length;
    this.capturing = true;
    try {
      await action();
    } finally {
      this.capturing = false;
    }
    return this.calls.slice(first);
  }

  /** Removes the client middleware, so that timed runs pay nothing for it. */
  detach(): void {
    this.handlersClient.middlewareStack.remove(MIDDLEWARE);
  }

  private attach(): void {
    this.handlersClient.middlewareStack.add(
      (next) => async (args) => {
        if (!this.capturing) return next(args);
        const request = (args as { request?: { headers: Record<string, string>; body?: unknown } }).request;
        const target = request?.headers['x-amz-target'] ?? '';
        const operation = target.slice(target.indexOf('.') + 1);
        const body = decode(request?.body);
        const input = JSON.parse(body) as Record<string, any>;
        const op = tags.getStore() ?? 'unlabelled';
        // Old images first (for write units), so the timing of the call itself is what the handler saw.
        const before = isRead(operation)
          ? new Map<string, Item | undefined>()
          : await this.imagesBefore(operation, input);
        const startedAt = performance.now();
        let ok = false;
        let output: Record<string, any> = {};
        try {
          const result = await next(args);
          output = (result.output ?? {}) as Record<string, any>;
          ok = true;
          return result;
        } finally {
          const endedAt = performance.now();
          const units = isRead(operation)
            ? readUnitsFrom(operation, input, output)
            : writeUnits(operation, input, before);
          this.calls.push({
            op,
            operation,
            body,
            startedAt,
            endedAt,
            ok,
            units: ok ? units : { ...units, storedBytes: 0 },
          });
        }
      },
      // After serialization: the request body is the wire JSON, whatever document-client marshalling preceded it.
      { step: 'build', name: MIDDLEWARE },
    );
  }

  private async imagesBefore(operation: string, input: Record<string, any>) {
    const keys = writtenItems(operation, input).map((w) => keyOnly(w.key));
    const images = new Map<string, Item | undefined>(keys.map((k) => [keyOf(k), undefined]));
    if (keys.length === 0) return images;
    const unique = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
    const answer = await this.raw.send(
      new BatchGetItemCommand({
        RequestItems: { [LOCAL_TABLE_NAME]: { Keys: unique as never, ConsistentRead: true } },
      }),
    );
    for (const item of (answer.Responses?.[LOCAL_TABLE_NAME] ?? []) as unknown as Item[])
      images.set(keyOf(item), item);
    return images;
  }
}

function keyOnly(item: Item): Item {
  return { PK: item.PK as never, SK: item.SK as never };
}

function decode(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '{}';
}

/** The handlers' client is a document client: answers arrive unmarshalled, so marshal them back to size them. */
function readUnitsFrom(operation: string, input: Record<string, any>, output: Record<string, any>): Units {
  const options = { removeUndefinedValues: true, convertClassInstanceToMap: true };
  const toWire = (item: Record<string, unknown>) => marshall(item, options) as unknown as Item;
  switch (operation) {
    case 'GetItem':
      return readUnits(operation, input, output.Item ? [toWire(output.Item)] : []);
    case 'Query':
    case 'Scan':
      return readUnits(operation, input, (output.Items ?? []).map(toWire), output.ScannedCount);
    case 'TransactGetItems':
      return readUnits(
        operation,
        input,
        (output.Responses ?? []).flatMap((r: { Item?: Record<string, unknown> }) =>
          r.Item ? [toWire(r.Item)] : [],
        ),
      );
    case 'BatchGetItem':
      return readUnits(
        operation,
        input,
        Object.values((output.Responses ?? {}) as Record<string, Record<string, unknown>[]>)
          .flat()
          .map(toWire),
      );
    default:
      return NO_UNITS;
  }
}
