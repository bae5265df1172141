/**
 * A contact officer's short link (`<origin>/r/<code>`): the rules of its code, its life and its verification.
 * Pure: the codes themselves are drawn and hashed in adapters/dynamodb/links-store.ts, with node:crypto.
 *
 * - **The code** is 11 characters of base62 (0-9, A-Z, a-z): 62^11 ≈ 2^65.5, more than the 64 random bits asked,
 *   in the fewest characters an SMS link can carry (base32 would need 13). Only letters and digits: phones
 *   link-ify the whole URL and no character of it is rewritten by GSM-7.
 * - **One link per recipient and referral**, bound to the canton, the referral and the recipient; the table keeps
 *   only the code's SHA-256, so a copy of the table opens no page.
 * - **Valid 30 days** from the notice, and never once the referral has closed.
 * - **Verification** before anything personal is shown or done: a 6-digit code sent to the officer's registered
 *   phone or e-mail, valid 10 minutes, 5 wrong tries and then a 15-minute wait; a new code at most every minute.
 *   A verified device keeps a 12-hour session.
 */

export const LINK_CODE_LENGTH = 11;
export const LINK_CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const LINK_CODE = /^[0-9A-Za-z]{11}$/;
/** log2(62^11): what a guess is up against. */
export const LINK_CODE_BITS = LINK_CODE_LENGTH * Math.log2(LINK_CODE_ALPHABET.length);

export const LINK_VALIDITY_MS = 30 * 24 * 3600 * 1000;
export const VERIFICATION_CODE_DIGITS = 6;
export const VERIFICATION_VALIDITY_MS = 10 * 60 * 1000;
export const VERIFICATION_MAX_ATTEMPTS = 5;
export const VERIFICATION_LOCK_MS = 15 * 60 * 1000;
export const VERIFICATION_RESEND_MS = 60 * 1000;
export const SESSION_VALIDITY_MS = 12 * 3600 * 1000;

/** Who a link was sent to: a provider's contact officer (who may act) or a staff member (who only reads). */
export interface LinkRecipient {
  /** The recipient's id in the catalogue (contact officer) or the canton's staff. */
  readonly id: string;
  readonly kind: 'contact-officer' | 'staff';
  /** A contact officer's sign-in id: who acts, as the history and the audit trail name them. */
  readonly userId?: string;
}

/** A link as the table keeps it (under the code's hash, which is not repeated here). */
export interface ShortLink {
  readonly cantonId: string;
  readonly referralId: string;
  readonly recipient: LinkRecipient;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt?: string;
}

export type LinkState = 'valid' | 'expired' | 'revoked' | 'closed';

/**
 * A complainant's link to their own case (`<origin>/r/<code>`), issued with the reply: the same code, the same
 * hash-only storage and the same 30 days, bound to the canton, the case and "the complainant". It needs no
 * verification: it went only to the phone or e-mail the citizen gave for the reply, and it opens only what that
 * reply already told them, plus the rating (docs/decisions/short-links.md).
 */
export interface ComplaintLink {
  readonly cantonId: string;
  readonly complaintId: string;
  readonly recipient: { readonly kind: 'complainant' };
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt?: string;
}

/**
 * A citizen's link to confirm they received the service of a completed referral (domain/citizen-confirmation.ts):
 * the same code, storage and 30 days, bound to the canton, the referral and "the citizen". Like the complainant's,
 * it needs no verification: it went only to the phone the citizen gave, and it does one thing once — answer yes or
 * no (docs/decisions/short-links.md).
 */
export interface ConfirmationLink {
  readonly cantonId: string;
  readonly referralId: string;
  readonly recipient: { readonly kind: 'citizen' };
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt?: string;
}

/** Any link a code may open: a referral's (contact officer, staff, the citizen's confirmation) or a complaint's. */
export type AnyLink = ShortLink | ComplaintLink | ConfirmationLink;

export const isComplaintLink = (link: AnyLink): link is ComplaintLink => 'complaintId' in link;
export const isConfirmationLink = (link: AnyLink): link is ConfirmationLink =>
  link.recipient.kind === 'citizen';

/** Whether a citizen's confirmation link opens now: expired after 30 days, or revoked (answered is the page's). */
export function confirmationLinkState(link: ConfirmationLink, now: Date): 'valid' | 'expired' | 'revoked' {
  if (link.revokedAt !== undefined) return 'revoked';
  return now.getTime() >= Date.parse(link.expiresAt) ? 'expired' : 'valid';
}

