import { describe, expect, it } from 'vitest';
import {
  checkVerification,
  type ComplaintLink,
  complaintLinkState,
  isComplaintLink,
  LINK_CODE,
  LINK_CODE_BITS,
  LINK_VALIDITY_MS,
  linkState,
  mayResend,
  renderVerificationCode,
  type ShortLink,
  VERIFICATION_MAX_ATTEMPTS,
  type Verification,
} from '../../functions/domain/link.js';
import { smsSegments } from '../../functions/domain/notifications.js';

/** The rules of a contact officer's short link: what its code is worth, how long it lives, how codes are tried. */
const NOW = new Date('2026-11-25T15:00:00Z');
const link: ShortLink = {
  cantonId: 'quito',
  referralId: '01JREF',
  recipient: { id: 'psj-albergues', kind: 'contact-officer', userId: 'uio.enlace.lcaiza' },
  createdAt: NOW.toISOString(),
  expiresAt: new Date(NOW.getTime() + LINK_VALIDITY_MS).toISOString(),
};
const sent: Verification = {
  codeHash: 'h',
  sentAt: NOW.toISOString(),
  expiresAt: new Date(NOW.getTime() + 10 * 60_000).toISOString(),
  failures: 0,
};
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe("a complainant's link", () => {
  const own: ComplaintLink = {
    cantonId: 'quito',
    complaintId: '01JCASE',
    recipient: { kind: 'complainant' },
    createdAt: NOW.toISOString(),
    expiresAt: new Date(NOW.getTime() + LINK_VALIDITY_MS).toISOString(),
  };
  it('is told apart from a referral link', () => {
    expect(isComplaintLink(own)).toBe(true);
    expect(isComplaintLink(link)).toBe(false);
  });
  it('opens for 30 days from the reply, never once revoked', () => {
    expect(complaintLinkState(own, NOW)).toBe('valid');
    expect(complaintLinkState(own, later(LINK_VALIDITY_MS - 1))).toBe('valid');
    expect(complaintLinkState(own, later(LINK_VALIDITY_MS))).toBe('expired');
    expect(complaintLinkState({ ...own, revokedAt: NOW.toISOString() }, NOW)).toBe('revoked');
  });
});

describe('a link code', () => {
  it('carries at least 64 random bits in 11 letters and digits', () => {
    expect(LINK_CODE_BITS).toBeGreaterThanOrEqual(64);
    expect(LINK_CODE.test('4fK9xQ2mZ7a')).toBe(true);
    for (const bad of ['4fK9xQ2mZ7', '4fK9xQ2mZ7a1', 'F9MZ-NGF8', '4fK9xQ2mZ7_'])
      expect(LINK_CODE.test(bad)).toBe(false);
  });

  it('opens for 30 days, never once revoked or once its referral closed', () => {
    expect(linkState(link, false, NOW)).toBe('valid');
    expect(linkState(link, false, later(LINK_VALIDITY_MS - 1))).toBe('valid');
    expect(linkState(link, false, later(LINK_VALIDITY_MS))).toBe('expired');
    expect(linkState(link, true, NOW)).toBe('closed');
    expect(linkState({ ...link, revokedAt: NOW.toISOString() }, false, NOW)).toBe('revoked');
  });
});

describe('a verification code', () => {
  it('is good for 10 minutes', () => {
    expect(checkVerification(sent, true, later(9 * 60_000))).toEqual({ ok: true });
    expect(checkVerification(sent, true, later(10 * 60_000))).toMatchObject({ ok: false, why: 'expired' });
    expect(checkVerification(undefined, false, NOW)).toMatchObject({ ok: false, why: 'none' });
  });

  it('takes five wrong tries, then locks for 15 minutes even for the right code', () => {
    let current = sent;
    for (let i = 1; i <= VERIFICATION_MAX_ATTEMPTS; i++) {
      const check = checkVerification(current, false, NOW);
      expect(check).toMatchObject({ ok: false, why: 'wrong', left: VERIFICATION_MAX_ATTEMPTS - i });
      if (check.ok || check.why !== 'wrong') throw new Error('unreachable');
      current = check.next;
    }
    expect(current.lockedUntil).toBe(later(15 * 60_000).toISOString());
    expect(checkVerification(current, true, later(60_000))).toMatchObject({ ok: false, why: 'locked' });
    expect(mayResend(current, later(60_000))).toMatchObject({ ok: false, until: current.lockedUntil });
    expect(mayResend(current, later(15 * 60_000)).ok).toBe(true);
  });

  it('is sent again at most once a minute', () => {
    expect(mayResend(undefined, NOW).ok).toBe(true);
    expect(mayResend(sent, later(59_000))).toEqual({ ok: false, until: later(60_000).toISOString() });
    expect(mayResend(sent, later(60_000)).ok).toBe(true);
  });

  it('travels in one GSM-7 SMS segment, or an e-mail with a plain subject, in both languages', () => {
    for (const language of ['es', 'en'] as const) {
      const sms = renderVerificationCode('012345', language, 'sms') as { sms: string };
      expect(smsSegments(sms.sms)).toMatchObject({ gsm7: true, singleSegment: true });
      expect(sms.sms).toContain('012345');
      const email = renderVerificationCode('012345', language, 'email') as { subject: string; body: string };
      expect(email.subject).toMatch(/^[\x20-\x7e]+$/);
      expect(email.body).toContain('012345');
    }
  });
});
