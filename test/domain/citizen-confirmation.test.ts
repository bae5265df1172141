import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/kernel/errors.js';
import {
  ConfirmationBody,
  confirmationDeniedEmail,
  confirmationSms,
  DEFAULT_CONFIRMATION_WORKING_DAYS,
  planConfirmation,
  recordConfirmation,
} from '../../functions/domain/citizen-confirmation.js';
import { smsSegments } from '../../functions/domain/notifications.js';
import type { Referral } from '../../functions/domain/referral.js';
import { ECUADOR_NATIONAL_HOLIDAYS_2026 } from '../support/holidays.js';

/** The longest link an SMS may carry (domain/notifications.ts MAX_SMS_URL_LENGTH: 54 characters). */
const LONGEST_LINK = 'https://ventanillaunica.inclusion.gob.ec/r/4fK9xQ2mZ7a';

const completed = (overrides: Partial<Referral> = {}): Referral =>
  ({
    referralId: '01M8RQNR63E4662TDQN9R9T63K',
    cantonId: 'quito',
    reference: 'N9R9-T63K',
    requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
    service: { cantonId: 'quito', serviceId: 's', organizationId: 'o', name: 'Albergue temporal' },
    status: 'completed',
    protocol: { cantonId: 'quito', version: 1, definition: {} },
    calendar: { timeZone: 'America/Guayaquil', holidays: ECUADOR_NATIONAL_HOLIDAYS_2026 },
    version: 4,
    updatedAt: '2026-12-01T15:00:00.000Z',
    ...overrides,
  }) as unknown as Referral;

const reach = {
  phone: '+593991234567',
  contactConsent: true,
  language: 'es' as const,
  requestReference: 'R40P-1Z7Q',
};

describe("the citizen's confirmation", () => {
  it('fits one GSM-7 segment in both languages with the longest link, naming neither the citizen nor the service', () => {
    for (const language of ['es', 'en'] as const) {
      const { sms } = confirmationSms('WWWW-WWWW', LONGEST_LINK, language);
      expect(smsSegments(sms)).toMatchObject({ gsm7: true, segments: 1 });
      expect(sms).toContain(LONGEST_LINK);
      expect(sms).toContain('WWWW-WWWW');
    }
    expect(confirmationSms('R40P-1Z7Q', LONGEST_LINK, 'es').sms).toMatch(
      /^Ventanilla Unica: ¿Recibio el servicio/,
    );
  });

  it("asks by SMS and calls after the protocol's period in working days (5 by default), at once without phone or consent", () => {
    // Tuesday 1 December 2026, 10:00 in Quito: five working days later is Tuesday 8 December (no holiday between).
    const now = '2026-12-01T15:00:00.000Z';
    expect(DEFAULT_CONFIRMATION_WORKING_DAYS).toBe(5);
    const sms = planConfirmation(completed(), reach, now);
    expect(sms).toMatchObject({ askedBy: 'sms', status: 'pending' });
    expect(sms.callFrom.slice(0, 10)).toBe('2026-12-08');
    const two = planConfirmation(
      completed({
        protocol: { cantonId: 'quito', version: 1, definition: { citizenConfirmation: { workingDays: 2 } } },
      } as never),
      reach,
      now,
    );
    expect(two.callFrom.slice(0, 10)).toBe('2026-12-03');
    expect(planConfirmation(completed(), { ...reach, phone: undefined }, now)).toMatchObject({
      askedBy: 'call',
      callReason: 'no-phone',
      callFrom: now,
    });
    expect(planConfirmation(completed(), { ...reach, contactConsent: false }, now)).toMatchObject({
      askedBy: 'call',
      callReason: 'no-consent',
    });
  });

  it('is recorded once, on a completed referral only, with its event', () => {
    const ctx = {
      actor: { userId: 'uio.operador1', roles: ['operator' as const] },
      via: 'operator' as const,
      now: '2026-12-02T10:00:00.000Z',
    };
    const { referral, event } = recordConfirmation(completed(), { answer: 'confirmed', rating: 4 }, ctx);
    expect(referral.citizenConfirmation).toEqual({
      answer: 'confirmed',
      rating: 4,
      at: ctx.now,
      via: 'operator',
      by: 'uio.operador1',
    });
    expect(referral.version).toBe(5);
    expect(event).toMatchObject({
      version: 5,
      action: 'citizen-confirmation',
      details: { answer: 'confirmed', rating: 4 },
    });
    expect(() => recordConfirmation(referral, { answer: 'denied' }, ctx)).toThrow(AppError);
    expect(() =>
      recordConfirmation(completed({ status: 'entered-in-error' }), { answer: 'denied' }, ctx),
    ).toThrow(/not completed/);
  });

  it('takes a rating 1–5 with confirmed only, and one of three answers', () => {
    expect(ConfirmationBody.safeParse({ answer: 'confirmed', rating: 5 }).success).toBe(true);
    expect(ConfirmationBody.safeParse({ answer: 'unreachable' }).success).toBe(true);
    for (const bad of [
      { answer: 'confirmed', rating: 0 },
      { answer: 'confirmed', rating: 6 },
      { answer: 'confirmed', rating: 2.5 },
      { answer: 'denied', rating: 3 },
      { answer: 'maybe' },
      { answer: 'confirmed', note: 'x' },
    ]) {
      expect(ConfirmationBody.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('tells the referring officer of a denial with references only', () => {
    const mail = confirmationDeniedEmail(
      {
        referralReference: 'N9R9-T63K',
        requestReference: 'R40P-1Z7Q',
        serviceName: 'Albergue',
        via: 'link',
        reopened: true,
        actUrl: LONGEST_LINK,
      },
      'es',
    );
    expect(mail.subject.length).toBeLessThan(100);
    expect(mail.subject).toMatch(/^[\x20-\x7e]+$/);
    expect(mail.body).toContain('necesita otra derivación');
  });
});
