import type { RouteDefinition } from '../route.js';
import { createReferralRoute } from './referrals/create-referral.js';
import { listRequestReferralsRoute } from './referrals/list-request-referrals.js';
import { getReferralRoute } from './referrals/get-referral.js';
import { transitionReferralRoute } from './referrals/transition-referral.js';
import { providerInboxRoute } from './referrals/provider-inbox.js';
import { overdueReferralsRoute } from './referrals/overdue-referrals.js';

/**
 * The routes of referrals: referring a request, a referral's transitions, a contact officer's inbox, overdue
 * referrals. Each is defined in its own module (routes/referrals/<operation>.ts), which its handler imports, so
 * that a bundle holds only its own route's schemas; this list gathers them for the route table.
 */
export const REFERRAL_ROUTES: readonly RouteDefinition[] = [
  createReferralRoute,
  listRequestReferralsRoute,
  getReferralRoute,
  transitionReferralRoute,
  providerInboxRoute,
  overdueReferralsRoute,
];
