import { clock } from '#kernel/clock.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { removePlanCartItemRoute } from '#http/routes/casework/remove-cart-item.js';
import { cartView } from '#http/views/casework.js';
import { caseworkCanton, cartOf } from '#app/casework/scope.js';
import { removeCartItem } from '#domain/plan.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { saveCart } from '#adapters/dynamodb/plans-store.js';

export const handler = httpHandler<{ cantonId: string; cartId: string; itemNumber: number }>(
  removePlanCartItemRoute,
  async ({ caller, params, language, preconditions }) => {
    const { canton, options } = await caseworkCanton(caller, params.cantonId, 'write');
    const current = await cartOf(canton, params.cartId);
    requirePreconditions(preconditions, entityTag(current.version));
    const now = clock.now().toISOString();
    const cart = removeCartItem(current, params.itemNumber, {
      actor: { userId: caller.userId, roles: caller.roles },
      now,
    });
    await saveCart(
      cart,
      auditOf(
        caller,
        canton.id,
        'plan.cart.remove-item',
        { type: 'plan-cart', id: cart.cartId },
        { at: now, details: { item: params.itemNumber } },
      ),
    );
    return { body: cartView(cart, options, language) };
  },
);
