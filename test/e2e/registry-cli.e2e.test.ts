import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../functions/domain/registry-file.js';
import { REPO, runCommand, type Started, startProcess } from '../support/process.js';

/** `npm run registry -- import` against a running `npm start`, as the ministry's periodic update would run. */
const dataDir = mkdtempSync(join(tmpdir(), 'swcs-registry-cli-'));
let server: Started;

const cli = (...args: string[]) =>
  runCommand(process.execPath, [
    '--import',
    'tsx',
    'bin/registry.ts',
    ...args,
    '--api',
    server.url,
    '--data',
    dataDir,
  ]);

/** 250 households of the demo registry (never at the top score) with a new survey score: what a periodic update looks like. */
function update(delta = 1): string {
  return `${readFileSync(join(REPO, 'registry/demo-registry.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .slice(1, 251)
    .map((line) => {
      const household = JSON.parse(line);
      household.classification.score = Math.min(100, household.classification.score + delta);
      return JSON.stringify(household);
    })
    .join('\n')}\n`;
}

beforeAll(async () => {
  server = await startProcess(['--port', '0', '--data', dataDir, '--in-memory']);
});
afterAll(async () => {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run registry -- import', () => {
  it('lists every problem of a bad CSV by line and column and imports nothing', async () => {
    const row = (values: Record<string, string>) => CSV_COLUMNS.map((c) => values[c] ?? '').join(',');
    const file = join(dataDir, 'bad.csv');
    writeFileSync(
      file,
      [
        CSV_COLUMNS.join(','),
        row({
          household_id: 'HH-UIO-900001',
          province: 'Pichincha',
          canton: 'quito',
          parish: 'Nayón',
          classification: 'poverty',
          score: '20',
          survey_date: '2025-01-01',
          member_id: '1',
          national_id: '1710034066',
          given_names: 'Ana',
          family_names: 'Lema',
          birth_date: '1970-01-01',
          sex: 'female',
          relationship: 'head',
          nationality: 'Ecuatoriana',
          education: 'basic',
          employed: 'no',
          income_bracket: 'none',
        }),
        row({
          member_id: '2',
          given_names: 'Inti',
          family_names: 'Lema',
          birth_date: '2010-01-01',
          sex: 'male',
          relationship: 'child',
          nationality: 'Ecuatoriana',
          education: 'basic',
          employed: 'no',
          income_bracket: 'none',
        }),
      ].join('\n'),
    );
    const result = await cli('import', '--file', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/2 problem\(s\), nothing imported/);
    expect(result.stderr).toMatch(/line 2, national_id: el dígito verificador no es correcto/);
    expect(result.stderr).toMatch(/line 3, household_id: miembro sin hogar/);
  });

  it('loads a file in batches with progress, and loading it again changes nothing', async () => {
    const file = join(dataDir, 'update.jsonl');
    writeFileSync(file, update());
    const first = await cli('import', '--file', file);
    expect(first.stderr).toMatch(/250\/250 hogares/);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported 250 household\(s\): 250 written, 0 unchanged/);
    const again = await cli('import', '--file', file);
    expect(again.stdout).toMatch(/250 household\(s\): 0 written, 250 unchanged/);
  });

  it('resumes an import cut short after the batches already accepted', async () => {
    const file = join(dataDir, 'resume.jsonl');
    writeFileSync(file, update(2));
    // A first run that stopped after its first two batches (200 households) left this behind.
    const first = await cli('import', '--file', file, '--restart');
    expect(first.code).toBe(0);
    const progressDir = join(dataDir, 'registry-imports');
    mkdirSync(progressDir, { recursive: true });
    expect(readdirSync(progressDir)).toEqual([]);
    const digest = (await import('node:crypto'))
      .createHash('sha256')
      .update(readFileSync(file, 'utf8'))
      .digest('hex')
      .slice(0, 32);
    writeFileSync(
      join(progressDir, `${digest}.json`),
      JSON.stringify({ batches: 2, written: 200, unchanged: 0 }),
    );
    const resumed = await cli('import', '--file', file);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/Resuming after 2 batch\(es\)/);
    // Only the third batch was sent: its 50 households were already as the file has them.
    expect(resumed.stdout).toMatch(/250 household\(s\): 200 written, 50 unchanged/);
  });
});
