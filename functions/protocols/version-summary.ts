import type { PublishedProtocol } from '../domain/protocol.js';

export const versionSummary = (p: PublishedProtocol) => ({
  cantonId: p.cantonId,
  version: p.version,
  validity: p.definition.validity,
  publishedAt: p.publishedAt,
  publishedBy: p.publishedBy,
  ...(p.inheritsFrom ? { inheritsFrom: p.inheritsFrom } : {}),
});
