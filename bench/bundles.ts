import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROUTES } from '../lib/api/routes.js';
import {
  type BundledFile,
  bundleDefines,
  bundleFiles,
  LAMBDA_BUILD_OPTIONS,
} from '../lib/constructs/bundle-aliases.js';
import { median, round } from './stats.js';
import { BUNDLE_TARGET_BYTES, COLD_LOAD_FLOOR_TARGET } from './targets.js';

/**
 * Each Lambda bundle built as lib/constructs/swcs-function.ts has NodejsFunction build it — esbuild, bundled,
 * minified, ESM with a `require` banner, platform node, the construct's target (node24: its Lambda runtime is
 * Node.js 24), main fields module,main, the AWS SDK inside the bundle, external source maps without sources — then
 * loaded cold: a fresh `node` process imports it with the environment the function gets (dummy values, endpoints on
 * 127.0.0.1 so that nothing could leave the machine) and `NODE_OPTIONS=--enable-source-maps` as the construct sets.
 * The same is done for an empty handler in the same run, as the baseline, and for each handler's floor: a handler
 * that only creates the AWS SDK clients the bundle holds (its metafile's @aws-sdk/client-* inputs; the document
 * client over DynamoDB's when @aws-sdk/lib-dynamodb is in it too), built the same way. The target is the
 * handler's cold load ≤ 1.3× its floor's, both measured in the same run, in pairs: each handler's load is taken back
 * to back with a load of its floor, LOAD_RUNS times.
 */
const LOAD_RUNS = 5;
const EMPTY = '(empty handler)';
const PROJECT_ROOT = new URL('../', import.meta.url).pathname;

export interface BundleResult {
  readonly handler: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly sourceMapBytes: number;
  /**
   * The data files the function ships beside its bundle (bundleFiles: the OpenAPI document's), copied there before
   * the loads, which read them; not in `bytes`, whose target is about the code. Absent when there are none.
   */
  readonly dataFileBytes?: number;
  /** Median import + initialisation time in a fresh process. */
  readonly loadMs: number;
  /** loadMs / the empty handler's loadMs. */
  readonly loadRatio: number;
  readonly overTarget: boolean;
  /** The AWS SDK clients the bundle creates, which its floor handler creates alone (`none` without the SDK). */
  readonly floor: string;
  readonly floorBytes: number;
  /** Median cold load of the floor handler, over the loads paired with this handler's. */
  readonly floorLoadMs: number;
  /** loadMs / floorLoadMs: the target is ≤ COLD_LOAD_FLOOR_TARGET. */
  readonly floorRatio: number;
  /**
   * The same two loads in CPU time (the loading process's user + system time, its V8 and GC threads included):
   * what the loads cost rather than how long they waited. A busy or throttled machine lengthens a long load's
   * wall time more than a short one's, so when floorRatio and this disagree, the machine was not idle.
   */
  readonly loadCpuMs: number;
  readonly floorCpuRatio: number;
  /** The three largest inputs, by bytes in the output (from esbuild's metafile). */
  readonly largestInputs: readonly { readonly path: string; readonly bytes: number }[];
  /**
   * The route modules (functions/http/routes/<capability>.ts, or <capability>/<operation>.ts) in the bundle, i.e.
   * whose schemas it carries: a handler should hold its own operation's (and the shared roles), never the whole table.
   */
  readonly routeModules: readonly string[];
  readonly error?: string;
}

export interface BundlesSection {
  readonly bundles: readonly BundleResult[];
  readonly emptyLoadMs: number;
  /** The target of each handler's cold load over its floor's. */
  readonly floorTarget: number;
  readonly loadRuns: number;
  readonly target: string;
}

