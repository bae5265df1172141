import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { buildOpenApiDocument } from '../api/openapi.js';
import { packDocument } from '../api/openapi-packed.js';
import { acceptsIdempotencyKey, ROUTES } from '../api/routes.js';
import { NATIONAL_HOLIDAYS } from '../../functions/app/holiday-calendar.js';

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url).pathname;

/**
 * Modules replaced when a Lambda function is bundled (SwcsFunction, and bench/bundles.ts, which builds the same
 * way), each by a module in functions/adapters/aws/ that says why Lambda never needs the original:
 * - the AWS SDK's default credential chain becomes the environment provider alone, which is where Lambda puts a
 *   function's credentials;
 * - event streams, which no operation of the clients the functions use has, fail if ever reached;
 * - DynamoDB's endpoint discovery, off and unused, fails if ever asked for;
 * - the SDK's checksums become the SHA-256 of node:crypto, the one checksum these clients use.
 * Local runs and tests are not bundled and keep the SDK whole; test/infra/bundle-aliases.test.ts proves that
 * bundled clients still answer on the wire.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': join(FUNCTIONS_DIR, 'adapters/aws/env-credentials.ts'),
  '@smithy/core/event-streams': join(FUNCTIONS_DIR, 'adapters/aws/no-event-streams.ts'),
  '@aws-sdk/middleware-endpoint-discovery': join(FUNCTIONS_DIR, 'adapters/aws/no-endpoint-discovery.ts'),
  '@smithy/core/checksum': join(FUNCTIONS_DIR, 'adapters/aws/native-checksums.ts'),
};

/**
 * Values fixed when a function is bundled (esbuild's define), by its handler module:
 * - a handler whose routes take no Idempotency-Key gets `process.env.SWCS_IDEMPOTENCY` = "off", which drops the
 *   idempotency store and its DynamoDB client from its bundle (functions/http/handler.ts);
 * - the OpenAPI document's handler gets `process.env.SWCS_OPENAPI_PACKED`, the name of the data file bundleFiles
 *   puts next to its bundle, which drops the route table, every route's schemas and the examples from it
 *   (functions/handlers/system/openapi.ts);
 * - every function gets `process.env.SWCS_NATIONAL_REST_DAYS`, the name of the national rest days' data file, which
 *   drops the holiday file and its schemas from the bundles that count deadlines (functions/app/canton-calendar.ts).
 */
export function bundleDefines(handler: string): Readonly<Record<string, string>> {
  const routes = ROUTES.filter((r) => r.handler === handler);
  return {
    ...(routes.length === 0 || routes.some(acceptsIdempotencyKey)
      ? {}
      : { 'process.env.SWCS_IDEMPOTENCY': JSON.stringify('off') }),
    ...(handler === OPENAPI_HANDLER
      ? { 'process.env.SWCS_OPENAPI_PACKED': JSON.stringify(OPENAPI_PACKED) }
      : {}),
    'process.env.SWCS_NATIONAL_REST_DAYS': JSON.stringify(NATIONAL_REST_DAYS),
  };
}

export interface BundledFile {
  /** Absolute path of the file to copy. */
  readonly source: string;
  /** Where it goes, relative to the bundle root (the handler's folder); must stay inside it. */
  readonly target: string;
}

/**
 * Data files a handler's bundle carries, by its handler module, whichever function bundles it (SwcsFunction adds
 * them to its own bundledFiles; the bench and test/infra/bundle-aliases.test.ts copy them next to their builds):
 * the OpenAPI document's handler gets the document built now, packed (lib/api/openapi-packed.ts); every function
 * gets the dates of the national rest days (a few hundred bytes), which the ones that count deadlines read. Files
 * rather than defines: SwcsFunction hands each define to esbuild on one shell command line, which Windows' cmd caps
 * at 8,191 characters in all and Linux at 128 KiB an argument, and the packed document in a string literal (base64)
 * would be about 63,000.
 */
export function bundleFiles(handler: string): readonly BundledFile[] {
  return [
    ...(handler === OPENAPI_HANDLER
      ? [
          {
            source: dataFile('openapi', '.json.br', () => packDocument(buildOpenApiDocument())),
            target: OPENAPI_PACKED,
          },
        ]
      : []),
    { source: dataFile('rest-days', '.json', nationalRestDays), target: NATIONAL_REST_DAYS },
  ];
}

const OPENAPI_HANDLER = 'handlers/system/openapi';
/** The data files' names in the bundle, beside the handler's module. */
const OPENAPI_PACKED = 'openapi.json.br';
const NATIONAL_REST_DAYS = 'national-rest-days.json';

/** The national rest days as canton-calendar.ts reads them: the checked holiday file, dates only. */
const nationalRestDays = () =>
  Buffer.from(`${JSON.stringify({ holidays: NATIONAL_HOLIDAYS.holidays.map(({ date }) => ({ date })) })}\n`);

const dataFiles = new Map<string, string>();

/**
 * A data file built and written once per process (the document takes under a second), in the system's temp folder
 * rather than cdk.out, which the bench and the tests do not have. Its name is its content's digest, so synths
 * running at the same time, or of different contents, never write over a file another is copying; each writes
 * under a name of its own and renames that into place, so none ever copies one half written.
 */
function dataFile(kind: string, extension: string, build: () => Buffer): string {
  const known = dataFiles.get(kind);
  if (known !== undefined) return known;
  const content = build();
  const digest = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `swcs-${kind}-${digest}${extension}`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, content);
    renameSync(partial, file);
  }
  dataFiles.set(kind, file);
  return file;
}

/**
 * esbuild emits ESM, but some dependencies are CommonJS and call `require`; ESM has no `require`, so the bundle
 * creates one. The alias keeps the name from colliding with anything in the bundle.
 */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __swcsCreateRequire } from 'node:module'; const require = __swcsCreateRequire(import.meta.url);";

/**
 * The esbuild options SwcsFunction's bundling props come to — bundled, minified, ESM with the `require` banner,
 * platform node, the construct's target (node24: its Lambda runtime is Node.js 24), main fields module,main, the
 * aliases — for the builds that imitate it: bench/bundles.ts and test/infra/bundle-aliases.test.ts.
 */
export const LAMBDA_BUILD_OPTIONS: Readonly<BuildOptions> = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  alias: { ...BUNDLE_ALIASES },
};
