import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { RegistryHouseholdSchema } from '#domain/registry.js';

/** The batch the ministry sends for its periodic update: households as the registry holds them. */
export const MAX_HOUSEHOLDS_PER_BATCH = 100;

export const HouseholdBatchBody = withMeta(
  z.strictObject({
    households: z.array(RegistryHouseholdSchema).check(z.minLength(1), z.maxLength(MAX_HOUSEHOLDS_PER_BATCH)),
  }),
  { id: 'RegistryHouseholdBatch' },
);
export type HouseholdBatchInput = z.output<typeof HouseholdBatchBody>;
