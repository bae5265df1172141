import * as z from 'zod';
import { CANTON_ID_PATTERN } from '#domain/canton.js';

/** The path of a route under a canton: its id, as canton definitions spell it. */
export const CantonPath = z.object({
  cantonId: z.string().regex(CANTON_ID_PATTERN),
});
