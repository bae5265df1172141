import type { RouteDefinition } from '../route.js';
import { ProtocolList, ProtocolOverview, PublishedProtocolView } from '../schemas/protocols.js';
import { publishProtocolRoute } from './protocols/publish-protocol.js';
import { listProtocolsRoute } from './protocols/list-protocols.js';
import { getProtocolRoute } from './protocols/get-protocol.js';
import { getProtocolVersionRoute } from './protocols/get-protocol-version.js';

/**
 * The routes of protocols: a canton's protocols, their versions, and publishing one.
 * Each operation is defined in its own module (routes/protocols/<handler>.ts), which its handler imports: a bundle
 * then holds only its own operation's schemas. This list gathers them for ROUTES, the gateway and the document.
 */
export const PROTOCOL_ROUTES: readonly RouteDefinition[] = [
  { ...publishProtocolRoute, response: PublishedProtocolView },
  { ...listProtocolsRoute, response: ProtocolList },
  { ...getProtocolRoute, response: ProtocolOverview },
  { ...getProtocolVersionRoute, response: PublishedProtocolView },
];
