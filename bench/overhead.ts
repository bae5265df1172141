/**
 * Child process: DynamoDB calls per API operation (every route), then the overhead of the six core operations over
 * their storage floor. Started by bench/run.ts; sends one `result` message.
 */
import { childMain } from './child.js';
import { type CapturedCall, DynamoProbe } from './dynamo-probe.js';
import { type BenchRuntime, prepareReferrals, startBenchRuntime } from './fixture.js';
import { type Ids, type Operation, operations, uncovered } from './operations.js';
import { execute, planOf, prepare, type ReplayPlan } from './replay.js';
import { round, type Summary, summarize, timed } from './stats.js';
import { CALLS_TARGET, OVERHEAD_P99_TARGET, OVERHEAD_TARGET } from './targets.js';
import { addUnits, NO_UNITS, type Units } from './units.js';

/** Repetitions counted per operation (after one uncounted warm-up run: module load, canton cache). */
const COUNTED_RUNS = 3;
/** Timed runs per core operation, each paired with a floor replay; preceded by warm-up pairs. */
const TIMED_RUNS = Number(process.env.BENCH_TIMED_RUNS ?? 200);
const WARMUP_RUNS = 20;
/** `npm run bench -- --quick`: counts only, no timed runs (what does not depend on the machine). */
const COUNTS_ONLY = process.env.BENCH_QUICK === '1';

export interface OperationCalls {
  readonly label: string;
  /** Set when the operation could not be run (e.g. a route still being built): its counts are then absent. */
  readonly error?: string;
  readonly operationId: string;
  readonly core?: string;
  /** DynamoDB calls of one run (identical in every counted run, else the range). */
  readonly calls: number;
  readonly callsRange: readonly [number, number];
  /** e.g. { Query: 1, TransactWriteItems: 1 } for one run. */
  readonly byOperation: Readonly<Record<string, number>>;
  /** Estimated request units of one run (see units.ts). */
  readonly units: Units;
  readonly overTarget: boolean;
}

export interface OverheadResult {
  readonly core: string;
  readonly label: string;
  /** What a client sees: HTTP to the local gateway, its token check, the function, the answer. */
  readonly api: Summary;
  /** The function alone, from the event to its answer (what Lambda's REPORT line calls its duration). */
  /** Absent in results recorded before it was measured (bench --from an older file). */
  readonly fn?: Summary;
  readonly floor: Summary;
  /** Function median / floor median, and function p99 / floor median: the targets. */
  readonly ratioMedian: number;
  readonly ratioP99: number;
  /** The same ratios for the whole local path (API), which adds the local stand-in for API Gateway. */
  readonly apiRatioMedian?: number;
  readonly apiRatioP99?: number;
  readonly floorCalls: string;
  readonly overTarget: boolean;
}

export interface OverheadSection {
  readonly calls: readonly OperationCalls[];
  readonly serverCounts: Readonly<Record<string, number>>;
  readonly scans: number;
  readonly crossCheck: { readonly server: number; readonly clients: number; readonly equal: boolean };
  readonly overhead: readonly OverheadResult[];
  readonly timedRuns: number;
  /** Routes of the table with no benchmark call yet. */
  readonly uncovered: readonly string[];
}

async function main(): Promise<OverheadSection> {
  const rt = await startBenchRuntime();
  try {
    const probe = await DynamoProbe.install(rt.url, rt.raw);
    const fx = await prepareReferrals(rt);
    const ops = await operations(rt, fx);
    const { calls, templates } = await countCalls(probe, ops);
    probe.detach();
    const overhead: OverheadResult[] = [];
    for (const op of ops.filter((o) => o.core && !COUNTS_ONLY)) {
      const template = templates.get(op.label);
      if (!template) throw new Error(`No captured calls for ${op.label}`);
      overhead.push(await measureOverhead(rt, op, template));
    }
    const server = [...probe.serverCounts.values()].reduce((a, b) => a + b, 0);
    const clients = probe.handlerCalls + probe.benchCalls;
    return {
      calls,
      serverCounts: Object.fromEntries(probe.serverCounts),
      scans: (probe.serverCounts.get('Scan') ?? 0) + (probe.serverCounts.get('ParallelScan') ?? 0),
      crossCheck: { server, clients, equal: server === clients },
      overhead,
      timedRuns: COUNTS_ONLY ? 0 : TIMED_RUNS,
      uncovered: uncovered(ops),
    };
  } finally {
    await rt.stop();
  }
}

interface Template {
  /** The ids the captured run worked on, and the calls it made. */
  readonly ids: Ids;
  readonly plan: ReplayPlan;
}

