import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BundlesSection } from './bundles.js';
import type { OverheadSection } from './overhead.js';
import { type Format, table } from './report.js';
import {
  BUNDLE_TARGET_BYTES,
  CALLS_TARGET,
  SMS_HAPPY_TARGET,
  SMS_PER_RECIPIENT_DAY_TARGET,
  TRANSITIONS_TARGET,
} from './targets.js';
import type { PathResult } from './transitions.js';

/**
 * `npm run bench -- --quick`: the figures that do not depend on the machine (DynamoDB calls per operation, Scans,
 * bundle sizes, state transitions and SMS per referral), checked against their targets. CI runs it.
 *
 * A figure fails when it is over its target, unless it is already known to be: bench/quick-baseline.json holds
 * the figures that were over their target when it was last recorded, and such a figure fails only when it grows
 * past that. So a regression fails at once, and work that brings a figure down is kept by recording the baseline
 * again (`npm run bench -- --quick --accept`, which keeps only what is still over its target).
 */
export const BASELINE_FILE = new URL('./quick-baseline.json', import.meta.url);

export interface Baseline {
  readonly note?: string;
  /** DynamoDB calls of an operation, by probe label. */
  readonly calls: Readonly<Record<string, number>>;
  /** Minified bytes of a bundle, by handler. */
  readonly bundleBytes: Readonly<Record<string, number>>;
  /** State transitions of a workflow path. */
  readonly transitions: Readonly<Record<string, number>>;
  /** Most SMS to one recipient for one referral on one day, by workflow path. */
  readonly smsPerRecipientPerDay: Readonly<Record<string, number>>;
  /** SMS of one referral, by workflow path (the target applies to the happy path). */
  readonly sms: Readonly<Record<string, number>>;
}

const EMPTY_BASELINE: Baseline = {
  calls: {},
  bundleBytes: {},
  transitions: {},
  smsPerRecipientPerDay: {},
  sms: {},
};

export interface QuickCheck {
  readonly kind: keyof Omit<Baseline, 'note'> | 'scans' | 'coverage';
  readonly what: string;
  readonly value: number;
  readonly target: number;
  /** The known figure over the target, if any: the value may not exceed it. */
  readonly baseline?: number;
  readonly verdict: 'ok' | 'known miss' | 'improved' | 'REGRESSED';
}

export interface QuickSection {
  readonly checks: readonly QuickCheck[];
  readonly regressions: number;
  readonly knownMisses: number;
}

export function loadBaseline(): Baseline {
  if (!existsSync(BASELINE_FILE)) return EMPTY_BASELINE;
  return { ...EMPTY_BASELINE, ...(JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Partial<Baseline>) };
}

