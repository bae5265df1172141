import { httpHandler } from '#http/handler.js';
import { getPlanCartRoute } from '#http/routes/casework/get-cart.js';
import { cartView } from '#http/views/casework.js';
import { caseworkCanton, cartOf } from '#app/casework/scope.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';

export const handler = httpHandler<{ cantonId: string; cartId: string }>(
  getPlanCartRoute,
  async ({ caller, params, language }) => {
    const { canton, options } = await caseworkCanton(caller, params.cantonId, 'read');
    const cart = await cartOf(canton, params.cartId);
    await recordAudit(auditOf(caller, canton.id, 'plan.cart.read', { type: 'plan-cart', id: cart.cartId }));
    return { body: cartView(cart, options, language) };
  },
);
