import * as z from 'zod';
import { ProtocolDocumentSchema, PublishedProtocolSchema } from '../domain/protocol.js';
import { checkClassification } from '../domain/taxonomy-schema.js';

export const ProtocolPath = z
  .object({ cantonId: z.string(), category: z.string(), subcategory: z.string() })
  .superRefine(checkClassification);

export const ProtocolVersionPath = ProtocolPath.safeExtend({ version: z.coerce.number().int().positive() });

/** A canton's full definition, or `{ inherits: 'national', overrides }` adjusting the national template. */
export const ProtocolDocument = ProtocolDocumentSchema.meta({ id: 'ProtocolDocument' });

const VersionSummary = z.object({
  cantonId: z.string(),
  version: z.number().int(),
  validity: z.object({ from: z.string(), until: z.string().optional() }),
  publishedAt: z.string(),
  publishedBy: z.string(),
  inheritsFrom: z.object({ cantonId: z.string(), version: z.number().int() }).optional(),
});

export const ProtocolOverview = z
  .object({
    category: z.string(),
    subcategory: z.string(),
    label: z.string(),
    inForce: PublishedProtocolSchema.nullable(),
    source: z.enum(['canton', 'national']).nullable(),
    versions: z.array(VersionSummary),
    templateVersions: z.array(VersionSummary),
  })
  .meta({ id: 'ProtocolOverview' });

export const ProtocolList = z
  .object({
    items: z.array(
      z.object({
        category: z.string(),
        subcategory: z.string(),
        label: z.string(),
        source: z.enum(['canton', 'national']).nullable(),
        version: z.number().int().nullable(),
        handledBy: z.string().nullable(),
        validity: z.object({ from: z.string(), until: z.string().optional() }).nullable(),
      }),
    ),
  })
  .meta({ id: 'ProtocolList' });

export const PublishedProtocolView = PublishedProtocolSchema;
