import type { CantonDefinition } from '../domain/canton.js';
import type { PublishedProtocol } from '../domain/protocol.js';

export const versionSummary = (p: PublishedProtocol) => ({
  cantonId: p.cantonId,
  version: p.version,
  validity: p.definition.validity,
  publishedAt: p.publishedAt,
  publishedBy: p.publishedBy,
  ...(p.inheritsFrom ? { inheritsFrom: p.inheritsFrom } : {}),
});

/** National staff manage templates; canton staff read their canton's protocols and the templates they inherit. */
export const isNational = (canton: CantonDefinition) => canton.level === 'national';
