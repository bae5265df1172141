import { SFNClient } from '@aws-sdk/client-sfn';
import { lazy } from '#kernel/lazy.js';

/**
 * The Step Functions client the adapters of this folder share: one per container, created on its first use. The
 * SDK honours AWS_ENDPOINT_URL_SFN, which is how the same code reaches the local interpreter.
 */
export const stepFunctions = lazy(() => new SFNClient({}));
