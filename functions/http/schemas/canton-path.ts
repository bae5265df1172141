import * as z from 'zod';
import { CANTON_ID_PATTERN } from '#domain/canton.js';

/**
 * The path of a route under a canton: its id, as canton definitions spell it. Classic zod, for the complaint schemas
 * that extend it; everything in zod/mini takes canton-path-mini.ts (the same schema, without classic zod's weight).
 */
export const CantonPath = z.object({
  cantonId: z.string().regex(CANTON_ID_PATTERN),
});
