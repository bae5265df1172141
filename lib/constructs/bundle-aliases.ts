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
 * - the OpenAPI document's handler gets `process.env.SWCS_OPENAPI_DOCUMENT`, the document built now and packed
 *   (lib/api/openapi-packed.ts), which drops the route table, every route's schemas and the examples from its
 *   bundle (functions/handlers/system/openapi.ts).
 * Workflow steps and other non-route functions get none.
 */
export function bundleDefines(handler: string): Readonly<Record<string, string>> {
  const routes = ROUTES.filter((r) => r.handler === handler);
  if (routes.length === 0) return {};
  return {
    ...(routes.some(acceptsIdempotencyKey) ? {} : { 'process.env.SWCS_IDEMPOTENCY': JSON.stringify('off') }),
    ...(handler === OPENAPI_HANDLER ? { 'process.env.SWCS_OPENAPI_DOCUMENT': packedDocument() } : {}),
  };
}

const OPENAPI_HANDLER = 'handlers/system/openapi';

/**
 * SwcsFunction hands each define to esbuild as one command-line argument, and Linux refuses an argument over
 * 128 KiB (MAX_ARG_STRLEN) with a bare E2BIG: past this size, synthesis stops here and says why instead.
 */
const MAX_DEFINE_CHARS = 120_000;

let packed: string | undefined;

/** The document as a JS string literal, built and packed once per process (under a second). */
function packedDocument(): string {
  packed ??= JSON.stringify(packDocument(buildOpenApiDocument()));
  if (packed.length > MAX_DEFINE_CHARS) {
    throw new Error(
      `The packed OpenAPI document is ${packed.length} characters, over the ${MAX_DEFINE_CHARS} that one ` +
        'command-line argument to esbuild may hold',
    );
  }
  return packed;
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