/** `sizesOnly` builds every bundle and skips the cold loads (the quick mode: sizes do not depend on the machine). */
export async function measureBundles(options: { sizesOnly?: boolean } = {}): Promise<BundlesSection> {
  const dir = mkdtempSync(join(tmpdir(), 'swcs-bundles-'));
  try {
    const handlers = [
      ...new Set([
        ...ROUTES.map((r) => r.handler),
        'handlers/referrals/workflow-step',
        'handlers/complaints/clock-step',
        'handlers/catalogue/import-step',
        'handlers/workflows/start-executions',
      ]),
    ].sort();
    const emptyEntry = join(dir, 'empty.mjs');
    writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200, body: "" });\n');
    // esbuild parallelises on its own; building every bundle at once keeps the two cores busy.
    const results = await Promise.all([
      bundle(emptyEntry, join(dir, 'empty'), {}),
      ...handlers.map((handler) =>
        bundle(
          join(PROJECT_ROOT, 'functions', `${handler}.ts`),
          join(dir, handler),
          bundleDefines(handler),
          bundleFiles(handler),
        ),
      ),
    ]);
    const built = new Map(
      [EMPTY, ...handlers].map((name, i) => [name, results[i] as (typeof results)[number]]),
    );
    // One floor per set of clients, shared by the handlers that create the same ones.
    const floorOf = new Map(
      handlers.map((handler) => {
        const result = built.get(handler);
        return [handler, result?.ok ? floorName(result.clients) : 'none'];
      }),
    );
    const floorNames = [...new Set(floorOf.values())].sort();
    const floorResults = await Promise.all(
      floorNames.map((name) => {
        const entry = join(dir, 'floors', `${name}.mjs`);
        mkdirSync(dirname(entry), { recursive: true });
        writeFileSync(entry, floorSource(name));
        return bundle(entry, join(dir, 'floors', name), {});
      }),
    );
    for (const [i, name] of floorNames.entries()) {
      built.set(floorKey(name), floorResults[i] as (typeof floorResults)[number]);
    }
    // Each handler's cold load is paired with its floor's: the two run back to back, in an order that alternates
    // from run to run, so that both samples of a pair meet the same state of the machine. Against one floor sample
    // per run for all the handlers that share it, a floor that happened to load fast in a run had moved every one
    // of their ratios (the same bundles came out at 49 and 68 of 89 within target in two runs of one day).
    const samples = new Map<
      string,
      { wall: number[]; cpu: number[]; floorWall: number[]; floorCpu: number[] }
    >(handlers.map((h) => [h, { wall: [], cpu: [], floorWall: [], floorCpu: [] }]));
    const emptyLoads: number[] = [];
    for (let run = 0; run < (options.sizesOnly ? 0 : LOAD_RUNS); run++) {
      const empty = built.get(EMPTY);
      if (empty?.ok) emptyLoads.push(loadTime(empty.file).wallMs);
      for (const handler of handlers) {
        const result = built.get(handler);
        const floorResult = built.get(floorKey(floorOf.get(handler) ?? 'none'));
        const sample = samples.get(handler);
        if (!result?.ok || !floorResult?.ok || !sample) continue;
        const floorFirst = run % 2 === 1;
        const before = floorFirst ? loadTime(floorResult.file) : undefined;
        const own = loadTime(result.file);
        const floor = before ?? loadTime(floorResult.file);
        sample.wall.push(own.wallMs);
        sample.cpu.push(own.cpuMs);
        sample.floorWall.push(floor.wallMs);
        sample.floorCpu.push(floor.cpuMs);
      }
    }
    const emptyLoadMs = median(emptyLoads);
    const bundles = handlers.map((handler): BundleResult => {
      const result = built.get(handler);
      if (!result?.ok) {
        return {
          handler,
          bytes: 0,
          gzipBytes: 0,
          sourceMapBytes: 0,
          loadMs: 0,
          loadRatio: 0,
          overTarget: false,
          floor: 'none',
          floorBytes: 0,
          floorLoadMs: 0,
          floorRatio: 0,
          loadCpuMs: 0,
          floorCpuRatio: 0,
          largestInputs: [],
          routeModules: [],
          error: result?.error ?? 'not built',
        };
      }
      const sample = samples.get(handler);
      const loadMs = median(sample?.wall ?? []);
      const floor = floorOf.get(handler) ?? 'none';
      const floorBuilt = built.get(floorKey(floor));
      const floorLoadMs = median(sample?.floorWall ?? []);
      const loadCpuMs = median(sample?.cpu ?? []);
      const floorCpuMs = median(sample?.floorCpu ?? []);
      return {
        handler,
        bytes: result.bytes,
        gzipBytes: result.gzipBytes,
        sourceMapBytes: result.sourceMapBytes,
        ...(result.dataFileBytes > 0 ? { dataFileBytes: result.dataFileBytes } : {}),
        loadMs: round(loadMs, 1),
        loadRatio: round(loadMs / emptyLoadMs, 1),
        overTarget: result.bytes > BUNDLE_TARGET_BYTES,
        floor,
        floorBytes: floorBuilt?.ok ? floorBuilt.bytes : 0,
        floorLoadMs: round(floorLoadMs, 1),
        floorRatio: round(loadMs / floorLoadMs, 2),
        loadCpuMs: round(loadCpuMs, 1),
        floorCpuRatio: round(loadCpuMs / floorCpuMs, 2),
        largestInputs: result.largestInputs,
        routeModules: result.routeModules,
      };
    });
    return {
      bundles,
      emptyLoadMs: round(emptyLoadMs, 1),
      floorTarget: COLD_LOAD_FLOOR_TARGET,
      loadRuns: LOAD_RUNS,
      target: 'node24',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Built =
  | {
      readonly ok: true;
      readonly file: string;
      readonly bytes: number;
      readonly gzipBytes: number;
      readonly sourceMapBytes: number;
      readonly dataFileBytes: number;
      readonly largestInputs: BundleResult['largestInputs'];
      readonly routeModules: BundleResult['routeModules'];
      /** The AWS SDK client packages in the bundle (`client-dynamodb`, `lib-dynamodb`, …). */
      readonly clients: readonly string[];
    }
  | { readonly ok: false; readonly error: string };

async function bundle(
  entry: string,
  outDir: string,
  define: Readonly<Record<string, string>>,
  files: readonly BundledFile[] = [],
): Promise<Built> {
  const file = join(outDir, 'index.mjs');
  try {
    const result = await build({
      ...LAMBDA_BUILD_OPTIONS,
      entryPoints: [entry],
      outfile: file,
      sourcemap: true,
      sourcesContent: false,
      tsconfig: join(PROJECT_ROOT, 'tsconfig.json'),
      metafile: true,
      define: { ...define },
      // Floor entries are written outside the project: packages resolve from its node_modules all the same.
      nodePaths: [join(PROJECT_ROOT, 'node_modules')],
      logLevel: 'silent',
    });
    // Where SwcsFunction's asset has them, beside the bundle (the handlers' own files go in no subfolder).
    for (const f of files) copyFileSync(f.source, join(outDir, f.target));
    const outputs = result.metafile.outputs;
    const output = Object.entries(outputs).find(([name]) => name.endsWith('.mjs'))?.[1];
    const largestInputs = Object.entries(output?.inputs ?? {})
      .map(([path, input]) => ({ path: packageOf(path), bytes: input.bytesInOutput }))
      .reduce<{ path: string; bytes: number }[]>((acc, input) => {
        const same = acc.find((a) => a.path === input.path);
        if (same) same.bytes += input.bytes;
        else acc.push({ ...input });
        return acc;
      }, [])
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 3);
    // A capability's list (routes/<capability>.ts) or one of its operations (routes/<capability>/<operation>.ts).
    const routeModules = Object.keys(output?.inputs ?? {})
      .flatMap(
        (path) => /functions\/http\/routes\/([^/]+\/)?([^/]+)\.ts$/.exec(path)?.slice(1, 3).join('') ?? [],
      )
      .sort();
    const clients = [
      ...new Set(
        Object.keys(output?.inputs ?? {}).flatMap(
          (path) => /node_modules\/@aws-sdk\/((?:client|lib)-[^/]+)\//.exec(path)?.[1] ?? [],
        ),
      ),
    ].sort();
    return {
      ok: true,
      clients,
      file,
      bytes: statSync(file).size,
      gzipBytes: gzipSync(readFileSync(file)).length,
      sourceMapBytes: statSync(`${file}.map`).size,
      dataFileBytes: files.reduce((sum, f) => sum + statSync(f.source).size, 0),
      largestInputs,
      routeModules,
    };
  } catch (error) {
    return { ok: false, error: (error instanceof Error ? error.message : String(error)).slice(0, 300) };
  }
}

