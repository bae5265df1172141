import { notFound } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { listRequestReferralsRoute } from '#http/routes/referrals/list-request-referrals.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '#http/pagination.js';
import { callerCanton } from '#app/tenancy.js';
import { findRequest } from '#adapters/dynamodb/requests-store.js';
import { referralsOfRequestPage } from '#adapters/dynamodb/referrals-store.js';
import { referralSummary } from '#http/views/referrals.js';

/** A request's referrals, oldest first; a request the canton does not have is a 404, not an empty list. */
export const handler = httpHandler<{ cantonId: string; requestId: string }, PageQuery>(
  listRequestReferralsRoute,
  async ({ caller, params, query }) => {
    const canton = await callerCanton(caller, params.cantonId);
    if (!(await findRequest(canton.id, params.requestId))) {
      throw notFound({
        es: `No existe la solicitud ${params.requestId}`,
        en: `There is no request ${params.requestId}`,
      });
    }
    const scope = listScope('listRequestReferrals', { canton: canton.id, request: params.requestId });
    const page = await referralsOfRequestPage(canton.id, params.requestId, {
      limit: query.limit,
      startKey: await startKeyOf(query, scope),
    });
    return { body: await pageBody(page.referrals.map(referralSummary), page.lastKey, scope) };
  },
);
