import { forbidden, unauthorized } from '#kernel/errors.js';
import { callerFrom } from '../caller.js';
import type { RouteDefinition } from '../route.js';
import type { HouseMiddleware } from './house.js';

/**
 * The caller from the verified token's claims, and its roles checked against the route table: a route nobody
 * declared public needs a token, and a role the route does not list is a 403 before any input is read.
 */
export const authorization = (route: RouteDefinition): HouseMiddleware => ({
  before: ({ event, context }) => {
    if (route.auth === 'public') return;
    if (route.auth !== 'token') throw unauthorized();
    const caller = callerFrom(event);
    if (!caller.roles.some((role) => route.roles.includes(role))) throw forbidden(route.roles);
    context.house.caller = caller;
  },
});
