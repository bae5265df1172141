import { entityTag } from '../conditional.js';
import type { PublishedProtocol } from '#domain/protocol.js';

/**
 * A published version's ETag. Its content never changes but for its end date, set when a later version supersedes
 * it (without a new version number), so the tag carries that date too.
 */
export const protocolVersionTag = (p: PublishedProtocol) =>
  p.definition.validity.until === undefined
    ? entityTag(p.version)
    : entityTag(p.version, p.definition.validity.until);

export const versionSummary = (p: PublishedProtocol) => ({
  cantonId: p.cantonId,
  version: p.version,
  validity: p.definition.validity,
  publishedAt: p.publishedAt,
  publishedBy: p.publishedBy,
  ...(p.inheritsFrom ? { inheritsFrom: p.inheritsFrom } : {}),
});
