import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { atServer, localServerForFile, readmeBlock, runWalkthrough } from '../support/readme.js';

/**
 * The README's social report walk-through (draft → sign → edit refused → approve as another user → PDF → the
 * household's list), run as printed against `npm start`; only the port and where the PDF lands differ.
 */
const { dataDir, server } = localServerForFile('reports-readme');
const pdfFile = join(dataDir, 'informe-social.pdf');

describe('README: a social report walked through', () => {
  it('draft → sign → 409 on edit → approve as another user → PDF → list, as printed', async () => {
    const script = readmeBlock('social-report-walkthrough');
    expect(script).toContain('informe-social.pdf');
    const result = await runWalkthrough(
      atServer(script, server().url).replaceAll('informe-social.pdf', pdfFile),
      dataDir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const id = /^Report ([0-9A-Z]{26})$/.exec(lines[0] ?? '')?.[1];
    expect(id).toBeDefined();
    const [hash, edit, approval, magic, list] = lines.slice(1);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(edit).toBe('409');
    expect(approval).toBe('approved Patricia Morales Yépez');
    expect(magic).toBe('%PDF-');
    expect(list).toMatch(/^INF-[0-9A-Z]{4}-[0-9A-Z]{4} approved$/);

    const { text } = await extractText(new Uint8Array(readFileSync(pdfFile)), { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    for (const expected of [
      'Informe social',
      'Rosa Guamán Toapanta',
      'Verónica Chiriboga',
      'Patricia Morales Yépez',
    ]) {
      expect(flat).toContain(expected);
    }
    expect(flat.replace(/ /g, '')).toContain(`SHA-256:${hash}`);
  });
});
