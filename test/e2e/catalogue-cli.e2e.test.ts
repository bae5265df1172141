import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_THRESHOLD } from '../../functions/domain/import-job.js';
import { bulkHsdsDocument } from '../support/hsds-bulk.js';
import { REPO, runCommand, type Started, startProcess } from '../support/process.js';

/** `npm run catalogue` against a running local runtime, as a coordinator would load a provider directory. */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-cli-'));
let server: Started;

const cli = (...args: string[]) =>
  runCommand(process.execPath, [
    '--import',
    'tsx',
    'bin/catalogue.ts',
    ...args,
    '--api',
    server.url,
    '--data',
    dataDir,
  ]);

beforeAll(async () => {
  server = await startProcess(['--port', '0', '--data', dataDir, '--in-memory']);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run catalogue', () => {
  const document = () => JSON.parse(readFileSync(join(REPO, 'test/fixtures/hsds/quito-export.json'), 'utf8'));

  it('lists every problem of a bad file by JSON pointer and imports nothing', async () => {
    const bad = document();
    bad.organizations[0].services[0].name = '';
    bad.organizations[2].email = 'not-an-email';
    const file = join(dataDir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const before = JSON.parse((await cli('export', '--canton', 'cuenca')).stdout);
    const result = await cli('import', '--canton', 'cuenca', '--file', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nothing imported/);
    expect(result.stderr).toMatch(/\/organizations\/0\/services\/0\/name/);
    expect(result.stderr).toMatch(/\/organizations\/2\/email/);
    const after = JSON.parse((await cli('export', '--canton', 'cuenca')).stdout);
    expect(after.organizations).toHaveLength(before.organizations.length);
  });

  it('imports a good file with progress, and exports it again', async () => {
    const file = join(dataDir, 'good.json');
    writeFileSync(file, JSON.stringify(document()));
    // Cuenca starts with its demo catalogue; the import adds three organizations to it.
    const seeded = JSON.parse((await cli('export', '--canton', 'cuenca')).stdout).organizations.length;
    const result = await cli('import', '--canton', 'cuenca', '--file', file);
    expect(result.stderr).toMatch(/3\/3 organizaciones/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Imported into cuenca: 8 record\(s\) written, 0 unchanged/);
    const out = join(dataDir, 'out.json');
    expect((await cli('export', '--canton', 'cuenca', '--file', out)).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).organizations).toHaveLength(seeded + 3);
  });

  it('follows an organization too big for one call as an import job, with its progress, to its outcome', async () => {
    const file = join(dataDir, 'big.json');
    const services = JOB_THRESHOLD + 50;
    writeFileSync(file, JSON.stringify(bulkHsdsDocument(services)));
    const result = await cli('import', '--canton', 'cuenca', '--file', file);
    expect(result.stderr).toMatch(new RegExp(`^0/${services + 1} registros$`, 'm'));
    expect(result.stderr).toMatch(new RegExp(`^${services + 1}/${services + 1} registros$`, 'm'));
    expect(result.stderr).toMatch(/1\/1 organizaciones/);
    expect(result.stdout).toMatch(
      new RegExp(`Imported into cuenca: ${services + 1} record\\(s\\) written, 0 unchanged, 0 error\\(s\\)`),
    );
    expect(result.code).toBe(0);
    const again = await cli('import', '--canton', 'cuenca', '--file', file);
    expect(again.stdout).toMatch(new RegExp(`0 record\\(s\\) written, ${services + 1} unchanged`));
    expect(again.code).toBe(0);
  }, 60_000);
});