/** The SDK clients a floor creates, by package: the constructor each exports. */
const FLOOR_CLIENTS: Readonly<Record<string, string>> = {
  'client-dynamodb': 'DynamoDBClient',
  'client-sesv2': 'SESv2Client',
  'client-sfn': 'SFNClient',
  'client-sns': 'SNSClient',
};

/** `client-dynamodb+lib-dynamodb+client-sns` for a bundle holding those; `none` for one without the SDK. */
function floorName(clients: readonly string[]): string {
  const known = clients.filter((c) => c in FLOOR_CLIENTS || c === 'lib-dynamodb');
  const unknown = clients.filter((c) => c.startsWith('client-') && !(c in FLOOR_CLIENTS));
  if (unknown.length > 0)
    throw new Error(`No floor for the SDK clients ${unknown.join(', ')}: add them to FLOOR_CLIENTS`);
  return known.length > 0 ? known.join('+') : 'none';
}

const floorKey = (name: string) => `(floor ${name})`;

/** A handler that creates the floor's clients at load, as a store module does, and answers without using them. */
function floorSource(name: string): string {
  const clients = name === 'none' ? [] : name.split('+');
  const lines = clients.flatMap((pkg, i) => {
    const ctor = FLOOR_CLIENTS[pkg];
    return ctor ? [`import { ${ctor} } from '@aws-sdk/${pkg}';`, `const c${i} = new ${ctor}({});`] : [];
  });
  if (clients.includes('lib-dynamodb')) {
    const dynamo = clients.indexOf('client-dynamodb');
    lines.push(
      "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
      `const document = DynamoDBDocumentClient.from(c${dynamo}, { marshallOptions: { removeUndefinedValues: true } });`,
    );
  }
  const used = clients.flatMap((pkg, i) => (FLOOR_CLIENTS[pkg] ? [`c${i}`] : []));
  if (clients.includes('lib-dynamodb')) used.push('document');
  return `${lines.join('\n')}\nexport const handler = async () => ({ statusCode: 200, body: String([${used.join(', ')}].length) });\n`;
}

