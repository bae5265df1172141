import type { RouteDefinition } from '../route.js';
import { referralAlternativesRoute } from './reroutes/referral-alternatives.js';
import { rerouteReferralRoute } from './reroutes/reroute-referral.js';

/**
 * The routes of re-routing a stuck referral (domain/reroute.ts): its next services, and the one action that
 * re-refers. Each is defined in its own module (routes/reroutes/<operation>.ts), which its handler imports, so that
 * a bundle holds only its own route's schemas; this list gathers them for the route table.
 */
export const REROUTE_ROUTES: readonly RouteDefinition[] = [referralAlternativesRoute, rerouteReferralRoute];
