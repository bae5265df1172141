import { AppError } from '#kernel/errors.js';
import type { SatisfactionInput } from '#domain/complaint.js';
import { findComplaint } from '#adapters/dynamodb/complaints-store.js';
import { type CitizenCase, citizenCase, complainantCaller, type OpenCitizenLink } from './citizen-link.js';
import { rateCase } from './rate.js';

// Apart from opening the link (citizen-link.ts), so that showing the case does not load the rating's use case.

export type RateByLink =
  | { readonly ok: true }
  | { readonly ok: false; readonly why: 'already-rated' | 'not-resolved'; readonly case: CitizenCase };

/**
 * The complainant's rating: the very use case of the operator's satisfaction route, audited as made via the
 * link. A refused one (already rated, or the case reopened by an appeal) says why, with the case as it is now.
 */
export async function rateByLink(open: OpenCitizenLink, rating: SatisfactionInput): Promise<RateByLink> {
  try {
    await rateCase({
      caller: complainantCaller(open.link),
      params: { cantonId: open.link.cantonId, complaintId: open.link.complaintId },
      rating,
      via: 'link',
    });
    return { ok: true };
  } catch (error) {
    if (!(error instanceof AppError) || error.statusCode !== 409) throw error;
    const fresh = await findComplaint(open.link.cantonId, open.link.complaintId);
    const now = fresh ? citizenCase(fresh) : open.case;
    return { ok: false, why: now.rated !== undefined ? 'already-rated' : 'not-resolved', case: now };
  }
}
