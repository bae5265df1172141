import type { BundlesSection } from './bundles.js';
import { type CostSection, PRICES } from './cost.js';
import type { OverheadSection } from './overhead.js';
import {
  BUNDLE_TARGET_BYTES,
  CALLS_TARGET,
  OVERHEAD_P99_TARGET,
  OVERHEAD_TARGET,
  SMS_HAPPY_TARGET,
  SMS_PER_RECIPIENT_DAY_TARGET,
  TRANSITIONS_TARGET,
} from './targets.js';
import type { ThroughputSection } from './throughput.js';
import type { PathResult } from './transitions.js';

/**
 * The results as tables: aligned plain text for the terminal, or Markdown (`npm run bench -- --markdown`) to paste
 * into docs/performance.md.
 */
export type Format = 'text' | 'markdown';

export interface Results {
  readonly overhead: OverheadSection;
  readonly bundles: BundlesSection;
  readonly transitions: readonly PathResult[];
  readonly throughput: ThroughputSection;
  readonly cost: CostSection;
}

type Cell = string | number;

export function table(
  headers: readonly string[],
  rows: readonly (readonly Cell[])[],
  format: Format,
): string {
  const text = rows.map((row) => row.map(String));
  const numeric = headers.map((_, i) => text.every((row) => /^[-\d.,$×%<>≤ ]*$/.test(row[i] ?? '')));
  if (format === 'markdown') {
    const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
    return [line(headers), line(numeric.map((n) => (n ? '---:' : '---'))), ...text.map(line)].join('\n');
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const pad = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [pad(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...text.map(pad)].join('\n');
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const ms = (value: number) => value.toFixed(1);
const kib = (bytes: number) => (bytes / 1024).toFixed(0);
const usd = (value: number) =>
  value < 0.01 && value > 0
    ? `$${value.toFixed(4)}`
    : `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function render(results: Results, format: Format): string {
  const { overhead, bundles, transitions, throughput, cost } = results;
  const heading = (title: string) =>
    format === 'markdown' ? `### ${title}` : `\n${title}\n${'='.repeat(title.length)}`;
  const sections: string[] = [];

  sections.push(
    heading(
      `1. Overhead over the storage floor (targets: the function's median ≤ ${OVERHEAD_TARGET}× and p99 ≤ ${OVERHEAD_P99_TARGET}× the floor's median; ${overhead.timedRuns} runs each)`,
    ),
    table(
      [
        'operation',
        'API median ms',
        'API p99 ms',
        'function median ms',
        'function p99 ms',
        'floor median ms',
        'floor calls',
        'function median ×',
        'function p99 ×',
        'API median ×',
        'target',
      ],
      overhead.overhead.map((o) => [
        o.core,
        ms(o.api.medianMs),
        ms(o.api.p99Ms),
        // Results recorded before the function's own duration was measured have only the API's.
        o.fn ? ms(o.fn.medianMs) : '—',
        o.fn ? ms(o.fn.p99Ms) : '—',
        ms(o.floor.medianMs),
        o.floorCalls,
        o.fn ? o.ratioMedian.toFixed(2) : '—',
        o.fn ? o.ratioP99.toFixed(2) : '—',
        (o.apiRatioMedian ?? o.ratioMedian).toFixed(2),
        verdict(!o.overTarget),
      ]),
      format,
    ),
  );

  const measured = overhead.calls.filter((c) => !c.error);
  const over = measured.filter((c) => c.overTarget).map((c) => `${c.label} (${c.calls})`);
  sections.push(
    heading(`2. DynamoDB calls per API operation (target ≤ ${CALLS_TARGET}, no Scan)`),
    table(
      ['operation', 'calls', 'by operation', 'RRU', 'WRU', 'target'],
      overhead.calls.map((c) =>
        c.error
          ? [c.label, '-', `not measured: ${c.error.slice(0, 60)}`, '-', '-', '-']
          : [
              `${c.label}${c.core ? ' *' : ''}`,
              c.callsRange[0] === c.callsRange[1] ? c.calls : `${c.callsRange[0]}–${c.callsRange[1]}`,
              Object.entries(c.byOperation)
                .map(([op, n]) => `${op}×${n}`)
                .join(' ') || '—',
              c.units.read,
              c.units.write,
              verdict(!c.overTarget),
            ],
      ),
      format,
    ),
    [
      `* core operation. Over the target: ${over.length > 0 ? over.join(', ') : 'none'}.`,
      `Scan requests seen by the server during the whole run: ${overhead.scans}.`,
      `Server-side count ${overhead.crossCheck.server} = client-side count ${overhead.crossCheck.clients}: ${overhead.crossCheck.equal ? 'yes' : 'NO'}.`,
      ...(overhead.uncovered.length > 0
        ? [`Routes without a benchmark call: ${overhead.uncovered.join(', ')}.`]
        : []),
    ].join('\n'),
  );

  const built = bundles.bundles.filter((b) => !b.error);
  sections.push(
    heading(
      `3. Lambda bundles (targets ≤ ${BUNDLE_TARGET_BYTES / 1024} KB, cold load ≤ ${bundles.floorTarget}× its floor; load = median of ${bundles.loadRuns} cold imports)`,
    ),
    table(
      [
        'handler',
        'minified KB',
        'gzip KB',
        'load ms',
        '× empty',
        'floor (its SDK clients)',
        'floor KB',
        'floor ms',
        '× floor',
        '× floor, CPU',
        'route modules',
        'largest inputs',
        'target',
      ],
      bundles.bundles.map((b) =>
        b.error
          ? [
              b.handler,
              '-',
              '-',
              '-',
              '-',
              '-',
              '-',
              '-',
              '-',
              '-',
              '-',
              `not built: ${b.error.slice(0, 60)}`,
              '-',
            ]
          : [
              b.handler,
              // The data files the function ships beside its bundle, apart: the size target is about the code.
              b.dataFileBytes ? `${kib(b.bytes)} + ${kib(b.dataFileBytes)} data` : kib(b.bytes),
              kib(b.gzipBytes),
              ms(b.loadMs),
              b.loadRatio.toFixed(0),
              // Runs recorded before the floors were measured have none.
              b.floor ?? '-',
              b.floorBytes ? kib(b.floorBytes) : '-',
              b.floorLoadMs ? ms(b.floorLoadMs) : '-',
              b.floorRatio ? b.floorRatio.toFixed(2) : '-',
              // Runs recorded before CPU time was measured have none.
              b.floorCpuRatio ? b.floorCpuRatio.toFixed(2) : '-',
              (b.routeModules ?? []).join(' ') || '-',
              b.largestInputs.map((i) => `${i.path} ${kib(i.bytes)}`).join(', '),
              verdict(!b.overTarget && !(b.floorRatio > bundles.floorTarget)),
            ],
      ),
      format,
    ),
    `Empty handler: ${ms(bundles.emptyLoadMs)} ms. Over the size target: ${built.filter((b) => b.overTarget).length} of ${built.length}. ` +
      `Cold load over ${bundles.floorTarget}× its floor: ${built.filter((b) => b.floorRatio > bundles.floorTarget).length} of ${built.length} ` +
      `(in CPU time: ${built.filter((b) => (b.floorCpuRatio ?? 0) > bundles.floorTarget).length}; ` +
      'the floor creates only the same AWS SDK clients; each load paired with one of its floor’s in the same run).',
  );

  const perTransition = PRICES.stepFunctionsTransition.usd;
  sections.push(
    heading(`4. State transitions per referral (target ≤ ${TRANSITIONS_TARGET} on the happy path)`),
    table(
      [
        'path',
        'transitions',
        'Lambda steps',
        'workflow DynamoDB calls',
        'SMS',
        'e-mails',
        '$ per 1,000 referrals or cases',
        'target',
      ],
      transitions.map((p) => [
        `${p.path}: ${p.description}`,
        p.transitions,
        p.lambdaInvocations,
        p.workflowDynamoCalls,
        p.sms,
        p.emails,
        usd(p.transitions * 1000 * perTransition),
        p.path === 'happy' ? verdict(!p.overTarget) : p.overTarget ? `> ${TRANSITIONS_TARGET}` : '≤ 15',
      ]),
      format,
    ),
    `Step Functions Standard at ${PRICES.stepFunctionsTransition.source.split(' — ')[1]} (us-east-1, price assumed at ${cost.priceDate}).`,
  );

  sections.push(
    heading(
      `5. Local intake throughput (${throughput.runMs / 1000} s or ${throughput.maxRequests} requests per level)`,
    ),
    table(
      ['clients', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      throughput.levels.map((l) => [
        l.clients,
        l.requests,
        l.requestsPerSecond.toFixed(1),
        ms(l.latency.medianMs),
        ms(l.latency.p99Ms),
        l.errors,
      ]),
      format,
    ),
    `Server process memory: peak RSS ${throughput.memory.maxRssMiB} MiB (${throughput.memory.rssAtStartMiB} MiB once started).`,
  );

  const groups: [string, (item: string) => boolean][] = [
    ['API Gateway', (i) => i.startsWith('API Gateway')],
    ['Lambda', (i) => i.startsWith('Lambda')],
    ['DynamoDB', (i) => i.startsWith('DynamoDB')],
    ['Step Functions', (i) => i.startsWith('Step Functions')],
    ['SNS e-mail', (i) => i.startsWith('SNS')],
    ['SMS (assumed price)', (i) => i.startsWith('SMS')],
  ];
  sections.push(
    heading(`6. Cost per canton per month (USD, us-east-1 list prices assumed at ${cost.priceDate})`),
    table(
      ['requests / month', ...groups.map(([name]) => name), 'total', 'total without SMS', 'per request'],
      cost.volumes.map((v) => {
        const sum = (match: (item: string) => boolean) =>
          v.lines.filter((l) => match(l.item)).reduce((s, l) => s + l.usd, 0);
        return [
          v.requestsPerMonth.toLocaleString('en-US'),
          ...groups.map(([, match]) => usd(sum(match))),
          usd(v.totalUsd),
          usd(sum((item) => !item.startsWith('SMS'))),
          `$${v.usdPerRequest.toFixed(4)}`,
        ];
      }),
      format,
    ),
    `Mix (assumed): ${cost.assumptions.mix}. SMS at an assumed $${PRICES.smsEcuador.usd.toFixed(2)} per part.`,
  );
  if (cost.messages) sections.push(heading(MESSAGES_TITLE), renderMessages(cost, format));
  return sections.join('\n\n');
}

const MESSAGES_TITLE = `7. Messages per referral and per complaint (targets: ≤ ${SMS_HAPPY_TARGET} SMS on the happy path, ≤ ${SMS_PER_RECIPIENT_DAY_TARGET} SMS per recipient per referral per day)`;

/** SMS and e-mails per referral and complaint path, with their cost before and after the channel rule (also printed by --quick). */
export function renderMessages(cost: Pick<CostSection, 'messages' | 'assumptions'>, format: Format): string {
  return [
    table(
      [
        'path',
        'SMS',
        'SMS parts',
        'e-mails',
        'most SMS to one recipient a day',
        'target',
        'SMS before',
        'e-mails before',
        'messages $ per 1,000',
        'before',
      ],
      cost.messages.map((m) => [
        `${m.path} (per 1,000 ${m.per === 'complaint' ? 'complaints' : 'requests'})`,
        m.sms,
        m.smsParts,
        m.emails,
        m.maxSmsPerRecipientPerDay,
        verdict(
          m.maxSmsPerRecipientPerDay <= SMS_PER_RECIPIENT_DAY_TARGET &&
            (m.path !== 'happy' || m.sms <= SMS_HAPPY_TARGET),
        ),
        m.smsBefore,
        m.emailsBefore,
        usd(m.usdPer1000),
        usd(m.usdPer1000Before),
      ]),
      format,
    ),
    '"Before": the same messages had each gone on its recipient\'s preferred channel (every e-mail to a contact ' +
      'officer who prefers SMS counted as an SMS), as before reminders, escalations and late answers went by e-mail ' +
      'to those who have an address. Cost: SMS parts, e-mails and SNS publishes — of a referral path for the referred ' +
      `share (${cost.assumptions.referredShare * 100} %) of 1,000 requests, if every referral took the path; of a ` +
      'complaint path for 1,000 cases.',
  ].join('\n\n');
}
