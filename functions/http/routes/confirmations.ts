import type { RouteDefinition } from '../route.js';
import { closuresToConfirmRoute } from './confirmations/closures-to-confirm.js';
import { recordCitizenConfirmationRoute } from './confirmations/record-citizen-confirmation.js';

/**
 * The routes of the citizen's confirmation that they were served (domain/citizen-confirmation.ts): the operators'
 * call-back list, and the answer an operator records from the call. The citizen's own answer comes through their
 * link's page (routes/links.ts). Each is defined in its own module (routes/confirmations/<operation>.ts), which its
 * handler imports, so that a bundle holds only its own route's schemas; this list gathers them for the route table.
 */
export const CONFIRMATION_ROUTES: readonly RouteDefinition[] = [
  closuresToConfirmRoute,
  recordCitizenConfirmationRoute,
];
