import type { EventStreamSerdeProvider } from '@smithy/types';
import { notBundled } from './not-bundled.js';

/**
 * What the Lambda bundles use instead of `@smithy/core/event-streams` (the bundler aliases it to this module;
 * lib/constructs/bundle-aliases.ts). Event streams carry the operations that stream events over one connection
 * (Bedrock's, Transcribe's, S3 Select…); none of the operations of the clients the functions use — DynamoDB, SNS,
 * SES, Step Functions, Secrets Manager — has one, yet every client's protocol bundles the codec in case (it loads
 * it with `import()`, which the bundler inlines). These are the two names that protocol asks for; reaching either
 * means a client with event streams was added, and it fails rather than sends.
 */
export const eventStreamSerdeProvider: EventStreamSerdeProvider = () =>
  notBundled('Event stream serialisation');

export class EventStreamSerde {
  constructor() {
    notBundled('Event stream serialisation');
  }
}