/** Whether a complainant's link opens its page now: expired after 30 days from the reply, or revoked. */
export function complaintLinkState(link: ComplaintLink, now: Date): 'valid' | 'expired' | 'revoked' {
  if (link.revokedAt !== undefined) return 'revoked';
  return now.getTime() >= Date.parse(link.expiresAt) ? 'expired' : 'valid';
}

/** Whether a link opens its page now: expired after 30 days, revoked by hand, closed with its referral. */
export function linkState(link: ShortLink, referralClosed: boolean, now: Date): LinkState {
  if (link.revokedAt !== undefined) return 'revoked';
  if (now.getTime() >= Date.parse(link.expiresAt)) return 'expired';
  return referralClosed ? 'closed' : 'valid';
}

/** A verification code on its way to the officer, as kept (its hash only). */
export interface Verification {
  readonly codeHash: string;
  readonly sentAt: string;
  readonly expiresAt: string;
  /** Wrong codes tried against this one. */
  readonly failures: number;
  /** Set by the last wrong try allowed: no code is accepted, nor a new one sent, before then. */
  readonly lockedUntil?: string;
}

export type VerificationCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly why: 'none' | 'expired' | 'locked'; readonly until?: string }
  | { readonly ok: false; readonly why: 'wrong'; readonly left: number; readonly next: Verification };

/** Judges a code typed by the officer against the one sent; `matches` is the hash comparison. */
export function checkVerification(
  verification: Verification | undefined,
  matches: boolean,
  now: Date,
): VerificationCheck {
  if (!verification) return { ok: false, why: 'none' };
  if (verification.lockedUntil && now.getTime() < Date.parse(verification.lockedUntil)) {
    return { ok: false, why: 'locked', until: verification.lockedUntil };
  }
  if (now.getTime() >= Date.parse(verification.expiresAt)) return { ok: false, why: 'expired' };
  if (matches) return { ok: true };
  const failures = verification.failures + 1;
  const left = VERIFICATION_MAX_ATTEMPTS - failures;
  const next: Verification = {
    ...verification,
    failures,
    ...(left <= 0 ? { lockedUntil: new Date(now.getTime() + VERIFICATION_LOCK_MS).toISOString() } : {}),
  };
  return { ok: false, why: 'wrong', left: Math.max(0, left), next };
}

/** Whether a new code may be sent now: not while locked, and not more than one a minute. */
export function mayResend(
  verification: Verification | undefined,
  now: Date,
): { ok: boolean; until?: string } {
  if (!verification) return { ok: true };
  if (verification.lockedUntil && now.getTime() < Date.parse(verification.lockedUntil)) {
    return { ok: false, until: verification.lockedUntil };
  }
  const next = Date.parse(verification.sentAt) + VERIFICATION_RESEND_MS;
  return now.getTime() < next ? { ok: false, until: new Date(next).toISOString() } : { ok: true };
}

/**
 * The message that carries a verification code: to the phone or e-mail the catalogue holds for the officer (never
 * an address typed on the page). One GSM-7 segment; no reference, no service, nothing but the code and its life.
 */
export function renderVerificationCode(
  code: string,
  language: 'es' | 'en',
  channel: 'sms' | 'email',
): { sms: string } | { subject: string; body: string } {
  const minutes = VERIFICATION_VALIDITY_MS / 60_000;
  if (channel === 'sms') {
    return {
      sms:
        language === 'es'
          ? `SWCS: su codigo de verificacion es ${code}. Vence en ${minutes} min. No lo comparta con nadie.`
          : `SWCS: your verification code is ${code}. It expires in ${minutes} min. Do not share it.`,
    };
  }
  return language === 'es'
    ? {
        subject: '[SWCS] Codigo de verificacion',
        body:
          `Su código de verificación es ${code}.\n\nVence en ${minutes} minutos. Escríbalo en la página de la ` +
          'derivación que abrió. Si no lo pidió usted, ignore este mensaje.\n\n--\nMensaje automático de la ' +
          'Ventanilla Única de Servicios (SWCS); no lo responda.',
      }
    : {
        subject: '[SWCS] Verification code',
        body:
          `Your verification code is ${code}.\n\nIt expires in ${minutes} minutes. Type it on the referral page ` +
          'you opened. If you did not ask for it, ignore this message.\n\n--\nAutomatic message from the Single ' +
          'Window for Citizen Services (SWCS); do not reply.',
      };
}
