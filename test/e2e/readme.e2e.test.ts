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

/**
 * Runs the bash blocks of the README marked `<!-- name -->` … `<!-- /name -->`, one after the other in one shell
 * (a block may go on from an earlier one), against this test's server.
 */
async function runBlock(...names: string[]) {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const blocks = names.map((name) => {
    const start = readme.indexOf(`<!-- ${name} -->`);
    const end = readme.indexOf(`<!-- /${name} -->`);
    expect(start, `README block ${name}`).toBeGreaterThan(-1);
    return /```bash\n([\s\S]*?)```/.exec(readme.slice(start, end))?.[1] ?? '';
  });
  expect(blocks[0]).toContain('API=http://localhost:4000');
  const script = blocks.join('\n').replace('API=http://localhost:4000', `API=${server.url}`);
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

  it('protocols: read the national template, publish a canton version by POST — as printed', async () => {
    const result = await runBlock('protocol-example');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [template] = result.stdout.trim().split('\n');
    expect(JSON.parse(template as string)).toMatchObject({ cantonId: 'national', version: 1 });
    expect(result.stdout).toMatch(/^HTTP\/1\.1 201 /m);
    expect(result.stdout).toMatch(
      /^location: \/cantons\/quito\/protocols\/special-needs\/older-adults\/versions\/\d+\r?$/im,
    );
    expect(result.stdout).toMatch(/"amount":4,"unit":"working-days"/);
  });

  it('ETags: the tag read, a 304 while unchanged, a change guarded by If-Match — as printed', async () => {
    const result = await runBlock('walkthrough', 'etag-example');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').map((line) => line.trim());
    expect(lines).toContain('etag: W/"3"');
    expect(lines).toContain('304');
    expect(lines).toContain('HTTP/1.1 200 OK');
    expect(lines).toContain('etag: W/"4"');
    expect(result.stdout).toMatch(/"assignedOfficer":"uio\.tecnico2"/);
  });

  it('registry: screen, refer by registry data, propose an update, approve it as another person — as printed', async () => {
    const result = await runBlock('registry-walkthrough');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [screened, referred, own, approved, changed, queued] = result.stdout.trim().split('\n');
    expect(screened).toMatch(/^extreme-poverty .*mies9-gerontologico-diurno/);
    expect(referred).toBe('requested');
    expect(own).toBe('403');
    expect(approved).toBe('approved');
    expect(changed).toBe('La Magdalena 55');
    expect(queued).toBe('1');
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

  it('confirmation: after the referral walk, the citizen answers her SMS once; the call-back list — as printed', async () => {
    const result = await runBlock('referral-walkthrough', 'confirmation-walkthrough');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').slice(5);
    expect(lines[0]).toMatch(
      /^Ventanilla Unica: ¿Recibio el servicio al que le derivamos \(solicitud [0-9A-Z]{4}-[0-9A-Z]{4}\)\? Responda en http\S+\/r\/[0-9A-Za-z]{11}$/,
    );
    expect(lines.slice(1, 5)).toEqual(['¿Recibió el servicio?', '200', 'confirmed', '409']);
    expect(Number(lines[5])).toBeGreaterThanOrEqual(0);
  });
});
