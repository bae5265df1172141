/**
 * dynalite, the embedded DynamoDB behind the front server: started on an internal port, and called there by the
 * transactions in the wire format.
 */
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { AwsProtocolError, type JsonObject, isObject } from '../aws-protocol.js';
import { listen } from '../http-plumbing.js';
import { API_VERSION } from './protocol.js';

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

export interface Dynalite {
  /** dynalite's own request listener, to which the front passes every request it does not implement. */
  readonly listener: http.RequestListener;
  /** Calls dynalite's single-item operations. */
  readonly caller: DynaliteCaller;
  /** Closes the database, releasing its folder lock. */
  close(): Promise<void>;
}

/** Starts dynalite on LevelDB in `path` (created if missing), or in memory without one. */
export async function startDynalite(path: string | undefined): Promise<Dynalite> {
  if (path !== undefined) {
    // LevelDB creates its own folder but not missing parents (e.g. a fresh `.swcs/dynamodb`).
    await mkdir(path, { recursive: true });
    await assertDataFolderUsable(path);
  }

  // The delays default to 500 ms of CREATING/DELETING/UPDATING status, which only slows tests and start-up.
  const backend = dynalite({
    ...(path !== undefined ? { path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const listener = backend.listeners('request')[0] as http.RequestListener | undefined;
  if (listener === undefined) throw new Error('dynalite did not register a request listener');

  // dynalite must listen even though clients never reach it directly: its close() starts by closing the HTTP server
  // and only then closes LevelDB (failing if the server never listened), and the transaction code needs a way in.
  await listen(backend, 0, '127.0.0.1');
  const port = (backend.address() as AddressInfo).port;
  const agent = new http.Agent({ keepAlive: true });
  return {
    listener,
    caller: new DynaliteCaller(port, agent),
    close() {
      agent.destroy();
      return closeBackend(backend);
    },
  };
}

/**
 * Calls dynalite's single-item operations on its internal port, in the wire format, so that attribute values (binary
 * ones included) round-trip untouched and error bodies can be relayed verbatim.
 */
export class DynaliteCaller {
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
              reject(new AwsProtocolError(status, { ...parsed, __type: parsed.__type }));
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
