import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCommand, type Started, startProcess } from '../support/process.js';

/**
 * The README's complaint walk-through (record → activities → reply → the citizen's rating from their link →
 * appeal), run as printed against `npm start`.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-complaints-readme-'));
let server: Started;

beforeAll(async () => {
  server = await startProcess(['--port', '0', '--data', dataDir]);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function block(name: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`<!-- ${name} -->`);
  const end = readme.indexOf(`<!-- /${name} -->`);
  expect(start, `README block ${name}`).toBeGreaterThan(-1);
  return /```bash\n([\s\S]*?)```/.exec(readme.slice(start, end))?.[1] ?? '';
}

describe('README: a complaint walked through', () => {
  it('record → activities → reply → follow-up → rating by link → appeal, as printed', async () => {
    const script = block('complaint-walkthrough');
    expect(script).toContain('API=http://localhost:4000');
    const result = await runCommand(
      'bash',
      ['-euo', 'pipefail', '-c', script.replace('API=http://localhost:4000', `API=${server.url}`)],
      { SWCS_DATA_DIR: dataDir },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const reference = /^Case ([0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(lines[0] ?? '')?.[1] as string;
    expect(reference).toBeDefined();
    expect(lines.slice(1, 5)).toEqual(['on-track', 'resolve', 'done', 'sent']);
    expect(lines[5]).toContain(reference);
    expect(lines[5]).toMatch(/\/r\/[0-9A-Za-z]{11} /);
    expect(lines[5]).not.toMatch(/CDI|hija/);
    expect(JSON.parse(lines[6] as string)).toEqual({
      reference,
      status: 'resolved',
      nextDate: expect.stringMatching(/Z$/),
    });
    expect(lines[7]).toBe(`Su caso ${reference}`);
    expect(lines[8]).toBe('303');
    expect(lines[9]).toBe('5');
    expect(lines[10]).toBe('national');
  });
});
