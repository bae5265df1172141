import type { CantonDefinition } from '#domain/canton.js';
import type { Organization } from '#domain/catalogue.js';
import {
  type ComplaintLink,
  type ConfirmationLink,
  isComplaintLink,
  isConfirmationLink,
  linkState,
  type ShortLink,
} from '#domain/link.js';
import { isTerminal, type Referral, type ReferralEvent } from '#domain/referral-record.js';
import type { CitizenRequest } from '#domain/request.js';
import type { Language } from '#domain/taxonomy.js';
import type { Caller } from '#model/caller.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { organizationRead } from '#adapters/dynamodb/catalogue-store.js';
import {
  findLink,
  sessionRead,
  type StoredVerification,
  verificationRead,
} from '#adapters/dynamodb/links-store.js';
import { findReferralToMove, type TaskToken } from '#adapters/dynamodb/referrals-store.js';
import { findRequest, requestRead } from '#adapters/dynamodb/requests-store.js';
import { type RegistryShare, registryShareFor } from '../registry/sharing.js';

/**
 * What a contact officer's short link opens (domain/link.ts): the link judged, the referral behind it, whether this
 * device is verified for the link's recipient, and what the officer may then see and do. The page itself (HTML,
 * cookies, CSRF) is the http layer's; everything it decides on comes from here.
 */

type ContactOfficer = Organization['contactOfficers'][number];

export type LinkOpening =
  | { readonly state: 'unknown' | 'expired' | 'revoked' }
  /** A complainant's link to their case: opened by app/complaints/citizen-link.ts. */
  | { readonly state: 'complaint'; readonly link: ComplaintLink }
  /** A citizen's link to confirm they were served: opened by app/referrals/citizen-confirmation.ts. */
  | { readonly state: 'confirmation'; readonly link: ConfirmationLink }
  | {
      readonly state: 'closed';
      readonly referral: Referral;
      readonly language: Language;
      readonly last?: Answer;
    }
  | OpenLink;

/** Who answered a referral, and when: what a second answer is told. */
export interface Answer {
  readonly by: string;
  readonly at: string;
  readonly action: string;
}

export interface OpenLink {
  readonly state: 'valid';
  readonly link: ShortLink;
  readonly referral: Referral;
  readonly history: readonly ReferralEvent[];
  readonly canton: CantonDefinition;
  /** The catalogue's entry for a contact officer's link; undefined for a staff member's. */
  readonly officer?: ContactOfficer;
  readonly organization?: Organization;
  readonly language: Language;
  /** This device holds a session for the link's recipient. */
  readonly verified: boolean;
  /** The code last sent to the link's recipient, as read when the link was opened (not read for a verified device). */
  readonly verification?: StoredVerification;
  /** A code was sent and may still be typed. */
  readonly codePending: boolean;
  /** The referral's request, read with the rest for a verified device (undefined: not read, or none). */
  readonly request?: CitizenRequest | undefined;
  /** The wait the referral's workflow is in, read with the referral: where an answer starts (never shown). */
  readonly taskToken?: TaskToken;
}

