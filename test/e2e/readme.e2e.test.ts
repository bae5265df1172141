import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCommand, type Started, startProcess } from '../support/process.js';

/** The README's walk-throughs, run exactly as printed (only the port differs) against a fresh `npm start`. */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-readme-'));
let server: Started;

beforeAll(async () => {
  server = await startProcess(['--port', '0', '--data', dataDir]);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the bash block of the README marked `<!-- name -->` … `<!-- /name -->` against this test's server. */
async function runBlock(name: string) {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`<!-- ${name} -->`);
  const end = readme.indexOf(`<!-- /${name} -->`);
  expect(start, `README block ${name}`).toBeGreaterThan(-1);
  const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(start, end))?.[1] ?? '';
  expect(block).toContain('API=http://localhost:4000');
  const script = block.replace('API=http://localhost:4000', `API=${server.url}`);
  return runCommand('bash', ['-euo', 'pipefail', '-c', script], { SWCS_DATA_DIR: dataDir });
}

describe('README walk-throughs', () => {
  it('intake: record, reclassify, assign, read and list — as printed', async () => {
    const result = await runBlock('walkthrough');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const id = /Request ([0-9A-Z]{26})/.exec(result.stdout)?.[1];
    expect(id).toBeDefined();
    const lines = result.stdout.trim().split('\n');
    const [reclassified, assigned, detail, list] = lines.slice(-4).map((l) => JSON.parse(l));
    expect(reclassified.classification.category).toBe('urgent');
    expect(assigned).toMatchObject({ status: 'assigned', assignedOfficer: 'uio.tecnica1' });
    expect(detail.history).toHaveLength(3);
    expect(list.items.map((r: { requestId: string }) => r.requestId)).toContain(id);
  });

  it('referral: refer, notify, accept, complete, request closed — as printed', async () => {
    const result = await runBlock('referral-walkthrough');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Referral [0-9A-Z]{26}$/);
    expect(Number(lines[1])).toBeGreaterThanOrEqual(1);
    expect(lines.slice(2)).toEqual(['accepted', 'completed', 'closed']);
  });
});
