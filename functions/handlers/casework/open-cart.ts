import { ulid } from '#kernel/ids.js';
import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { openPlanCartRoute } from '#http/routes/casework/open-cart.js';
import type { OpenCartInput } from '#http/schemas/casework.js';
import { cartView } from '#http/views/casework.js';
import { caseworkCanton } from '#app/casework/scope.js';
import { planSubjectOf } from '#app/casework/subject.js';
import { newCart, subjectKey } from '#domain/plan.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { saveCart } from '#adapters/dynamodb/plans-store.js';

export const handler = httpHandler<{ cantonId: string }, unknown, OpenCartInput>(
  openPlanCartRoute,
  async ({ caller, params, body, language }) => {
    const { canton, options } = await caseworkCanton(caller, params.cantonId, 'write');
    const subject = await planSubjectOf(canton, body);
    const now = clock.now().toISOString();
    const cart = newCart(subject, {
      actor: { userId: caller.userId, roles: caller.roles },
      now,
      cartId: ulid(),
      cantonId: canton.id,
    });
    await saveCart(
      cart,
      auditOf(
        caller,
        canton.id,
        'plan.cart.open',
        { type: 'plan-cart', id: cart.cartId },
        { at: now, details: { subject: subjectKey(subject) } },
      ),
    );
    return {
      statusCode: 201,
      headers: { location: `/cantons/${canton.id}/plan-carts/${cart.cartId}` },
      body: cartView(cart, options, language),
    };
  },
);
