import { join } from 'node:path';

const FUNCTIONS_DIR = new URL('../../functions/', import.meta.url).pathname;

/**
 * Modules replaced when a Lambda function is bundled (SwcsFunction, and bench/bundles.ts, which builds the same
 * way): the AWS SDK's default credential chain becomes the environment provider alone, which is where Lambda puts
 * a function's credentials (functions/adapters/aws/env-credentials.ts says why).
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': join(FUNCTIONS_DIR, 'adapters/aws/env-credentials.ts'),
};
