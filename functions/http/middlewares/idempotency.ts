import { freeKey, keepAnswer, takeKey } from '../idempotency.js';
import type { HttpOutput } from '../output.js';
import type { RouteDefinition } from '../route.js';
import { answerOf } from './answers.js';
import type { HouseMiddleware } from './house.js';

/**
 * Safe retries (http/idempotency.ts): after the input is valid, a retried POST with the same Idempotency-Key
 * answers the first answer again instead of running twice; a successful answer is kept for the key's retries;
 * an attempt that fails frees its key.
 */
export const idempotency = (route: RouteDefinition): HouseMiddleware => ({
  before: async (request) => {
    const { event, context } = request;
    const { caller, body } = context.house;
    const taken = await takeKey({ route, event, caller, body });
    if (taken && 'replay' in taken) return answerOf(route, request, taken.replay);
    if (taken) context.house.heldKey = taken.held;
    return undefined;
  },
  after: async ({ context, response }) => {
    const held = context.house.heldKey;
    if (held) await keepAnswer(route, held, response as HttpOutput);
  },
  onError: async ({ context }) => {
    const held = context.house?.heldKey;
    if (held) await freeKey(held);
  },
});
