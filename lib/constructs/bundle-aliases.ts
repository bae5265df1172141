import { join } from 'node:path';
import { acceptsIdempotencyKey, ROUTES } from '../api/routes.js';

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url).pathname;

/**
 * Modules replaced when a Lambda function is bundled (SwcsFunction, and bench/bundles.ts, which builds the same
 * way): the AWS SDK's default credential chain becomes the environment provider alone, which is where Lambda puts
 * a function's credentials (functions/adapters/aws/env-credentials.ts says why).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': join(FUNCTIONS_DIR, 'adapters/aws/env-credentials.ts'),
};

/**
 * Values fixed when a function is bundled (esbuild's define), by its handler module: a handler whose routes take no
 * Idempotency-Key gets `process.env.SWCS_IDEMPOTENCY` = "off", which drops the idempotency store and its DynamoDB
 * client from its bundle (functions/http/handler.ts). Workflow steps and other non-route functions get none.
 */
export function bundleDefines(handler: string): Readonly<Record<string, string>> {
  const routes = ROUTES.filter((r) => r.handler === handler);
  if (routes.length === 0 || routes.some(acceptsIdempotencyKey)) return {};
  return { 'process.env.SWCS_IDEMPOTENCY': JSON.stringify('off') };
}
