import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../lib/api/routes.js';
import { bundleDefines, LAMBDA_BUILD_OPTIONS } from '../../lib/constructs/bundle-aliases.js';

/**
 * A route's `cursorKey` and `nationalIdKey` grant its function a secret (lib/platform-stack.ts); a function that
 * reaches the code reading one without the grant fails on AWS only, where the variable naming the secret is
 * missing, since locally every function has both keys. So the grants are checked against what each handler's
 * bundle holds, built with the defines its Lambda gets (our modules only: packages stay outside, which keeps the
 * builds to a few seconds).
 */
const READERS = {
  cursorKey: 'functions/http/cursor.ts',
  nationalIdKey: 'functions/adapters/secrets/national-id-key.ts',
} as const;

async function modulesOf(handler: string): Promise<string[]> {
  const result = await build({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: [join(process.cwd(), 'functions', `${handler}.ts`)],
    write: false,
    outfile: join(process.cwd(), 'out', 'index.mjs'),
    sourcemap: false,
    minify: false,
    packages: 'external',
    tsconfig: join(process.cwd(), 'tsconfig.json'),
    define: { ...bundleDefines(handler) },
    metafile: true,
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs).flatMap(([path, input]) => (input.bytesInOutput > 0 ? [path] : [])),
  );
}

describe('The secrets each route function is granted', () => {
  it('are exactly those its code reads', async () => {
    const handlers = [...new Set(ROUTES.map((r) => r.handler))];
    const modules = new Map(await Promise.all(handlers.map(async (h) => [h, await modulesOf(h)] as const)));
    const wrong: string[] = [];
    for (const route of ROUTES) {
      for (const [grant, reader] of Object.entries(READERS)) {
        const reads = modules.get(route.handler)?.includes(reader) ?? false;
        const granted = route[grant as keyof typeof READERS] === true;
        if (reads !== granted) {
          wrong.push(
            `${route.operationId}: ${grant} ${granted ? 'granted, never read' : 'read, not granted'}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
    // Both readers were found in many bundles, so the check above looked at real module graphs.
    for (const reader of Object.values(READERS)) {
      expect([...modules.values()].filter((m) => m.includes(reader)).length, reader).toBeGreaterThan(10);
    }
  }, 120_000);
});
