import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCommand, type Started, startProcess } from '../support/process.js';

/**
 * The README's casework walk-through (screening → cart → checkout → the referral item resolving itself → the
 * plan closing by itself → the visits by day), run as printed against `npm start`.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-casework-readme-'));
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

describe('README: an intervention plan walked through', () => {
  it('cart → checkout → referral item resolved by the counter-referral → plan closed by itself, as printed', async () => {
    const script = block('plan-walkthrough');
    expect(script).toContain('API=http://localhost:4000');
    const result = await runCommand(
      'bash',
      ['-euo', 'pipefail', '-c', script.replace('API=http://localhost:4000', `API=${server.url}`)],
      { SWCS_DATA_DIR: dataDir },
    );
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
      'open green red green',
      'closed green green green',
      '%PDF-',
      'PI- done',
    ]);
  });
});
