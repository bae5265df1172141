import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANTONS_DIR, CantonDefinitionError, loadCantons } from '../../lib/cantons.js';

const ROOT = new URL('../../', import.meta.url).pathname;
let dir: string;
let outdir: string;

beforeAll(() => {
  // A cantons folder with a valid national file and a Quito file whose INEC code is wrong.
  dir = mkdtempSync(join(tmpdir(), 'swcs-cantons-'));
  outdir = mkdtempSync(join(tmpdir(), 'swcs-out-'));
  copyFileSync(join(CANTONS_DIR, 'national.json'), join(dir, 'national.json'));
  const quito = JSON.parse(readFileSync(join(CANTONS_DIR, 'quito.json'), 'utf8'));
  writeFileSync(join(dir, 'quito.json'), JSON.stringify({ ...quito, code: '17' }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outdir, { recursive: true, force: true });
});

describe('an invalid canton file', () => {
  it('makes loadCantons fail with the file and the field', () => {
    expect(() => loadCantons(dir)).toThrow(CantonDefinitionError);
    expect(() => loadCantons(dir)).toThrow(/quito\.json: field "code"/);
  });

  it('stops the CDK app before anything is synthesized, exiting non-zero with the message', () => {
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['bin/app.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      // What the CDK CLI passes to the app: the context (here `-c cantonsDir=...`) and the output folder.
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ cantonsDir: dir }), CDK_OUTDIR: outdir },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Invalid canton definition/);
    expect(result.stderr).toMatch(/quito\.json: field "code": must be the 4-digit INEC canton code/);
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  });
});

describe("a canton file's units", () => {
  it('name members that are staff of the same file; any other id is refused with its field', () => {
    const unitsDir = mkdtempSync(join(tmpdir(), 'swcs-units-'));
    try {
      copyFileSync(join(CANTONS_DIR, 'national.json'), join(unitsDir, 'national.json'));
      const quito = JSON.parse(readFileSync(join(CANTONS_DIR, 'quito.json'), 'utf8'));
      const [first, ...rest] = quito.units;
      // A member of Cuenca's staff is not Quito's: units hold only their own canton's people.
      const units = [{ ...first, members: [...first.members, 'cue.tecnico1'] }, ...rest];
      writeFileSync(join(unitsDir, 'quito.json'), JSON.stringify({ ...quito, units }));
      expect(() => loadCantons(unitsDir)).toThrow(
        /quito\.json: field "units\.0\.members\.2": "cue\.tecnico1" is not staff of this definition/,
      );
      writeFileSync(join(unitsDir, 'quito.json'), JSON.stringify({ ...quito, units: [first, first] }));
      expect(() => loadCantons(unitsDir)).toThrow(/field "units": must not repeat a unit id/);
    } finally {
      rmSync(unitsDir, { recursive: true, force: true });
    }
  });

  it('are read by casework too: the units that are catalogue organizations take internal referrals', () => {
    const quito = loadCantons().find((c) => c.id === 'quito');
    expect(quito?.units?.map((u) => u.id)).toEqual(['patronato-san-jose', 'ventanilla-unica', 'calidad']);
    expect(quito?.units?.filter((u) => u.organizationId).map((u) => u.organizationId)).toEqual([
      'patronato-san-jose',
      'ventanilla-unica-quito',
    ]);
    const national = loadCantons().find((c) => c.id === 'national');
    expect(national?.units?.[0]?.members).toEqual(['nat.tecnico1']);
  });
});
