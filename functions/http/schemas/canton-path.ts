import * as z from 'zod/mini';
import { CANTON_ID_PATTERN } from '#domain/canton-id.js';

/**
 * The path of a route under a canton: its id, as canton definitions spell it. In zod/mini, so that a handler
 * bundles only zod's core.
 */
export const CantonPath = z.object({
  cantonId: z.string().check(z.regex(CANTON_ID_PATTERN)),
});
