import type { HouseMiddleware } from './middlewares/house.js';
import { idempotency } from './middlewares/idempotency.js';
import { type HttpInput, type HttpOutput, houseChain } from './house-chain.js';
import { acceptsIdempotencyKey, type RouteDefinition } from './route.js';

export type { HttpInput, HttpOutput };

/**
 * The idempotency middleware, for the routes that take an Idempotency-Key only: the others never had a key to keep.
 * The bundle of a handler whose routes take none is built with `process.env.SWCS_IDEMPOTENCY` defined as "off"
 * (lib/constructs/bundle-aliases.ts): the branch goes at build time, the middleware is then unused, and the
 * idempotency store's code leaves the bundle with it.
 */
const idempotencyOf = (route: RouteDefinition): HouseMiddleware[] =>
  process.env.SWCS_IDEMPOTENCY !== 'off' && acceptsIdempotencyKey(route) ? [idempotency(route)] : [];

/** The house chain (house-chain.ts) of an API route, with its idempotency key when the route takes one. */
export function httpHandler<P = unknown, Q = unknown, B = unknown>(
  route: RouteDefinition,
  logic: (input: HttpInput<P, Q, B>) => Promise<HttpOutput>,
) {
  return houseChain(route, logic, idempotencyOf(route));
}
