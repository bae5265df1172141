import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runChild } from './child.js';
import { type Format, table } from './report.js';
import { round } from './stats.js';
import { WORST_DAY_ERRORS_TARGET } from './targets.js';
import type { WorstDayResult } from './worst-day.js';

/**
 * `npm run bench -- --worst-day [--scale 0.025] [--day-minutes 5] [--full]`: runs worst-day.ts in its own process,
 * then turns its partition figures into what AWS would meter: for the hottest partitions, the write and read units
 * per second at the day's busiest product minute, measured at `scale` and extrapolated to the full day (÷ scale),
 * against DynamoDB's per-partition limits. Writes bench/results/worst-day.json.
 *
 * `--full` is the issue's whole figure (scale 1); a product-day then takes `--day-minutes` (default 200 at full
 * scale, the same load per real second as the default) of real time on the local runtime.
 */
export const DEFAULT_SCALE = 0.025;
export const DEFAULT_DAY_MINUTES = 5;
export const PARTITION_WRITE_LIMIT = 1_000;
export const PARTITION_READ_LIMIT = 3_000;
const RESULTS_DIR = new URL('./results/', import.meta.url);

export interface PartitionFigure {
  readonly where: string;
  readonly key: string;
  readonly writesOverDay: number;
  readonly writeUnitsOverDay: number;
  readonly readUnitsOverDay: number;
  /** Units per second over the busiest product minute, as measured at the run's scale. */
  readonly measuredWcuPerSecond: number;
  readonly measuredRcuPerSecond: number;
  /** Whether many records share the partition (its traffic grows with the volume; a record's own does not). */
  readonly shared: boolean;
  /** The same for the full day (÷ scale for a shared partition): the figure compared with the limits. */
  readonly fullDayWcuPerSecond: number;
  readonly fullDayRcuPerSecond: number;
  /** The busiest single product second at the run's scale (a burst DynamoDB's burst capacity absorbs). */
  readonly peakSecondWcu: number;
  readonly peakSecondRcu: number;
  /** Limit ÷ full-day figure: how many times the worst day's peak the partition would take before throttling. */
  readonly writeHeadroom: number;
  readonly readHeadroom: number;
  readonly throttles: boolean;
}

