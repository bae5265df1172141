import { httpHandler } from '#http/handler.js';
import { checkOutPlanCartRoute } from '#http/routes/casework/checkout.js';
import type { CheckoutInput } from '#http/schemas/casework.js';
import { planView } from '#http/views/casework.js';
import { checkout } from '#app/casework/checkout.js';
import { caseworkCanton, cartOf } from '#app/casework/scope.js';

/**
 * The cart becomes the plan (app/casework/checkout.ts says how it stays whole); checking the same cart out again
 * resumes the referral items not yet carried out.
 */
export const handler = httpHandler<{ cantonId: string; cartId: string }, unknown, CheckoutInput>(
  checkOutPlanCartRoute,
  async ({ caller, params, body, language }) => {
    const { canton, options } = await caseworkCanton(caller, params.cantonId, 'write');
    const cart = await cartOf(canton, params.cartId);
    const { plan, outstanding } = await checkout({
      canton,
      options,
      cart,
      caller,
      note: body.note,
      language,
    });
    return {
      statusCode: 201,
      headers: { location: `/cantons/${canton.id}/plans/${plan.planId}` },
      body: planView(plan, language, { outstanding }),
    };
  },
);
