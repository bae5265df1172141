import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCommand, type Started, startProcess } from '../support/process.js';

/** The README's walk-through, run exactly as printed (only the port differs) against a fresh `npm start`. */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-readme-'));
let server: Started;

beforeAll(async () => {
  server = await startProcess(['--port', '0', '--data', dataDir]);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('README walk-through', () => {
  it('works as printed', async () => {
    const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
    const section = /<!-- walkthrough -->\s*```bash\n([\s\S]*?)```\s*<!-- \/walkthrough -->/.exec(
      readme,
    )?.[1];
    expect(section).toContain('API=http://localhost:4000');
    const script = (section as string).replace('API=http://localhost:4000', `API=${server.url}`);
    const result = await runCommand('bash', ['-euo', 'pipefail', '-c', script], { SWCS_DATA_DIR: dataDir });
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
});
