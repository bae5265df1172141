import type { resolveEndpointDiscoveryConfig as Resolve } from '@aws-sdk/middleware-endpoint-discovery';
import { notBundled } from './not-bundled.js';

/**
 * What the Lambda bundles use instead of `@aws-sdk/middleware-endpoint-discovery` (the bundler aliases it to this
 * module; lib/constructs/bundle-aliases.ts). DynamoDB's client prepares endpoint discovery at construction — an
 * LRU cache of discovered endpoints, with the `mnemonist` and `obliterator` packages behind it — but none of its
 * commands adds the middleware that would use it, DynamoDB does not need it, and the functions never ask for it.
 * The client only holds what this returns; asking for discovery, or anything reading its settings, fails here.
 */
const fail = () => notBundled('DynamoDB endpoint discovery');

export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {
  environmentVariableSelector: fail,
  configFileSelector: fail,
  default: undefined,
};

export const resolveEndpointDiscoveryConfig = ((input, { endpointDiscoveryCommandCtor }) => {
  if (input.endpointDiscoveryEnabled !== undefined) fail();
  return Object.assign(input, {
    endpointDiscoveryCommandCtor,
    endpointDiscoveryEnabled: fail,
    isClientEndpointDiscoveryEnabled: false,
  });
}) as typeof Resolve;
