import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { checkClassification } from '#domain/taxonomy-schema.js';

/** The protocols API's paths and query (schemas/protocols.ts has the documents and answers). */
export const ProtocolPath = z
  .object({ cantonId: z.string(), category: z.string(), subcategory: z.string() })
  .check(z.superRefine(checkClassification));

export const ProtocolVersionPath = z.safeExtend(ProtocolPath, {
  version: z.coerce.number().check(z.int(), z.positive()),
});

/** A canton reads the national template's versions too, since its own may inherit from them. */
export const ProtocolVersionQuery = z.strictObject({
  source: withMeta(z.optional(z.enum(['national'])), {
    description: "national: the national template's version, not the canton's",
  }),
});
