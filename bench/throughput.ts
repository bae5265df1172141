import { type Message, startChild } from './child.js';
import { round, type Summary, summarize } from './stats.js';

/**
 * Local throughput of intake (record a request): N clients, each sending its next request as soon as the previous
 * one is answered, for a bounded time or count per level. The server (throughput-server.ts) runs in its own
 * process; this process only sends requests, over kept-alive connections to 127.0.0.1.
 */
export const CONCURRENCY = [1, 8, 32] as const;
const RUN_MS = 3_000;
const MAX_REQUESTS = 3_000;
const WARMUP_MS = 500;

export interface ThroughputLevel {
  readonly clients: number;
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly latency: Summary;
  readonly errors: number;
}

export interface ThroughputSection {
  readonly levels: readonly ThroughputLevel[];
  readonly memory: {
    readonly maxRssMiB: number;
    readonly sampledPeakRssMiB: number;
    readonly rssAtStartMiB: number;
    readonly heapUsedMiB: number;
  };
  readonly runMs: number;
  readonly maxRequests: number;
}

interface Ready extends Message {
  readonly url: string;
  readonly token: string;
  readonly body: unknown;
}

export async function measureThroughput(): Promise<ThroughputSection> {
  const server = startChild(new URL('./throughput-server.ts', import.meta.url));
  try {
    const { url, token, body } = await server.next<Ready>('ready');
    const send = async (): Promise<boolean> => {
      const response = await fetch(`${url}/cantons/quito/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status === 201;
    };
    const levels: ThroughputLevel[] = [];
    for (const clients of CONCURRENCY) {
      await load(send, clients, WARMUP_MS, Number.POSITIVE_INFINITY);
      const { latencies, errors, ms } = await load(send, clients, RUN_MS, MAX_REQUESTS);
      levels.push({
        clients,
        requests: latencies.length,
        seconds: round(ms / 1000, 2),
        requestsPerSecond: round(latencies.length / (ms / 1000), 1),
        latency: summarize(latencies),
        errors,
      });
    }
    server.send({ type: 'report' });
    const memory = await server.next<Message & ThroughputSection['memory']>('memory');
    server.send({ type: 'stop' });
    await server.exited;
    const { type: _type, ...figures } = memory;
    return { levels, memory: roundAll(figures), runMs: RUN_MS, maxRequests: MAX_REQUESTS };
  } catch (error) {
    server.kill();
    throw error;
  }
}

/** `clients` loops, until `ms` have passed or `max` requests have been started. */
async function load(send: () => Promise<boolean>, clients: number, ms: number, max: number) {
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  const began = performance.now();
  const stopAt = began + ms;
  const client = async () => {
    while (performance.now() < stopAt && started < max) {
      started += 1;
      const t0 = performance.now();
      const ok = await send().catch(() => false);
      if (ok) latencies.push(performance.now() - t0);
      else errors += 1;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { latencies, errors, ms: performance.now() - began };
}

function roundAll(figures: ThroughputSection['memory']): ThroughputSection['memory'] {
  return Object.fromEntries(
    Object.entries(figures).map(([k, v]) => [k, round(v, 1)]),
  ) as ThroughputSection['memory'];
}
