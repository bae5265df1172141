import { describe, expect, it } from 'vitest';
import { atServer, localServerForFile, readmeBlock, runWalkthrough } from '../support/readme.js';

/**
 * The README's casework walk-through (screening → cart → checkout → the referral item resolving itself → the
 * plan closing by itself → the visits by day), run as printed against `npm start`.
 */
const { dataDir, server } = localServerForFile('casework-readme');

describe('README: an intervention plan walked through', () => {
  it('cart → checkout → referral item resolved by the counter-referral → plan closed by itself, as printed', async () => {
    const script = readmeBlock('plan-walkthrough');
    const result = await runWalkthrough(atServer(script, server().url), dataDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'HH-UIO-000000',
      'B',
      'BC',
      'BCD',
      'open red red red',
      'requested',
      'accepted',
      'completed',
      'done',
      'signed',
      'approved',
      'open green red green',
      'closed green green green',
      '%PDF-',
      '%PDF-',
      'PI- done',
    ]);
  });
});
