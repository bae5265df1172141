/**
 * The embedded DynamoDB-compatible server used by the local runtime (`npm start`) and by the tests.
 *
 * dynalite does the real work (LevelDB on disk or in memory, conditional writes, GSIs, queries), but it has no
 * TransactWriteItems / TransactGetItems. The product relies on transactions (a referral and the service's spots change
 * together), so a small front server sits on the public endpoint:
 * - every other operation goes straight to dynalite's own request listener, holding a shared lock until its response
 *   has finished;
 * - the two transaction operations are implemented with the exclusive lock held, by calling dynalite's
 *   single-item operations on an internal port and undoing what was written if the transaction is cancelled.
 * Holding the exclusive lock means no other request can observe or interleave with a half-applied transaction, which
 * is the isolation the real service guarantees.
 *
 * The parts, in dynamodb/: dynalite.ts (starting dynalite and calling it), transactions.ts, lock.ts (the
 * readers–writer lock), protocol.ts (DynamoDB's errors and answers) and table.ts (the table from lib/table.ts).
 */
import http from 'node:http';
import { AwsProtocolError, SERIALIZATION_EXCEPTION, parseJsonBody, sendJson } from './aws-protocol.js';
import { startDynalite } from './dynamodb/dynalite.js';
import { ReadWriteLock } from './dynamodb/lock.js';
import { SERVICE_PREFIX, answerStyle, dynamoOperation } from './dynamodb/protocol.js';
import { type StreamRecord, Transactions } from './dynamodb/transactions.js';
import { RequestTooLargeError, keepIdleConnections, listenForClients, readBody } from './http-plumbing.js';

export { ensureTable } from './dynamodb/table.js';
export type { StreamRecord } from './dynamodb/transactions.js';

export interface LocalDynamoOptions {
  /** LevelDB folder; created if missing. Without it the data lives in memory and is gone on close(). */
  readonly path?: string;
  /** Public port; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; 127.0.0.1 by default so that the database is never exposed to the network. */
  readonly host?: string;
  /**
   * The table's stream (NEW_IMAGE), for the items that transactions put: told of each committed transaction's Puts
   * once its answer has gone out, as DynamoDB Streams delivers shortly after a write. Every item the product reads
   * from the stream (the registry and workflow outboxes) is written in a transaction; single-item writes, updates
   * and deletes are not reported.
   */
  readonly onStream?: (records: readonly StreamRecord[]) => void;
}

export interface LocalDynamo {
  /** The URL to give the SDK (`endpoint`, or AWS_ENDPOINT_URL_DYNAMODB). */
  readonly endpoint: string;
  /** Stops accepting requests, waits for those in flight, and closes the database. Idempotent. */
  close(): Promise<void>;
}

/** Same request size limit as dynalite's own listener. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export async function startLocalDynamo(options: LocalDynamoOptions = {}): Promise<LocalDynamo> {
  const host = options.host ?? '127.0.0.1';
  const backend = await startDynalite(options.path);
  const lock = new ReadWriteLock();
  const transactions = new Transactions(backend.caller);
  let closing = false;
  // Set once close() holds the lock for good: a transaction granted the lock after that point would only find the
  // database closed underneath it.
  let stopped = false;

  const front = http.createServer((req, res) => {
    if (closing) res.shouldKeepAlive = false;
    const operation = dynamoOperation(req.headers['x-amz-target']);
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
  keepIdleConnections(front);

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
      backend.listener(req, res);
    });
  }

  async function handleTransaction(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    operation: 'TransactWriteItems' | 'TransactGetItems',
  ): Promise<void> {
    const style = answerStyle(req);
    let input: unknown;
    try {
      input = parseJsonBody(await readBody(req, MAX_REQUEST_BYTES));
    } catch (error) {
      if (error instanceof RequestTooLargeError) {
        res.statusCode = 413;
        res.end();
      } else {
        sendJson(res, 400, { __type: SERIALIZATION_EXCEPTION }, style);
      }
      return;
    }
    try {
      if (operation === 'TransactWriteItems') {
        const { committed } = await transactions.write(input, lock, () => stopped);
        const { onStream } = options;
        if (onStream && committed.length > 0)
          res.once('finish', () => setImmediate(() => onStream(committed)));
        sendJson(res, 200, {}, style);
      } else {
        sendJson(res, 200, await transactions.get(input, lock, () => stopped), style);
      }
    } catch (error) {
      if (error instanceof AwsProtocolError) {
        sendJson(res, error.statusCode, error.body, style);
      } else {
        sendJson(
          res,
          500,
          {
            __type: `${SERVICE_PREFIX}InternalServerError`,
            message: `Local transaction failed: ${error instanceof Error ? error.message : String(error)}`,
          },
          style,
        );
      }
    }
  }

  let endpoint: string;
  try {
    endpoint = await listenForClients(front, options.port ?? 0, host);
  } catch (error) {
    await backend.close();
    throw error;
  }

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
    await backend.close();
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
