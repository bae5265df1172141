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

let bundles: Promise<Map<string, string[]>> | undefined;
/** Every route handler's modules, built once for the checks below. */
const routeModules = () =>
  (bundles ??= Promise.all(
    [...new Set(ROUTES.map((r) => r.handler))].map(async (h) => [h, await modulesOf(h)] as const),
  ).then((entries) => new Map(entries)));

describe('The secrets each route function is granted', () => {
  it('are exactly those its code reads', async () => {
    const modules = await routeModules();
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

/** What starts executions, which only the workflow outbox's function may hold, and what answers their waits. */
const STARTERS = [
  'functions/adapters/stepfunctions/referral-workflow.ts',
  'functions/adapters/stepfunctions/complaint-clock.ts',
  'functions/adapters/stepfunctions/catalogue-import.ts',
];
const ANSWERS = 'functions/adapters/stepfunctions/task-tokens.ts';

describe('The Step Functions rights of each route function', () => {
  it('start nothing, and answer waits exactly where the code does', async () => {
    const modules = await routeModules();
    const wrong: string[] = [];
    for (const route of ROUTES) {
      const held = modules.get(route.handler) ?? [];
      for (const starter of STARTERS.filter((m) => held.includes(m))) {
        wrong.push(`${route.operationId}: holds ${starter}; a start goes through the workflow outbox`);
      }
      const answers = held.includes(ANSWERS);
      const granted = route.answersReferralWorkflow === true || route.answersComplaintClock === true;
      if (answers !== granted) {
        wrong.push(
          `${route.operationId}: ${granted ? 'granted task responses, never answers' : 'answers, not granted'}`,
        );
      }
    }
    expect(wrong).toEqual([]);
    expect(ROUTES.filter((r) => modules.get(r.handler)?.includes(ANSWERS)).length).toBeGreaterThan(3);
  }, 120_000);
});
