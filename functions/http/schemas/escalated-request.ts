import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { RequestView } from './request-view.js';
import { ReferralView } from './referral-view.js';

/** An escalated request as the national single window reads it: the request, its history and every referral. */
export const EscalatedRequestView = withMeta(
  z.extend(RequestView, {
    referrals: withMeta(z.array(ReferralView), {
      description: "The request's referrals, the canton's and the national ones",
    }),
  }),
  { id: 'EscalatedRequest' },
);
