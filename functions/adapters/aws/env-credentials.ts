import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * What the Lambda bundles use instead of the AWS SDK's default credential chain (the bundler aliases
 * `@aws-sdk/credential-provider-node` to this module; see lib/constructs/swcs-function.ts). Lambda hands a function
 * its role's credentials in the environment, so the chain's other providers — SSO, profiles, web identity, the
 * instance metadata service, and the STS and SSO clients they bundle — are dead weight at every cold start.
 * Local runs are not bundled and keep the default chain.
 */
export const defaultProvider: typeof fromEnv = (init) => fromEnv(init);
