import type { RouteDefinition } from '../route.js';
import { CartView, HouseholdFileView, PlanPage, PlanView, VisitPage } from '../schemas/casework.js';
import { openPlanCartRoute } from './casework/open-cart.js';
import { getPlanCartRoute } from './casework/get-cart.js';
import { addPlanCartItemRoute } from './casework/add-cart-item.js';
import { removePlanCartItemRoute } from './casework/remove-cart-item.js';
import { checkOutPlanCartRoute } from './casework/checkout.js';
import { listPlansRoute } from './casework/list-plans.js';
import { getPlanRoute } from './casework/get-plan.js';
import { getPlanPdfRoute } from './casework/get-plan-pdf.js';
import { changePlanItemStatusRoute } from './casework/change-item.js';
import { reopenPlanRoute } from './casework/reopen-plan.js';
import { listHomeVisitsRoute } from './casework/list-visits.js';
import { getHouseholdFileRoute } from './casework/get-household-file.js';

/**
 * The routes of casework: intervention plans built as a cart of catalogue items, their items followed to the end,
 * and the home visits they schedule.
 * Each operation is defined in its own module (routes/casework/<handler>.ts), which its handler imports: a bundle
 * then holds only its own operation's schemas. This list gathers them for ROUTES, the gateway and the document.
 */
export const CASEWORK_ROUTES: readonly RouteDefinition[] = [
  { ...openPlanCartRoute, response: CartView },
  { ...getPlanCartRoute, response: CartView },
  { ...addPlanCartItemRoute, response: CartView },
  { ...removePlanCartItemRoute, response: CartView },
  { ...checkOutPlanCartRoute, response: PlanView },
  { ...listPlansRoute, response: PlanPage },
  { ...getPlanRoute, response: PlanView },
  getPlanPdfRoute,
  { ...changePlanItemStatusRoute, response: PlanView },
  { ...reopenPlanRoute, response: PlanView },
  { ...listHomeVisitsRoute, response: VisitPage },
  { ...getHouseholdFileRoute, response: HouseholdFileView },
];
