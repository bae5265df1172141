import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CANTONS_DIR, CantonDefinitionError, loadCantons } from '../../lib/cantons.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A canton folder made of the shipped national and Quito files, with Quito changed by `edit`. */
function folderWith(edit: (quito: Record<string, unknown>) => void, fileName = 'quito.json') {
  const dir = mkdtempSync(join(tmpdir(), 'cantons-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'national.json'), readFileSync(join(CANTONS_DIR, 'national.json')));
  const quito = JSON.parse(readFileSync(join(CANTONS_DIR, 'quito.json'), 'utf8'));
  edit(quito);
  writeFileSync(join(dir, fileName), JSON.stringify(quito));
  return dir;
}

describe('canton definitions', () => {
  it('ships the national level and real Ecuadorian cantons, all valid', () => {
    const cantons = loadCantons();
    expect(cantons.filter((c) => c.level === 'national').map((c) => c.id)).toEqual(['national']);
    expect(cantons.filter((c) => c.level === 'canton').length).toBeGreaterThanOrEqual(2);
    expect(cantons.find((c) => c.id === 'quito')?.province).toBe('Pichincha');
  });

  it('names the file, the field and the problem when a definition is invalid', () => {
    const dir = folderWith((q) => {
      q.timeZone = 'Mars/Olympus';
      const [first] = q.staff as { email: string }[];
      if (first) first.email = 'not-an-email';
    });
    expect(() => loadCantons(dir)).toThrow(CantonDefinitionError);
    try {
      loadCantons(dir);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/quito\.json: field "timeZone": must be an IANA time zone/);
      expect(message).toMatch(/quito\.json: field "staff\.0\.email"/);
    }
  });

  it('refuses an unknown category, a canton without coordinator and an unknown field', () => {
    const dir = folderWith((q) => {
      q.enabledCategories = ['urgent', 'parking-tickets'];
      q.staff = [{ id: 'x.op', name: 'Op', email: 'op@example.org', roles: ['operator'] }];
      q.mayor = 'someone';
    });
    expect(() => loadCantons(dir)).toThrow(/field "enabledCategories\.1"/);
    expect(() => loadCantons(dir)).toThrow(/field "staff": must include at least one coordinator/);
    expect(() => loadCantons(dir)).toThrow(/mayor/);
  });

  it('requires the id to match the file name and the file to be JSON', () => {
    expect(() => loadCantons(folderWith(() => undefined, 'quitu.json'))).toThrow(
      /quitu\.json: field "id": "quito" must match the file name/,
    );
    const dir = folderWith(() => undefined);
    writeFileSync(join(dir, 'broken.json'), '{ "id": ');
    expect(() => loadCantons(dir)).toThrow(/broken\.json: not valid JSON/);
  });
});
