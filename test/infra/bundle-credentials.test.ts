import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ALIASES } from '../../lib/constructs/bundle-aliases.js';

/**
 * A Lambda bundle resolves its credentials from the environment alone (BUNDLE_ALIASES): built as SwcsFunction
 * builds it, it holds none of the default chain's providers, and it still signs its calls with the role's
 * credentials that Lambda puts in the environment.
 */
const dir = mkdtempSync(join(tmpdir(), 'swcs-credentials-'));
let endpoint = '';
const authorizations: string[] = [];
const server = createServer((req, res) => {
  authorizations.push(String(req.headers.authorization ?? ''));
  res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(JSON.stringify({ TableNames: ['swcs'] }));
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('Lambda bundles and credentials', () => {
  it('sign with the credentials in the environment, without the default chain inside', async () => {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      "import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';\n" +
        'const answer = await new DynamoDBClient({}).send(new ListTablesCommand({}));\n' +
        'process.stdout.write(JSON.stringify(answer.TableNames));\n',
    );
    const outfile = join(dir, 'bundle.mjs');
    const result = await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      banner: {
        js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);",
      },
      alias: { ...BUNDLE_ALIASES },
      nodePaths: [join(process.cwd(), 'node_modules')],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('credential-provider-env'))).toBe(true);
    expect(
      inputs.filter((path) => /credential-provider-(node|ini|sso|process)|nested-clients/.test(path)),
    ).toEqual([]);

    // Asynchronously: the endpoint answering the bundle runs in this process.
    const run = await promisify(execFile)(process.execPath, [outfile], {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDLAMBDAROLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'session',
        AWS_ENDPOINT_URL_DYNAMODB: endpoint,
      },
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(['swcs']);
    expect(authorizations.at(-1)).toMatch(/Credential=AKIDLAMBDAROLE\//);
  });
});
