import { describe, expect, it, vi } from 'vitest';
import type { BundlesSection } from '../../bench/bundles.js';
import type { OverheadSection } from '../../bench/overhead.js';
import { type Baseline, checkQuick, recordBaseline } from '../../bench/quick.js';
import type { PathResult } from '../../bench/transitions.js';

const calls = (label: string, n: number) => ({
  label,
  operationId: label,
  calls: n,
  callsRange: [n, n] as const,
  byOperation: {},
  units: { read: 0, write: 0, storedBytes: 0 },
  overTarget: n > 2,
});

const overhead = (counts: Record<string, number>, scans = 0): OverheadSection => ({
  calls: Object.entries(counts).map(([label, n]) => calls(label, n)),
  serverCounts: {},
  scans,
  crossCheck: { server: 1, clients: 1, equal: true },
  overhead: [],
  timedRuns: 0,
  uncovered: [],
});

const bundles = (sizes: Record<string, number>): BundlesSection => ({
  bundles: Object.entries(sizes).map(([handler, bytes]) => ({
    handler,
    bytes,
    gzipBytes: 0,
    sourceMapBytes: 0,
    loadMs: 0,
    loadRatio: 0,
    overTarget: false,
    floor: 'none',
    floorBytes: 0,
    floorLoadMs: 0,
    floorRatio: 0,
    loadCpuMs: 0,
    floorCpuRatio: 0,
    largestInputs: [],
    routeModules: [],
  })),
  emptyLoadMs: 0,
  floorTarget: 1.3,
  loadRuns: 0,
  target: 'node24',
});

const path = (
  name: PathResult['path'],
  transitions: number,
  sms: number,
  perRecipient: number,
): PathResult => ({
  path: name,
  per: name.startsWith('complaint') ? 'complaint' : 'referral',
  description: name,
  states: [],
  transitions,
  retries: 0,
  lambdaInvocations: 0,
  workflowDynamoCalls: 0,
  workflowUnits: { read: 0, write: 0, storedBytes: 0 },
  sms,
  smsSegments: sms,
  emails: 0,
  byRecipient: [],
  maxSmsPerRecipientPerDay: perRecipient,
  onPreferredChannels: { sms, emails: 0 },
  overTarget: transitions > 15,
});

const baseline: Baseline = {
  calls: { createReferral: 5 },
  bundleBytes: { 'handlers/referrals/create': 400_000 },
  transitions: { ladder: 24 },
  sms: { ladder: 2 },
  smsPerRecipientPerDay: { ladder: 2 },
};

const verdicts = (section: ReturnType<typeof checkQuick>) =>
  Object.fromEntries(section.checks.map((c) => [`${c.kind} ${c.what}`, c.verdict]));

vi.mock('node:fs', async (original) => ({
  ...(await original<typeof import('node:fs')>()),
  writeFileSync: vi.fn(),
}));

describe('the quick bench', () => {
  it('records as its baseline what is over target, under the names the checks look up', () => {
    const first = checkQuick(
      overhead({ getRequest: 2, createReferral: 5 }),
      bundles({ 'handlers/system/health': 100_000, 'handlers/referrals/create': 400_000 }),
      [path('happy', 12, 1, 1), path('ladder', 24, 2, 2)],
      { calls: {}, bundleBytes: {}, transitions: {}, sms: {}, smsPerRecipientPerDay: {} },
    );
    const recorded = recordBaseline(first);
    expect(recorded).toMatchObject({
      calls: { createReferral: 5 },
      bundleBytes: { 'handlers/referrals/create': 400_000 },
      transitions: { ladder: 24 },
      sms: { ladder: 2 },
      smsPerRecipientPerDay: { ladder: 2 },
    });
    expect(recorded.calls).not.toHaveProperty('getRequest');
    const again = checkQuick(
      overhead({ getRequest: 2, createReferral: 5 }),
      bundles({ 'handlers/system/health': 100_000, 'handlers/referrals/create': 400_000 }),
      [path('happy', 12, 1, 1), path('ladder', 24, 2, 2)],
      recorded,
    );
    expect(again.regressions).toBe(0);
  });

  it('passes figures within their target and known misses that did not grow', () => {
    const section = checkQuick(
      overhead({ getRequest: 2, createReferral: 5 }),
      bundles({ 'handlers/system/health': 100_000, 'handlers/referrals/create': 400_000 }),
      [path('happy', 12, 1, 1), path('ladder', 24, 2, 2)],
      baseline,
    );
    expect(section.regressions).toBe(0);
    expect(verdicts(section)).toMatchObject({
      'calls getRequest': 'ok',
      'calls createReferral': 'known miss',
      'bundleBytes handlers/referrals/create': 'known miss',
      'smsPerRecipientPerDay ladder path': 'known miss',
    });
  });

  it('fails a figure that goes over its target, and a known miss that grows', () => {
    const section = checkQuick(
      overhead({ getRequest: 3, createReferral: 6 }, 1),
      bundles({ 'handlers/system/health': 310_000, 'handlers/referrals/create': 404_097 }),
      [path('happy', 16, 3, 1), path('ladder', 25, 3, 3)],
      baseline,
    );
    expect(verdicts(section)).toMatchObject({
      'calls getRequest': 'REGRESSED',
      'calls createReferral': 'REGRESSED',
      'scans Scan requests during the run': 'REGRESSED',
      'bundleBytes handlers/system/health': 'REGRESSED',
      'bundleBytes handlers/referrals/create': 'REGRESSED',
      'transitions happy path': 'REGRESSED',
      'transitions ladder path': 'REGRESSED',
      'sms happy path': 'REGRESSED',
      'sms ladder path': 'REGRESSED',
      'smsPerRecipientPerDay ladder path': 'REGRESSED',
    });
  });

  it('lets a bundle over its target grow by a few lines (4 KB), not by a dependency', () => {
    const within = checkQuick(overhead({}), bundles({ 'handlers/referrals/create': 404_096 }), [], baseline);
    expect(verdicts(within)['bundleBytes handlers/referrals/create']).toBe('known miss');
    const past = checkQuick(overhead({}), bundles({ 'handlers/referrals/create': 404_097 }), [], baseline);
    expect(verdicts(past)['bundleBytes handlers/referrals/create']).toBe('REGRESSED');
  });

  it('fails naming a route of the table that has no count', () => {
    const section = checkQuick(
      { ...overhead({ getRequest: 2 }), uncovered: ['openComplaint'] },
      bundles({}),
      [],
      baseline,
    );
    expect(section.regressions).toBe(1);
    expect(section.checks.find((c) => c.verdict === 'REGRESSED')).toMatchObject({
      kind: 'coverage',
      what: expect.stringContaining('openComplaint'),
    });
  });

  it('says when a known miss improved, so that the baseline can be tightened', () => {
    const section = checkQuick(overhead({ createReferral: 4 }), bundles({}), [], baseline);
    expect(verdicts(section)['calls createReferral']).toBe('improved');
    expect(section.regressions).toBe(0);
  });
});
