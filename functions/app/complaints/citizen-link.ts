import type { Caller } from '#model/caller.js';
import type { Complaint, Resolution } from '#domain/complaint.js';
import { type ComplaintLink, complaintLinkState } from '#domain/link.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import { findComplaint } from '#adapters/dynamodb/complaints-store.js';

/**
 * What a complainant's link opens (domain/link.ts `ComplaintLink`): their case's reference, its status, the
 * decision and the reply — what the reply already told them — and the rating of that reply, once. Nothing else
 * about the case: no complainant data, no activities, no staff. Every page that shows the case is an audit record,
 * and so is the rating (citizen-rating.ts), both naming the complainant and `via: link`.
 */

/** What the complainant's page shows of their case. */
export interface CitizenCase {
  readonly reference: string;
  readonly status: Complaint['status'];
  readonly latest?: Pick<Resolution, 'decision' | 'at'> & { readonly reply: string };
  /** The rating already given (its number only). */
  readonly rated?: number;
  /** Whether a rating may be given now: the case is resolved and not rated yet. */
  readonly mayRate: boolean;
}

export type CitizenOpening =
  | { readonly state: 'unknown' | 'expired' | 'revoked' }
  | {
      readonly state: 'valid';
      readonly link: ComplaintLink;
      readonly case: CitizenCase;
      readonly language: 'es' | 'en';
      readonly timeZone: string;
    };

export type OpenCitizenLink = Extract<CitizenOpening, { state: 'valid' }>;

/** Who acts through a complainant's link, as the history and the audit trail name them. */
export const complainantCaller = (link: ComplaintLink): Caller => ({
  userId: 'complainant',
  cantonId: link.cantonId,
  roles: [],
});

export function citizenCase(complaint: Complaint): CitizenCase {
  const latest = complaint.resolutions.at(-1);
  return {
    reference: complaint.reference,
    status: complaint.status,
    ...(latest ? { latest: { decision: latest.decision, at: latest.at, reply: latest.reply.text } } : {}),
    ...(complaint.satisfaction ? { rated: complaint.satisfaction.rating } : {}),
    mayRate: complaint.status === 'resolved' && complaint.satisfaction === undefined,
  };
}

/** Judges the link and reads its case (nothing is audited yet: only a page that shows the case is). */
export async function openCitizenLink(link: ComplaintLink, now: Date): Promise<CitizenOpening> {
  const state = complaintLinkState(link, now);
  if (state !== 'valid') return { state };
  const canton = await findCanton(link.cantonId);
  const complaint = canton && (await findComplaint(canton.id, link.complaintId));
  if (!canton || !complaint) return { state: 'unknown' };
  return {
    state: 'valid',
    link,
    case: citizenCase(complaint),
    language: complaint.language,
    timeZone: canton.timeZone,
  };
}

/** The audit record of a page that showed the complainant their case. */
export function recordCitizenRead(open: OpenCitizenLink): Promise<void> {
  return recordAudit(
    auditOf(
      complainantCaller(open.link),
      open.link.cantonId,
      'complaint.read',
      { type: 'complaint', id: open.link.complaintId },
      { details: { via: 'link' } },
    ),
  );
}
