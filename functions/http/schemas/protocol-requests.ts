import * as z from 'zod/mini';
import { checkClassification } from '#domain/taxonomy-schema.js';

/**
 * The protocols API's path (protocol-version-requests.ts has one version's path and query, schemas/protocols.ts the
 * documents and answers).
 */
export const ProtocolPath = z
  .object({ cantonId: z.string(), category: z.string(), subcategory: z.string() })
  .check(z.superRefine(checkClassification));
