import type * as z from 'zod';
import { clock } from '../commons/clock.js';
import { httpHandler } from '../commons/http.js';
import { effectiveProtocol } from '../protocols/effective.js';
import { escalatedRequest } from '../requests/national.js';
import { referRequest } from './create.js';
import type { CreateReferralBody } from './schemas.js';

/**
 * The national single window refers an escalated request to a national service, under the national template in
 * force for its subcategory. The referral lives at the national level and closes the canton's request.
 */
export const handler = httpHandler<
  { cantonId: string; originCantonId: string; requestId: string },
  unknown,
  z.infer<typeof CreateReferralBody>
>('referEscalatedRequest', async ({ caller, params, body, language }) => {
  const { national, request } = await escalatedRequest(caller, params);
  const effective = request.classification
    ? await effectiveProtocol(
        national,
        request.classification.category,
        request.classification.subcategory,
        clock.now(),
      )
    : undefined;
  return referRequest({ canton: national, request, protocol: effective?.protocol, body, caller, language });
});
