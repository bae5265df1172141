import * as z from 'zod/mini';
import { ProtocolSubcategorySchema } from '#domain/protocol.js';

/**
 * A canton's starting protocols: full definitions, or overrides of the national template, each naming its
 * subcategory (an override document alone does not: through the API the path names it). Each is checked in full
 * when it is published, against the canton's staff and catalogue.
 */
export const ProtocolSeedEntrySchema = z.looseObject({ subcategory: ProtocolSubcategorySchema });
export const ProtocolSeedSchema = z.array(ProtocolSeedEntrySchema);
export type ProtocolSeed = z.infer<typeof ProtocolSeedSchema>;
