import { clock } from '#kernel/clock.js';
import { badRequest } from '#kernel/errors.js';
import { entityTag, requirePreconditions } from '#http/conditional.js';
import { httpHandler } from '#http/handler.js';
import { addPlanCartItemRoute } from '#http/routes/casework/add-cart-item.js';
import type { CartItemInput } from '#http/schemas/casework.js';
import { cartView } from '#http/views/casework.js';
import { caseworkCanton, cartOf } from '#app/casework/scope.js';
import { addCartItem } from '#domain/plan.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { saveCart } from '#adapters/dynamodb/plans-store.js';

/** A plan is checked out in one transaction: 30 items keep it well inside DynamoDB's 100 writes. */
const MAX_ITEMS = 30;

export const handler = httpHandler<{ cantonId: string; cartId: string }, unknown, CartItemInput>(
  addPlanCartItemRoute,
  async ({ caller, params, body, language, preconditions }) => {
    const { canton, options } = await caseworkCanton(caller, params.cantonId, 'write');
    const current = await cartOf(canton, params.cartId);
    requirePreconditions(preconditions, entityTag(current.version));
    if (current.status === 'open' && current.items.length >= MAX_ITEMS) {
      throw badRequest('kind', {
        es: `un plan tiene a lo sumo ${MAX_ITEMS} ítems`,
        en: `a plan has at most ${MAX_ITEMS} items`,
      });
    }
    const now = clock.now().toISOString();
    const { cart, item } = addCartItem(current, body, options, {
      actor: { userId: caller.userId, roles: caller.roles },
      now,
    });
    await saveCart(
      cart,
      auditOf(
        caller,
        canton.id,
        'plan.cart.add-item',
        { type: 'plan-cart', id: cart.cartId },
        { at: now, details: { item: item.number, kind: item.kind, subcategory: item.subcategory } },
      ),
    );
    return {
      statusCode: 201,
      headers: { location: `/cantons/${canton.id}/plan-carts/${cart.cartId}` },
      body: cartView(cart, options, language),
    };
  },
);
