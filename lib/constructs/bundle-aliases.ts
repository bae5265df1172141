import { createHash } from 'node:crypto';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { buildOpenApiDocument } from '../api/openapi.js';
import { packDocument } from '../api/openapi-packed.js';
import { acceptsIdempotencyKey, ROUTES } from '../api/routes.js';

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
 *   (functions/handlers/system/openapi.ts).
 * Workflow steps and other non-route functions get none.
 */
export function bundleDefines(handler: string): Readonly<Record<string, string>> {
  const routes = ROUTES.filter((r) => r.handler === handler);
  if (routes.length === 0) return {};
  return {
    ...(routes.some(acceptsIdempotencyKey) ? {} : { 'process.env.SWCS_IDEMPOTENCY': JSON.stringify('off') }),
    ...(handler === OPENAPI_HANDLER
      ? { 'process.env.SWCS_OPENAPI_PACKED': JSON.stringify(OPENAPI_PACKED) }
      : {}),
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
 * the OpenAPI document's handler gets the document built now, packed (lib/api/openapi-packed.ts). A file rather
 * than a define: SwcsFunction hands each define to esbuild on one shell command line, which Windows' cmd caps at
 * 8,191 characters in all and Linux at 128 KiB an argument, and the packed document in a string literal (base64)
 * would be about 63,000.
 */
export function bundleFiles(handler: string): readonly BundledFile[] {
  return handler === OPENAPI_HANDLER ? [{ source: packedDocumentFile(), target: OPENAPI_PACKED }] : [];
}

const OPENAPI_HANDLER = 'handlers/system/openapi';
/** The packed document's name in the bundle, beside the handler's module. */
const OPENAPI_PACKED = 'openapi.json.br';

let packedFile: string | undefined;

/**
 * The packed document, built and written once per process (under a second), in the system's temp folder rather
 * than cdk.out, which the bench and the tests do not have. Its name is its content's digest, so synths running at
 * the same time, or of different documents, never write over a file another is copying; each writes under a name
 * of its own and renames that into place, so none ever copies one half written.
 */
function packedDocumentFile(): string {
  if (packedFile !== undefined) return packedFile;
  const packed = packDocument(buildOpenApiDocument());
  const digest = createHash('sha256').update(packed).digest('hex').slice(0, 16);
  const file = join(tmpdir(), `swcs-openapi-${digest}.json.br`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, packed);
    renameSync(partial, file);
  }
  packedFile = file;
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
