import { describe, expect, it } from 'vitest';
import { atServer, localServerForFile, readmeBlock, runWalkthrough } from '../support/readme.js';

/**
 * The README's complaint walk-through (record → activities → reply → the citizen's rating from their link →
 * appeal), run as printed against `npm start`.
 */
const { dataDir, server } = localServerForFile('complaints-readme');

describe('README: a complaint walked through', () => {
  it('record → activities → reply → follow-up → rating by link → appeal, as printed', async () => {
    const script = readmeBlock('complaint-walkthrough');
    const result = await runWalkthrough(atServer(script, server().url), dataDir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const reference = /^Case ([0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(lines[0] ?? '')?.[1] as string;
    expect(reference).toBeDefined();
    // The second activity is the unit's, moved on by one of its members.
    expect(lines.slice(1, 7)).toEqual(['on-track', 'resolve', 'done', 'calidad', 'done', 'sent']);
    expect(lines[7]).toContain(reference);
    expect(lines[7]).toMatch(/\/r\/[0-9A-Za-z]{11} /);
    expect(lines[7]).not.toMatch(/CDI|hija/);
    expect(JSON.parse(lines[8] as string)).toEqual({
      reference,
      status: 'resolved',
      nextDate: expect.stringMatching(/Z$/),
    });
    expect(lines[9]).toBe(`Su caso ${reference}`);
    expect(lines[10]).toBe('303');
    expect(lines[11]).toBe('5');
    expect(lines[12]).toBe('national');
  });
});
