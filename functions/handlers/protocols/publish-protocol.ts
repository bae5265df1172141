import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { publishProtocolRoute } from '#http/routes/protocols/publish-protocol.js';
import { callerCanton } from '#app/tenancy.js';
import { publishProtocol } from '#app/protocols/publish.js';
import { protocolVersionTag } from '#http/views/protocols.js';

export const handler = httpHandler<
  { cantonId: string; category: string; subcategory: string },
  unknown,
  unknown
>(publishProtocolRoute, async ({ caller, params, body, event }) => {
  const canton = await callerCanton(caller, params.cantonId);
  const published = await publishProtocol({
    canton,
    category: params.category,
    subcategory: params.subcategory,
    document: body,
    caller,
    now: clock.now(),
  });
  // The request's own path (with the stage prefix on AWS) plus the new version's number.
  const location = `${event.requestContext?.path ?? event.path}/${published.version}`;
  return {
    statusCode: 201,
    headers: { location, etag: protocolVersionTag(published) },
    body: published,
  };
});