/** Each operation once uncounted (module load, canton cache), then COUNTED_RUNS times with the probe capturing. */
async function countCalls(probe: DynamoProbe, ops: readonly Operation[]) {
  const calls: OperationCalls[] = [];
  const templates = new Map<string, Template>();
  for (const op of ops) {
    const runs: { ids: Ids; calls: CapturedCall[] }[] = [];
    try {
      await runOnce(op);
      for (let i = 0; i < COUNTED_RUNS; i++) {
        const ids = await op.prepare();
        const captured = await probe.capture(() => runOnce(op, ids));
        runs.push({ ids, calls: captured.filter((c) => c.op === op.label) });
      }
    } catch (error) {
      // One broken route must not hide the figures of all the others; it is reported as not measured.
      if (op.core) throw error;
      calls.push(failed(op, error));
      continue;
    }
    calls.push(
      tallyRuns(
        op,
        runs.map((r) => r.calls),
      ),
    );
    const last = runs[runs.length - 1];
    if (op.core && last) templates.set(op.label, { ids: last.ids, plan: planOf(last.calls) });
  }
  return { calls, templates };
}

/**
 * Pairs of runs: the operation through the local HTTP path, and the replay of its DynamoDB calls on a record
 * prepared the same way. Which goes first alternates, so that neither always runs on the heap the other left.
 */
async function measureOverhead(rt: BenchRuntime, op: Operation, template: Template): Promise<OverheadResult> {
  const api: number[] = [];
  const fn: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < WARMUP_RUNS + TIMED_RUNS; i++) {
    const apiIds = await op.prepare();
    const steps = prepare(template.plan, mapping(template.ids, await op.prepare()));
    const measureApi = async () => {
      rt.timing(true);
      const { ms, value } = await timed(() => op.run(apiIds));
      const own = rt.takeInvocations().filter((report) => report.operationId === op.operationId);
      rt.timing(false);
      if (own.length !== 1) throw new Error(`${op.label}: ${own.length} invocations in one run, expected 1`);
      if (i >= WARMUP_RUNS) fn.push((own[0] as (typeof own)[number]).durationMs);
      await op.settle?.(apiIds, value);
      return ms;
    };
    const measureFloor = async () => {
      try {
        return (await timed(() => execute(rt.raw, steps))).ms;
      } catch (error) {
        throw new Error(`${op.label}: the floor replay failed (${(error as Error).message})`, {
          cause: error,
        });
      }
    };
    let a: number;
    let f: number;
    if (i % 2 === 0) {
      a = await measureApi();
      f = await measureFloor();
    } else {
      f = await measureFloor();
      a = await measureApi();
    }
    if (i >= WARMUP_RUNS) {
      api.push(a);
      floor.push(f);
    }
  }
  const apiSummary = summarize(api);
  const fnSummary = summarize(fn);
  const floorSummary = summarize(floor);
  const ratioMedian = round(fnSummary.medianMs / floorSummary.medianMs, 2);
  const ratioP99 = round(fnSummary.p99Ms / floorSummary.medianMs, 2);
  return {
    core: op.core as string,
    label: op.label,
    api: apiSummary,
    fn: fnSummary,
    floor: floorSummary,
    ratioMedian,
    ratioP99,
    apiRatioMedian: round(apiSummary.medianMs / floorSummary.medianMs, 2),
    apiRatioP99: round(apiSummary.p99Ms / floorSummary.medianMs, 2),
    floorCalls: template.plan.map((step) => step.map((c) => c.operation).join(' ‖ ')).join(' → '),
    overTarget: ratioMedian > OVERHEAD_TARGET || ratioP99 > OVERHEAD_P99_TARGET,
  };
}

async function runOnce(op: Operation, prepared?: Ids): Promise<void> {
  const ids = prepared ?? (await op.prepare());
  const created = await op.run(ids);
  await op.settle?.(ids, created);
}

/** Template ids → this run's ids, for the floor replay. */
function mapping(template: Ids, run: Ids): Map<string, string> {
  return new Map(
    Object.entries(template).flatMap(([name, id]) =>
      run[name] && run[name] !== id ? [[id, run[name]]] : [],
    ),
  ) as Map<string, string>;
}

function tallyRuns(op: Operation, runs: readonly CapturedCall[][]): OperationCalls {
  const sizes = runs.map((r) => r.length);
  const last = runs[runs.length - 1] ?? [];
  const byOperation: Record<string, number> = {};
  for (const call of last) byOperation[call.operation] = (byOperation[call.operation] ?? 0) + 1;
  const units = last.reduce((sum, call) => addUnits(sum, call.units), NO_UNITS);
  const max = Math.max(...sizes);
  return {
    label: op.label,
    operationId: op.operationId,
    ...(op.core ? { core: op.core } : {}),
    calls: last.length,
    callsRange: [Math.min(...sizes), max],
    byOperation,
    units: { read: round(units.read, 1), write: round(units.write, 1), storedBytes: units.storedBytes },
    overTarget: max > CALLS_TARGET,
  };
}

function failed(op: Operation, error: unknown): OperationCalls {
  return {
    label: op.label,
    operationId: op.operationId,
    error: (error instanceof Error ? error.message : String(error)).slice(0, 300),
    calls: 0,
    callsRange: [0, 0],
    byOperation: {},
    units: NO_UNITS,
    overTarget: false,
  };
}

await childMain(main);