/** `node_modules/@aws-sdk/client-dynamodb/dist-es/…` → `@aws-sdk/client-dynamodb`; our own files by folder. */
function packageOf(path: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match?.[1]) return match[1];
  return path.split('/').slice(0, 2).join('/');
}

const LOADER = `
const started = performance.now();
const cpu = process.cpuUsage();
const module = await import(process.argv[1]);
const loaded = performance.now() - started;
const used = process.cpuUsage(cpu);
if (typeof module.handler !== 'function') throw new Error('no handler export');
process.stdout.write(JSON.stringify({ wallMs: loaded, cpuMs: (used.user + used.system) / 1000 }));
`;

function loadTime(file: string): { wallMs: number; cpuMs: number } {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', LOADER, pathToFileURL(file).href], {
    encoding: 'utf8',
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: '--enable-source-maps',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'bench',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      TABLE_NAME: 'swcs-bench',
      CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench',
      REFERRAL_WORKFLOW_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench',
      COMPLAINT_CLOCK_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench-complaint-clock',
      CATALOGUE_IMPORT_WORKFLOW_ARN: 'arn:aws:states:us-east-1:000000000000:stateMachine:bench-import',
      NOTIFICATIONS_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:bench-{canton}',
      POWERTOOLS_SERVICE_NAME: 'swcs',
      SWCS_STAGE: 'bench',
    },
  });
  if (child.status !== 0) throw new Error(`Loading ${file} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as { wallMs: number; cpuMs: number };
}