export async function runWorstDay(argv: readonly string[], format: Format): Promise<void> {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = argv.includes('--full') ? 1 : Number(value('--scale') ?? String(DEFAULT_SCALE));
  // The same load per real second at any scale: what this 2-core machine served without falling far behind.
  const dayMinutes = Number(
    value('--day-minutes') ??
      String(Math.max(DEFAULT_DAY_MINUTES, round(DEFAULT_DAY_MINUTES * (scale / DEFAULT_SCALE), 0))),
  );
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  process.stderr.write(
    `bench: worst day at scale ${scale}, one product-day in ${dayMinutes} real minutes…\n`,
  );
  const startedAt = new Date();
  const result = await runChild<WorstDayResult>(new URL('./worst-day.ts', import.meta.url), {
    WORST_DAY_SCALE: String(scale),
    WORST_DAY_MINUTES: String(dayMinutes),
  });
  const partitions = result.tap.partitions.map((p): PartitionFigure => {
    const wcu = round(p.peakMinute.writeUnits / 60, 2);
    const rcu = round(Math.max(p.peakMinute.readUnits, 0) / 60, 2);
    // A partition of one record (its key holds a ULID: a request, a referral) sees the same traffic at any
    // volume; a shared one (a canton's list, inbox, audit day) sees traffic in proportion to the volume.
    const shared = !/[0-9A-HJKMNP-TV-Z]{26}/.test(p.key);
    const fullW = round(shared ? wcu / scale : wcu, 1);
    const fullR = round(shared ? rcu / scale : rcu, 1);
    return {
      where: p.where,
      key: p.key,
      shared,
      writesOverDay: p.writes,
      writeUnitsOverDay: round(p.writeUnits, 1),
      readUnitsOverDay: round(p.readUnits, 1),
      measuredWcuPerSecond: wcu,
      measuredRcuPerSecond: rcu,
      fullDayWcuPerSecond: fullW,
      fullDayRcuPerSecond: fullR,
      peakSecondWcu: round(p.peakSecond.writeUnits, 1),
      peakSecondRcu: round(p.peakReadSecond.readUnits, 1),
      writeHeadroom: fullW > 0 ? round(PARTITION_WRITE_LIMIT / fullW, 0) : Number.POSITIVE_INFINITY,
      readHeadroom: fullR > 0 ? round(PARTITION_READ_LIMIT / fullR, 0) : Number.POSITIVE_INFINITY,
      throttles: fullW > PARTITION_WRITE_LIMIT || fullR > PARTITION_READ_LIMIT,
    };
  });
  const hottestWrites = [...partitions].sort((a, b) => b.fullDayWcuPerSecond - a.fullDayWcuPerSecond);
  const hottestReads = [...partitions].sort((a, b) => b.fullDayRcuPerSecond - a.fullDayRcuPerSecond);
  const document = {
    schema: 1,
    mode: 'worst-day',
    startedAt: startedAt.toISOString(),
    machine: {
      cpus: os.cpus().length,
      loadAverage: os.loadavg().map((l) => round(l, 1)),
      node: process.versions.node,
    },
    limits: { writeUnitsPerSecond: PARTITION_WRITE_LIMIT, readUnitsPerSecond: PARTITION_READ_LIMIT },
    targets: { errors: WORST_DAY_ERRORS_TARGET, errorsMet: result.errors <= WORST_DAY_ERRORS_TARGET },
    ...result,
    tap: { ...result.tap, partitions: undefined },
    partitions: hottestWrites,
    anyThrottles: partitions.some((p) => p.throttles),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  const json = `${JSON.stringify(document, null, 2)}\n`;
  writeFileSync(new URL('worst-day.json', RESULTS_DIR), json);
  writeFileSync(new URL(`worst-day-scale-${scale}.json`, RESULTS_DIR), json);
  process.stdout.write(`${renderWorstDay(result, hottestWrites, hottestReads, format)}\n`);
  process.stdout.write(
    `bench --worst-day: ${result.realSeconds} s of simulated day; results in bench/results/worst-day.json\n`,
  );
}

export function renderWorstDay(
  r: WorstDayResult,
  writes: readonly PartitionFigure[],
  reads: readonly PartitionFigure[],
  format: Format,
): string {
  const heading = (title: string) =>
    format === 'markdown' ? `#### ${title}` : `\n${title}\n${'-'.repeat(title.length)}`;
  const out: string[] = [];
  out.push(
    heading(
      `Worst day at scale ${r.scale}: ${r.planned.requests} requests, ${r.planned.referrals} referrals planned; product-day ${r.productDay} in ${r.realSeconds} s (clock × ${r.clockFactor})`,
    ),
    table(
      ['operation', 'calls', 'errors', 'p50 ms', 'p99 ms', 'max ms'],
      r.operations.map((o) => [
        o.operation,
        o.count,
        o.errors,
        o.p50Ms.toFixed(1),
        o.p99Ms.toFixed(1),
        o.maxMs.toFixed(1),
      ]),
      format,
    ),
    [
      `Errors: ${r.errors} (target ${WORST_DAY_ERRORS_TARGET}): ${r.errors <= WORST_DAY_ERRORS_TARGET ? 'met' : 'MISSED'}.` +
        (r.errors > 0
          ? ` First: ${r.operations
              .flatMap((o) => o.firstErrors.map((e) => `${o.operation} ${e}`))
              .slice(0, 3)
              .join('; ')}`
          : ''),
      `Answered 409 because the workflow changed the referral meanwhile, then sent again once: ${
        Object.entries(r.conflictsRetried ?? {})
          .map(([k, n]) => `${k} ${n}`)
          .join(', ') || 'none'
      }.`,
      `Driver start lag behind plan (product minutes): p50 ${r.startLagMinutes.p50}, p99 ${r.startLagMinutes.p99}, max ${r.startLagMinutes.max}.`,
      `Memory: RSS ${r.memory.rssAtStartMiB} MiB at start, peak ${r.memory.peakRssMiB} MiB; heap peak ${r.memory.peakHeapMiB} MiB, ${r.memory.heapAtEndMiB} MiB at the end; executions kept in memory: ${r.memory.executionsKept}.`,
      `Memory by product hour (RSS / heap MiB, running executions): ${r.memory.byHour.map((h) => `${h.hour}h ${h.rssMiB}/${h.heapUsedMiB} (${h.running})`).join(', ')}.`,
      `Timers fired: ${r.timers.fired} (${Object.entries(r.timers.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(
          ', ',
        )}); late by (product seconds) p50 ${r.timers.lateSeconds.p50}, p99 ${r.timers.lateSeconds.p99}, max ${r.timers.lateSeconds.max}; local timer resolution ${r.timers.resolutionSeconds} s; due and not fired by the end: ${r.timers.dueNotFired}.`,
      `Referrals made: ${r.referrals.made} (${Object.entries(r.referrals.byStatus)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}); messages: ${r.messages.sms} SMS, ${r.messages.emails} e-mails.`,
      `DynamoDB requests seen at the local front: ${r.tap.requests} (unparsed ${r.tap.unparsed}; updates of items never seen, costed at 1 KB: ${r.tap.unknownImages}).`,
    ].join('\n'),
  );
  const row = (p: PartitionFigure) => [
    p.where,
    p.key,
    p.writesOverDay,
    p.measuredWcuPerSecond,
    p.fullDayWcuPerSecond,
    p.peakSecondWcu,
    p.measuredRcuPerSecond,
    p.fullDayRcuPerSecond,
    p.peakSecondRcu,
    p.throttles ? 'THROTTLES' : `×${Math.min(p.writeHeadroom, p.readHeadroom)}`,
  ];
  const headers = [
    'table/index',
    'partition key',
    'writes (day)',
    'WCU/s peak min',
    'WCU/s full day',
    'WCU peak s',
    'RCU/s peak min',
    'RCU/s full day',
    'RCU peak s',
    'headroom',
  ];
  out.push(
    heading(
      `Hottest partitions by writes (limit ${PARTITION_WRITE_LIMIT} WCU/s, ${PARTITION_READ_LIMIT} RCU/s per partition)`,
    ),
    table(headers, writes.slice(0, 12).map(row), format),
    heading('Hottest partitions by reads'),
    table(headers, reads.slice(0, 6).map(row), format),
  );
  return out.join('\n\n');
}
