import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { REPO, runCommand, type Started, startProcess } from './process.js';

/** The bash of a README walk-through, between `<!-- name -->` and `<!-- /name -->`, exactly as printed. */
export function readmeBlock(name: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const start = readme.indexOf(`<!-- ${name} -->`);
  const end = readme.indexOf(`<!-- /${name} -->`);
  if (start < 0 || end < start) throw new Error(`README has no block ${name}`);
  const script = /```bash\n([\s\S]*?)```/.exec(readme.slice(start, end))?.[1];
  if (!script) throw new Error(`README block ${name} holds no bash`);
  return script;
}

/** The README's address of the local API (`API=http://localhost:4000`) replaced by the running server's. */
export function atServer(script: string, url: string): string {
  if (!script.includes('API=http://localhost:4000')) throw new Error('the script sets no API address');
  return script.replace('API=http://localhost:4000', `API=${url}`);
}

/** Runs a walk-through with bash's strict options, its CLI calls reading the server's data folder. */
export const runWalkthrough = (script: string, dataDir: string) =>
  runCommand('bash', ['-euo', 'pipefail', '-c', script], { SWCS_DATA_DIR: dataDir });

/**
 * `npm start` in its own data folder for the tests of one file: started before them, stopped and removed after.
 * `server()` is the running process.
 */
export function localServerForFile(prefix: string, args: readonly string[] = []) {
  const dataDir = mkdtempSync(join(tmpdir(), `swcs-${prefix}-`));
  let started: Started | undefined;
  beforeAll(async () => {
    started = await startProcess(['--port', '0', '--data', dataDir, ...args]);
  });
  afterAll(async () => {
    if (started && started.child.exitCode === null) await started.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    dataDir,
    server: (): Started => {
      if (!started) throw new Error('the server has not started');
      return started;
    },
  };
}
