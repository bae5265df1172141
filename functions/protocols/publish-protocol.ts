import { clock } from '../commons/clock.js';
import { httpHandler } from '../commons/http.js';
import { callerCanton } from '../commons/tenancy.js';
import { publishProtocol } from './publish.js';

export const handler = httpHandler<
  { cantonId: string; category: string; subcategory: string },
  unknown,
  unknown
>('publishProtocol', async ({ caller, params, body }) => {
  const canton = await callerCanton(caller, params.cantonId);
  const published = await publishProtocol({
    canton,
    category: params.category,
    subcategory: params.subcategory,
    document: body,
    caller,
    now: clock.now(),
  });
  return { statusCode: 201, body: published };
});