export function checkQuick(
  overhead: OverheadSection,
  bundles: BundlesSection,
  transitions: readonly PathResult[],
  baseline: Baseline,
): QuickSection {
  const checks: QuickCheck[] = [];
  const check = (
    kind: QuickCheck['kind'],
    what: string,
    value: number,
    target: number,
    known: number | undefined,
  ) => {
    const baselined = known !== undefined && known > target ? known : undefined;
    // A bundle already over its target may grow by a few lines of code (4 KB) before it counts as a regression:
    // the check is there to catch a new dependency or a route table pulled in, not every added line.
    const slack = kind === 'bundleBytes' ? 4096 : 0;
    const verdict: QuickCheck['verdict'] =
      value <= target
        ? 'ok'
        : baselined === undefined || value > baselined + slack
          ? 'REGRESSED'
          : value < baselined
            ? 'improved'
            : 'known miss';
    checks.push({
      kind,
      what,
      value,
      target,
      ...(baselined !== undefined ? { baseline: baselined } : {}),
      verdict,
    });
  };
  for (const c of overhead.calls) {
    if (c.error) {
      // A route that can no longer be run is a regression of its own.
      checks.push({
        kind: 'coverage',
        what: `${c.label}: ${c.error.slice(0, 80)}`,
        value: 1,
        target: 0,
        verdict: 'REGRESSED',
      });
      continue;
    }
    check('calls', c.label, c.callsRange[1], CALLS_TARGET, baseline.calls[c.label]);
  }
  // Every route of the table is counted: a new route without a benchmark call fails here, named.
  for (const operationId of overhead.uncovered) {
    checks.push({
      kind: 'coverage',
      what: `${operationId}: a route with no DynamoDB count (add it to bench/operations.ts)`,
      value: 1,
      target: 0,
      verdict: 'REGRESSED',
    });
  }
  check('scans', 'Scan requests during the run', overhead.scans, 0, undefined);
  check('coverage', 'server-side count ≠ client-side count', overhead.crossCheck.equal ? 0 : 1, 0, undefined);
  for (const b of bundles.bundles) {
    if (b.error) {
      checks.push({
        kind: 'coverage',
        what: `${b.handler}: ${b.error.slice(0, 80)}`,
        value: 1,
        target: 0,
        verdict: 'REGRESSED',
      });
      continue;
    }
    check('bundleBytes', b.handler, b.bytes, BUNDLE_TARGET_BYTES, baseline.bundleBytes[b.handler]);
  }
  for (const p of transitions) {
    // The transition target is for the happy path; the longer paths may not grow past what they are.
    const target = p.path === 'happy' ? TRANSITIONS_TARGET : (baseline.transitions[p.path] ?? p.transitions);
    check('transitions', `${p.path} path`, p.transitions, target, baseline.transitions[p.path]);
    const smsTarget = p.path === 'happy' ? SMS_HAPPY_TARGET : (baseline.sms[p.path] ?? p.sms);
    check('sms', `${p.path} path`, p.sms, smsTarget, baseline.sms[p.path]);
    check(
      'smsPerRecipientPerDay',
      `${p.path} path`,
      p.maxSmsPerRecipientPerDay,
      SMS_PER_RECIPIENT_DAY_TARGET,
      baseline.smsPerRecipientPerDay[p.path],
    );
  }
  return {
    checks,
    regressions: checks.filter((c) => c.verdict === 'REGRESSED').length,
    knownMisses: checks.filter((c) => c.verdict === 'known miss' || c.verdict === 'improved').length,
  };
}

/** The baseline from this run: every figure still over its target, at its current value. */
export function recordBaseline(section: QuickSection): Baseline {
  const over = (kind: QuickCheck['kind']) =>
    Object.fromEntries(
      section.checks.filter((c) => c.kind === kind && c.value > c.target).map((c) => [c.what, c.value]),
    );
  const byPath = (kind: QuickCheck['kind']) =>
    Object.fromEntries(
      section.checks
        .filter((c) => c.kind === kind && (c.value > c.target || !c.what.startsWith('happy')))
        .map((c) => [c.what.replace(/ path$/, ''), c.value]),
    );
  const baseline: Baseline = {
    note:
      'Figures over their target when last recorded (npm run bench -- --quick --accept). The quick bench fails ' +
      'when one grows past its figure here, or when any other figure goes over its target.',
    calls: over('calls'),
    bundleBytes: over('bundleBytes'),
    transitions: byPath('transitions'),
    sms: byPath('sms'),
    smsPerRecipientPerDay: Object.fromEntries(
      Object.entries(over('smsPerRecipientPerDay')).map(([what, value]) => [
        what.replace(/ path$/, ''),
        value,
      ]),
    ),
  };
  writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}

export function renderQuick(section: QuickSection, format: Format): string {
  const shown = section.checks.filter((c) => c.verdict !== 'ok');
  const lines = [
    table(
      ['figure', 'what', 'value', 'target', 'known figure', 'verdict'],
      shown.map((c) => [c.kind, c.what, c.value, c.target, c.baseline ?? '-', c.verdict]),
      format,
    ),
    `${section.checks.length} figures checked: ${section.checks.length - shown.length} within their target (not listed), ` +
      `${section.knownMisses} known misses, ${section.regressions} regressions.`,
  ];
  return lines.join('\n');
}