export async function openLink(
  code: string,
  sessionToken: string | undefined,
  now: Date,
): Promise<LinkOpening> {
  const link = await findLink(code);
  if (!link) return { state: 'unknown' };
  if (isComplaintLink(link)) return { state: 'complaint', link };
  if (isConfirmationLink(link)) return { state: 'confirmation', link };
  const found = await findReferralToMove(link.cantonId, link.referralId);
  if (!found) return { state: 'unknown' };
  const referral = found.record;
  const history = found.history;
  // What the page needs besides the referral is read by key together (one BatchGetItem): the organization, the
  // device's session and the code sent to the recipient.
  const reads = new BatchReads();
  const officerLink = link.recipient.kind === 'contact-officer';
  const session = officerLink && sessionToken ? sessionRead(link.cantonId, sessionToken) : undefined;
  // A device with a session is most likely verified: its page shows the citizen, from the request.
  const request = requestRead(referral.requestCantonId ?? referral.cantonId, referral.requestId);
  if (session) reads.prefetch(session, request);
  reads.prefetch(verificationRead(link.cantonId, link.recipient.id));
  const organization = officerLink
    ? await reads.get(organizationRead(referral.service.cantonId, referral.service.organizationId))
    : undefined;
  const officer = organization?.contactOfficers.find(
    (o) => o.id === link.recipient.id && o.userId === link.recipient.userId,
  );
  const snapshot = referral.contactOfficers.find((o) => o.id === link.recipient.id);
  const language: Language = officer?.language ?? snapshot?.language ?? 'es';
  const state = linkState(link, isTerminal(referral.status), now);
  // A contact officer no longer listed by their organization has lost the link with the post.
  if (link.recipient.kind === 'contact-officer' && !officer) return { state: 'revoked' };
  if (state === 'closed') {
    const last = lastAnswer(history, organization);
    return { state, referral, language, ...(last ? { last } : {}) };
  }
  if (state !== 'valid') return { state };
  const canton = await findCanton(link.cantonId);
  if (!canton) return { state: 'unknown' };
  const device = session ? await reads.get(session) : undefined;
  const verified =
    device !== undefined &&
    device.recipientId === link.recipient.id &&
    now.getTime() < Date.parse(device.expiresAt);
  const pending = verified ? undefined : await reads.get(verificationRead(link.cantonId, link.recipient.id));
  return {
    state: 'valid',
    link,
    referral,
    history,
    canton,
    ...(officer ? { officer } : {}),
    ...(organization ? { organization } : {}),
    language,
    verified,
    ...(pending ? { verification: pending } : {}),
    ...(verified ? { request: await reads.get(request) } : {}),
    ...(found.token ? { taskToken: found.token } : {}),
    codePending: pending !== undefined && now.getTime() < Date.parse(pending.expiresAt),
  };
}

/** What people answer a referral with (not the workflow's own marks: notified, reminders, escalations). */
const ANSWERS = new Set([
  'acknowledged',
  'accepted',
  'rejected',
  'started',
  'held',
  'completed',
  'failed',
  'cancelled',
  'entered-in-error',
]);

/** The last person who moved the referral, named as the catalogue names them. */
export function lastAnswer(
  history: readonly ReferralEvent[],
  organization: Organization | undefined,
): Answer | undefined {
  const event = history.findLast((e) => ANSWERS.has(e.action));
  if (!event) return undefined;
  const person = organization?.contactOfficers.find((o) => o.userId === event.by.userId);
  return { by: person?.name ?? event.by.userId, at: event.at, action: event.action };
}

/** The caller a verified link acts as: the contact officer the link was sent to, in the link's canton. */
export function linkCaller(open: OpenLink): Caller {
  return {
    userId: open.link.recipient.userId ?? open.link.recipient.id,
    cantonId: open.link.cantonId,
    roles: ['contact-officer'],
  };
}

export interface CitizenShown {
  /** Absent for a citizen recorded by national ID alone. */
  readonly name?: string;
  readonly phone?: string;
  readonly email?: string;
  readonly preferredChannel?: string;
  /** The registry data the citizen consented to share with this provider (app/registry/sharing.ts). */
  readonly registry?: RegistryShare;
}

/**
 * The citizen a verified contact officer is to receive — only with the citizen's consent to share their data with
 * providers — and an audit record of the read, naming the officer and the link.
 */
export async function citizenFor(open: OpenLink): Promise<CitizenShown | 'no-consent' | undefined> {
  if (!open.verified) return undefined;
  const { referral } = open;
  const request =
    open.request ?? (await findRequest(referral.requestCantonId ?? referral.cantonId, referral.requestId));
  if (!request) return undefined;
  if (request.consent.dataSharing !== 'given') return 'no-consent';
  await recordAudit(
    auditOf(
      linkCaller(open),
      request.cantonId,
      'request.read',
      { type: 'request', id: request.requestId },
      {
        details: { via: 'link', referralId: referral.referralId },
      },
    ),
  );
  const { name } = request.citizen;
  const { phone, email, preferredChannel } = request.contact;
  const registry = await registryShareFor(referral, linkCaller(open), 'link', request);
  return {
    ...(registry ? { registry } : {}),
    ...(name ? { name: `${name.given} ${name.family}` } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(preferredChannel ? { preferredChannel } : {}),
  };
}
