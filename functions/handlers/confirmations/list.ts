import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { closuresToConfirmRoute } from '#http/routes/confirmations/closures-to-confirm.js';
import { listScope, type PageQuery, pageBody, startKeyOf } from '#http/pagination.js';
import { closureToConfirm } from '#http/views/confirmations.js';
import { callerCanton } from '#app/tenancy.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { closuresToConfirmPage } from '#adapters/dynamodb/confirmations-store.js';

/**
 * The operators' call-back list: completed referrals whose citizen is due for a call, longest due first. The
 * cursor is a position in the due order, so a later page still ends at the present. The page shows citizens'
 * initials, so it is an audit record naming the referrals it listed.
 */
export const handler = httpHandler<{ cantonId: string }, PageQuery>(
  closuresToConfirmRoute,
  async ({ caller, params, query }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const scope = listScope('closuresToConfirm', { canton: canton.id });
    const page = await closuresToConfirmPage(canton.id, clock.now().toISOString(), {
      limit: query.limit,
      startKey: await startKeyOf(query, scope),
    });
    await recordAudit(
      auditOf(
        caller,
        canton.id,
        'referral.closures-to-confirm',
        { type: 'canton', id: canton.id },
        {
          details: { referralIds: page.questions.map((q) => q.referralId) },
        },
      ),
    );
    return { body: await pageBody(page.questions.map(closureToConfirm), page.lastKey, scope) };
  },
);
