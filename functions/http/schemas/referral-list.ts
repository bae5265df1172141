import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { CatalogueId } from '#domain/catalogue-id.js';
import { pageParameters, pageSchema } from '#model/page.js';
import { REFERRAL_STATUSES } from '#domain/referral-record.js';
import { Described, referralHead } from './referral-fields.js';

/** The lists of referrals (a request's, a provider's inbox, the overdue ones): the summaries they show. */

export const InboxPath = z.object({ cantonId: z.string(), organizationId: CatalogueId });
export const InboxQuery = z.strictObject({
  status: withMeta(z.optional(z.enum(REFERRAL_STATUSES)), {
    description: 'Only referrals in this status; without it, every status (grouped by status)',
  }),
  ...pageParameters(),
});

/**
 * A referral as a list shows it: where it stands and who must act by when. Free texts about the citizen's case (the
 * counter-referral, a reason's words, an eligibility override's reason) and the history stay on the single read.
 */
export const ReferralSummary = withMeta(
  z.object({
    ...referralHead,
    reasonCode: withMeta(z.optional(z.string()), { description: 'The code of the status reason, if any' }),
    spot: Described.spot,
    deadlines: Described.deadlines,
    acknowledgedAt: z.optional(Timestamp),
    counterReferred: withMeta(z.boolean(), { description: 'Whether the counter-referral has been sent' }),
    needsAttention: withMeta(z.boolean(), {
      description:
        'The contact officers could not be told and nobody has acknowledged: someone must act now (GET the referral for why)',
    }),
    overdue: Described.overdue,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: Described.version,
  }),
  { id: 'ReferralSummary' },
);

export const ReferralPage = pageSchema(
  ReferralSummary,
  'ReferralPage',
  'Referrals as summaries: GET a referral for its counter-referral, reasons and history',
);
