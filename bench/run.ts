/**
 * `npm run bench`: what each request and each referral costs, measured on this machine.
 *
 *   1. overhead of each core operation's function (and of the whole local HTTP path) over the bare DynamoDB calls
 *      it needs
 *   2. DynamoDB calls (and estimated request units) per API operation, and proof that nothing scans
 *   3. Lambda bundle sizes and cold module-load times
 *   4. Step Functions state transitions, Lambda steps and messages per referral
 *   5. local intake throughput at 1, 8 and 32 clients, and the server's peak memory
 *   6. a cost model per canton per month from those counts and list prices
 *
 * Prints the tables (`-- --markdown` for Markdown) and writes bench/results/<timestamp>.json and latest.json;
 * `-- --from <file>` prints the tables of an earlier results file.
 * `-- --quick` (under a minute, for CI) measures only what does not depend on the machine — calls, Scans, bundle
 * sizes, transitions and messages per referral — checks them against their targets and exits 1 on a regression
 * (see quick.ts); it writes bench/results/quick.json.
 * `-- --worst-day` runs the worst-day simulation alone (worst-day.ts; `--scale`, `--day-minutes`).
 * Everything runs on 127.0.0.1; sections that need a runtime run in their own process (see child.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { measureBundles } from './bundles.js';
import { runChild } from './child.js';
import { costModel } from './cost.js';
import { checkQuick, loadBaseline, recordBaseline, renderQuick } from './quick.js';
import type { OverheadSection } from './overhead.js';
import { type Format, render, renderMessages, type Results } from './report.js';
import { round } from './stats.js';
import { measureThroughput } from './throughput.js';
import type { PathResult } from './transitions.js';

const format: Format = process.argv.includes('--markdown') ? 'markdown' : 'text';
const RESULTS_DIR = new URL('./results/', import.meta.url);

// `-- --from bench/results/latest.json` prints the tables of an earlier run without measuring anything.
const fromIndex = process.argv.indexOf('--from');
if (fromIndex >= 0) {
  const file = process.argv[fromIndex + 1];
  if (!file) throw new Error('--from needs a results file');
  process.stdout.write(`${render(JSON.parse(readFileSync(file, 'utf8')) as Results, format)}\n`);
  process.exit(0);
}

const startedAt = new Date();
const began = performance.now();

const step = async <T>(title: string, action: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  process.stderr.write(`bench: ${title}…\n`);
  const value = await action();
  process.stderr.write(`bench: ${title} done in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  return value;
};

if (process.argv.includes('--quick')) {
  await quick();
  process.exit(process.exitCode ?? 0);
}
if (process.argv.includes('--worst-day')) {
  await worstDay();
  process.exit(0);
}

// First, on a machine the other sections have not yet kept busy: on this 2-vCPU machine, the same bundles loaded
// right after them came out 1.5–1.8 × their floors, against 1.1–1.4 × when loaded first (docs/performance.md).
// Nothing else runs meanwhile.
const bundles = await step('Lambda bundles', measureBundles);
const overhead = await step('DynamoDB calls per operation, then overhead over the storage floor', () =>
  runChild<OverheadSection>(new URL('./overhead.ts', import.meta.url)),
);
const transitions = await step('state transitions per referral', () =>
  runChild<PathResult[]>(new URL('./transitions.ts', import.meta.url)),
);
const throughput = await step('intake throughput', measureThroughput);
const cost = costModel(overhead.calls, transitions);
const results: Results = { overhead, bundles, transitions, throughput, cost };

const document = {
  schema: 1,
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  durationSeconds: round((performance.now() - began) / 1000, 1),
  machine: machine(),
  source: source(),
  ...results,
};
mkdirSync(RESULTS_DIR, { recursive: true });
// ISO 8601 with the colons dropped, which some file systems refuse.
const stamp = startedAt
  .toISOString()
  .replace(/\.\d+Z$/, 'Z')
  .replaceAll(':', '');
const json = `${JSON.stringify(document, null, 2)}\n`;
writeFileSync(new URL(`${stamp}.json`, RESULTS_DIR), json);
writeFileSync(new URL('latest.json', RESULTS_DIR), json);

process.stdout.write(`${render(results, format)}\n\n`);
process.stdout.write(
  `${document.machine.cpus} × ${document.machine.cpuModel}, Node ${process.versions.node}; ` +
    `${document.durationSeconds} s; results in bench/results/${stamp}.json and latest.json\n`,
);

/** Counts and sizes only, checked against the targets and the baseline of known misses. */
async function quick() {
  // Nothing here is timed, so the three run side by side.
  const [overhead, transitions, bundles] = await Promise.all([
    step('DynamoDB calls per operation (counts only)', () =>
      runChild<OverheadSection>(new URL('./overhead.ts', import.meta.url), { BENCH_QUICK: '1' }),
    ),
    step('state transitions and messages per referral', () =>
      runChild<PathResult[]>(new URL('./transitions.ts', import.meta.url)),
    ),
    step('Lambda bundle sizes', () => measureBundles({ sizesOnly: true })),
  ]);
  const section = checkQuick(overhead, bundles, transitions, loadBaseline());
  const cost = costModel(overhead.calls, transitions);
  const durationSeconds = round((performance.now() - began) / 1000, 1);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const document = {
    schema: 1,
    mode: 'quick',
    startedAt: startedAt.toISOString(),
    durationSeconds,
    source: source(),
    quick: section,
    calls: overhead.calls.map((c) => ({ label: c.label, calls: c.calls, byOperation: c.byOperation })),
    scans: overhead.scans,
    bundles: bundles.bundles.map((b) => ({ handler: b.handler, bytes: b.bytes, gzipBytes: b.gzipBytes })),
    transitions: transitions.map(({ states: _states, ...path }) => path),
    messages: cost.messages,
  };
  writeFileSync(new URL('quick.json', RESULTS_DIR), `${JSON.stringify(document, null, 2)}\n`);
  process.stdout.write(`${renderQuick(section, format)}\n\n${renderMessages(cost, format)}\n`);
  if (process.argv.includes('--accept')) {
    recordBaseline(section);
    process.stdout.write(`Baseline recorded in bench/quick-baseline.json.\n`);
  } else if (section.regressions > 0) {
    process.stdout.write(`bench --quick: ${section.regressions} figure(s) regressed past their target.\n`);
    process.exitCode = 1;
  }
  process.stdout.write(`bench --quick: ${durationSeconds} s; results in bench/results/quick.json\n`);
}

async function worstDay() {
  const { runWorstDay } = await import('./worst-day-run.js');
  await runWorstDay(process.argv, format);
}

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.versions.node,
  };
}

/** Which code was measured: the commit, and whether the working tree had changes on top of it. */
function source() {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
  return {
    commit: git('rev-parse', 'HEAD') || 'unknown',
    uncommittedChanges: git('status', '--porcelain') !== '',
  };
}
