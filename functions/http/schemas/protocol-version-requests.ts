import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { ProtocolPath } from './protocol-requests.js';

/**
 * The path and query of one protocol version: apart from protocol-requests.ts, since the version number is coerced
 * from the path, and zod's coercions would come along into the bundles of the operations that take none.
 */
export const ProtocolVersionPath = z.safeExtend(ProtocolPath, {
  version: z.coerce.number().check(z.int(), z.positive()),
});

/** A canton reads the national template's versions too, since its own may inherit from them. */
export const ProtocolVersionQuery = z.strictObject({
  source: withMeta(z.optional(z.enum(['national'])), {
    description: "national: the national template's version, not the canton's",
  }),
});
