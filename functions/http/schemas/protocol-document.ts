import { withMeta } from '#kernel/meta.js';
import { ProtocolDocumentSchema } from '#domain/protocol.js';

/** A canton's full definition, or `{ inherits: 'national', overrides }` adjusting the national template. */
export const ProtocolDocument = withMeta(ProtocolDocumentSchema, { id: 'ProtocolDocument' });
