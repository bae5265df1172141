/**
 * The few statistics the benchmarks report. Percentiles use the nearest-rank method on the sorted sample, so a
 * p99 of 200 samples is the second-slowest one: honest for small samples, where interpolation would invent values.
 */
export interface Summary {
  readonly count: number;
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

export function summarize(samples: readonly number[]): Summary {
  return {
    count: samples.length,
    medianMs: round(median(samples)),
    p99Ms: round(percentile(samples, 99)),
    minMs: round(Math.min(...samples)),
    maxMs: round(Math.max(...samples)),
  };
}

/** Three significant decimals are more than a millisecond timer on a shared machine can support. */
export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Runs `action` and returns how long it took in milliseconds, with its result. */
export async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await action();
  return { ms: performance.now() - started, value };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value, every `everyMs`, failing after `timeoutMs` with `what` in the message. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  { timeoutMs = 15_000, everyMs = 2 } = {},
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
