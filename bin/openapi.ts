import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { buildOpenApiDocument } from '../lib/api/openapi.js';

/**
 * `tsx bin/openapi.ts [--out FILE]`: writes the API's OpenAPI document — the one `GET /openapi.json` serves — to
 * FILE (standard output without it), for linters and client generators that read a file.
 */
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const text = `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`;
if (values.out) {
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, text);
} else {
  process.stdout.write(text);
}
