import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What every local stand-in server (DynamoDB, Step Functions, SNS, the API gateway) needs from node:http: read a
 * request body with a size cap, and listen without leaving an error listener behind.
 */
export class RequestTooLargeError extends Error {
  constructor() {
    super('Request body too large');
    this.name = 'RequestTooLargeError';
  }
}

/** Reads the whole body; past `maxBytes` stops buffering, drains the rest and rejects with RequestTooLargeError. */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    req.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(new RequestTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

export function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Node closes a kept-alive connection after 5 s idle; an SDK client that reuses it at that instant gets ECONNRESET.
 * Handlers keep one client for the life of the process, as on Lambda, so idle connections are kept much longer
 * (closing a server still drops them at once).
 */
export function keepIdleConnections(server: http.Server): void {
  server.keepAliveTimeout = 10 * 60_000;
}

/** Listens, and returns the URL to give the SDK: a wildcard address is reached through loopback. */
export async function listenForClients(server: http.Server, port: number, host: string): Promise<string> {
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  const endpointHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${endpointHost.includes(':') ? `[${endpointHost}]` : endpointHost}:${address.port}`;
}
