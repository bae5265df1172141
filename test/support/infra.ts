import { cdkJsonContext } from '../../lib/constructs/swcs-app.js';

/**
 * The public address the infrastructure tests synthesize their `test` stage with: cdk.json names one per stage,
 * and synthesis refuses a stage without one (lib/platform-stack.ts, publicAddressOf).
 */
export const TEST_PUBLIC_URL = 'https://ventanillaunica.inclusion.gob.ec';

/** cdk.json's context, with the public address for every stage the tests synthesize. */
export const cdkTestContext = (): Record<string, unknown> => ({
  ...cdkJsonContext(),
  publicUrl: TEST_PUBLIC_URL,
});
