import { notFound } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { getProtocolVersionRoute } from '#http/routes/protocols/get-protocol-version.js';
import { callerCanton, NATIONAL } from '#app/tenancy.js';
import { versionsOf } from '#adapters/dynamodb/protocols-store.js';
import { protocolVersionTag } from '#http/views/protocols.js';

/**
 * One published version, as referrals and requests recorded it. A canton reads its own versions and the national
 * templates (`?source=national`), since its versions may inherit from them.
 */
export const handler = httpHandler<{
  cantonId: string;
  category: string;
  subcategory: string;
  version: number;
}>(getProtocolVersionRoute, async ({ caller, params, event }) => {
  const canton = await callerCanton(caller, params.cantonId);
  const source = event.queryStringParameters?.source === 'national' ? NATIONAL : canton.id;
  const versions = await versionsOf(source, params.category, params.subcategory);
  const found = versions.find((v) => v.version === params.version);
  if (!found) {
    throw notFound({
      es: `No existe la versión ${params.version} de este protocolo`,
      en: `There is no version ${params.version} of this protocol`,
    });
  }
  return { headers: { etag: protocolVersionTag(found) }, body: found };
});
