import { describe, expect, it } from 'vitest';
import {
  formatLocalShort,
  LATE_ANSWERS,
  MAX_REFERENCE_LENGTH,
  MAX_SMS_URL_LENGTH,
  NOTIFICATION_KINDS,
  type NotificationData,
  type NotificationKind,
  renderNotification,
  smsSegments,
  toGsm7,
} from '../../functions/domain/notifications.js';
import { MAX_ESCALATION_STEPS } from '../../functions/domain/protocol.js';
import { LANGUAGES } from '../../functions/domain/taxonomy.js';
import { LINK_CODE, LINK_CODE_LENGTH } from '../../functions/domain/link.js';
import { MAX_PUBLIC_ORIGIN_LENGTH } from '../../functions/domain/public-address.js';

/** The longest inputs a notice accepts: every SMS must still fit one segment with them. */
const LONG_SERVICE = 'Atención integral á la niñez y adolescencia, Ñandú «Año Nuevo» — €uro [sic] ~ '
  .repeat(4)
  .slice(0, 200);
const LONGEST_REFERENCE = 'ABCD-EFGH';
// The longest origin the public address accepts, with a link code (domain/link.ts).
const LONGEST_URL = `${'https://swcs.inclusion.gob.ec'.padEnd(MAX_PUBLIC_ORIGIN_LENGTH, 'x')}/r/${'Zz9'.repeat(4).slice(0, LINK_CODE_LENGTH)}`;
// Wednesday 25 November 2026, 17:00 in Quito (UTC-5): the longest weekday abbreviation in both languages.
const DEADLINE = new Date('2026-11-25T22:00:00Z');
const LONG_REASON = {
  code: 'citizen-unreachable',
  label: {
    es: 'La persona no respondió a las llamadas ni a los mensajes durante el plazo de atención del servicio',
    en: 'The person did not answer calls or messages within the time the service allows for a first contact',
  },
};

function worstCase(kind: NotificationKind, overrides: Partial<NotificationData> = {}): NotificationData {
  const base = {
    reference: LONGEST_REFERENCE,
    serviceName: LONG_SERVICE,
    deadline: DEADLINE,
    timeZone: 'America/Guayaquil',
    actUrl: LONGEST_URL,
    ...overrides,
  };
  switch (kind) {
    case 'escalation':
      return {
        ...base,
        step: {
          missed: 'counterReferral',
          role: 'national-coordinator',
          number: MAX_ESCALATION_STEPS,
          of: MAX_ESCALATION_STEPS,
          standsInFor: 'canton-coordinator',
          alsoAlertedAtStep: MAX_ESCALATION_STEPS - 1,
        },
      };
    case 'referral-closed':
      return { ...base, outcome: { status: 'cancelled', reason: LONG_REASON } };
    case 'late-answer':
      // The longest label in both languages (every answer is checked below).
      return { ...base, answer: 'counter-referral' };
    case 're-route':
      // The longest SMS status (every variant is checked below).
      return {
        ...base,
        reroute: {
          why: 'outside-service-area',
          to: { reference: LONGEST_REFERENCE, serviceName: LONG_SERVICE, automatic: true },
        },
      };
    default:
      return base;
  }
}

/** Things that would be personal data if they slipped in from anywhere: a cédula, a phone, an e-mail. */
const LOOKS_PERSONAL = [/\d{7,}/, /\+\d{6,}/, /@/];

describe('SMS notices', () => {
  it('sets the bounds the worst case below relies on', () => {
    expect(LONGEST_REFERENCE).toHaveLength(MAX_REFERENCE_LENGTH);
    expect(LONGEST_URL).toHaveLength(MAX_SMS_URL_LENGTH);
    expect(LONGEST_URL.split('/r/')[1]).toMatch(LINK_CODE);
    expect(LONG_SERVICE).toHaveLength(200);
  });

  for (const kind of NOTIFICATION_KINDS) {
    for (const language of LANGUAGES) {
      it(`${kind} (${language}) fits one GSM-7 segment with the longest inputs`, () => {
        const { sms } = renderNotification(kind, worstCase(kind), language, 'sms');
        const size = smsSegments(sms);
        expect(size.gsm7).toBe(true);
        expect(size.units).toBeLessThanOrEqual(160);
        expect(size.singleSegment).toBe(true);
        expect(toGsm7(sms)).toBe(sms);
        // The reference, the local deadline and where to act are never what gets shortened.
        expect(sms).toContain(LONGEST_REFERENCE);
        expect(sms).toContain(toGsm7(formatLocalShort(DEADLINE, 'America/Guayaquil', language)));
        expect(sms).toContain(LONGEST_URL);
        // The service is shortened, visibly, but still recognisable.
        expect(sms).toMatch(/\(Atencion integral[^)]*\.\.\.\)/);
        for (const pattern of LOOKS_PERSONAL) expect(sms).not.toMatch(pattern);
      });
    }
  }

  it('keeps a short service name whole and keeps what GSM-7 has (ñ, é)', () => {
    const { sms } = renderNotification(
      'referral-new',
      worstCase('referral-new', {
        serviceName: 'Centro de Niñez Infancia Plena',
        reference: 'F9MZ-NGF8',
        actUrl: 'https://swcs.inclusion.gob.ec/r/F9MZ-NGF8',
      }),
      'es',
      'sms',
    );
    expect(sms).toBe(
      'SWCS: Nueva derivacion F9MZ-NGF8 (Centro de Niñez Infancia Plena). Confirme recibo hasta mié 25/11 17:00: ' +
        'https://swcs.inclusion.gob.ec/r/F9MZ-NGF8',
    );
  });

  it('shows the deadline in the canton time zone, Spanish by default style and English', () => {
    // 23 Nov 2026 22:00 UTC is Monday 17:00 in Quito and 16:00 in the Galápagos.
    const instant = new Date('2026-11-23T22:00:00Z');
    expect(formatLocalShort(instant, 'America/Guayaquil', 'es')).toBe('lun 23/11 17:00');
    expect(formatLocalShort(instant, 'America/Guayaquil', 'en')).toBe('Mon 23/11 17:00');
    expect(formatLocalShort(instant, 'Pacific/Galapagos', 'es')).toBe('lun 23/11 16:00');
    const { sms } = renderNotification(
      'acknowledgement-reminder',
      worstCase('acknowledgement-reminder', { deadline: instant, timeZone: 'Pacific/Galapagos' }),
      'en',
      'sms',
    );
    expect(sms).toContain('by Mon 23/11 16:00');
  });

  it('says which deadline an escalation missed and since when', () => {
    const data = {
      ...worstCase('escalation'),
      serviceName: 'Albergue',
      step: { missed: 'acknowledgement', role: 'supervisor' },
    } as const;
    expect(renderNotification('escalation', data, 'es', 'sms').sms).toContain(
      'sin acuse de recibo desde mié 25/11 17:00',
    );
    expect(renderNotification('escalation', data, 'en', 'sms').sms).toContain(
      'not acknowledged since Wed 25/11 17:00',
    );
  });

  it('says how a referral closed, with the reason code label', () => {
    const closed = (status: 'completed' | 'rejected', language: 'es' | 'en') =>
      renderNotification(
        'referral-closed',
        {
          ...worstCase('referral-closed'),
          serviceName: 'Albergue',
          outcome:
            status === 'completed'
              ? { status }
              : { status, reason: { code: 'no-capacity', label: { es: 'Sin cupos', en: 'No capacity' } } },
        },
        language,
        'sms',
      ).sms;
    expect(closed('completed', 'es')).toContain('(Albergue) atendida mié 25/11 17:00. Ver:');
    expect(closed('rejected', 'es')).toContain('rechazada mié 25/11 17:00 (Sin cupos). Ver:');
    expect(closed('rejected', 'en')).toContain('rejected Wed 25/11 17:00 (No capacity). See:');
  });

  it('refuses inputs outside the bounds instead of sending two segments', () => {
    const tooLongUrl = `${LONGEST_URL}y`;
    expect(() =>
      renderNotification('referral-new', worstCase('referral-new', { actUrl: tooLongUrl }), 'es', 'sms'),
    ).toThrow(RangeError);
    expect(() =>
      renderNotification(
        'referral-new',
        worstCase('referral-new', { reference: 'ABCD-EFGH-J' }),
        'es',
        'sms',
      ),
    ).toThrow(RangeError);
    expect(() =>
      renderNotification(
        'referral-closed',
        { ...worstCase('referral-closed'), outcome: { status: 'rejected' } },
        'es',
        'sms',
      ),
    ).toThrow(/reason/);
  });
});

describe('GSM-7', () => {
  it('keeps what GSM-7 has, transliterates what it lacks', () => {
    expect(toGsm7('Atención á í ó ú Á Í Ó Ú ç')).toBe('Atencion a i o u A I O U c');
    expect(toGsm7('ñ Ñ é É ü Ü à ¿¡')).toBe('ñ Ñ é É ü Ü à ¿¡');
    expect(toGsm7('“comillas” — guion… 1º')).toBe('"comillas" - guion... 1o');
    expect(toGsm7('emoji 🙂 中')).toBe('emoji ? ?');
  });

  it('counts extension characters as two septets and finds non-GSM text', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({
      gsm7: true,
      units: 160,
      segments: 1,
      singleSegment: true,
    });
    expect(smsSegments(`${'a'.repeat(159)}€`)).toMatchObject({
      units: 161,
      segments: 2,
      singleSegment: false,
    });
    expect(smsSegments('á')).toMatchObject({ gsm7: false, units: 1, segments: 1 });
    expect(smsSegments('á'.repeat(71))).toMatchObject({ gsm7: false, segments: 2 });
  });
});

describe('e-mail notices', () => {
  for (const kind of NOTIFICATION_KINDS) {
    for (const language of LANGUAGES) {
      it(`${kind} (${language}) has a subject SNS accepts and a body with everything the recipient needs`, () => {
        const { subject, body } = renderNotification(kind, worstCase(kind), language, 'email');
        expect(subject.length).toBeGreaterThan(10);
        expect(subject.length).toBeLessThan(100);
        expect(subject).toMatch(/^[\x20-\x7e]+$/);
        expect(subject).toContain(LONGEST_REFERENCE);
        expect(body).toContain(LONGEST_REFERENCE);
        expect(body).toContain(LONGEST_URL);
        // E-mail keeps the full service name, accents included, and the year of the deadline.
        expect(body).toContain(LONG_SERVICE.trim());
        expect(body).toContain('25/11/2026 17:00');
        expect(body).toContain('America/Guayaquil');
        for (const pattern of LOOKS_PERSONAL) expect(body).not.toMatch(pattern);
      });
    }
  }

  it('is written in the language asked for', () => {
    const es = renderNotification('referral-new', worstCase('referral-new'), 'es', 'email');
    const en = renderNotification('referral-new', worstCase('referral-new'), 'en', 'email');
    expect(es.subject).toMatch(/^\[SWCS\] Nueva derivacion ABCD-EFGH/);
    expect(es.body).toContain('miércoles 25/11/2026 17:00 (hora local, America/Guayaquil)');
    expect(es.body).toContain('no incluye datos personales');
    expect(en.subject).toMatch(/^\[SWCS\] New referral ABCD-EFGH/);
    expect(en.body).toContain('Wednesday 25/11/2026 17:00 (local time, America/Guayaquil)');
    expect(en.body).toContain('carries no personal data');
  });

  it('names the escalation rung and the reason code', () => {
    const escalation = renderNotification('escalation', worstCase('escalation'), 'es', 'email');
    expect(escalation.body).toContain('Venció el plazo para la contrarreferencia');
    expect(escalation.body).toContain('coordinación nacional');
    const closed = renderNotification('referral-closed', worstCase('referral-closed'), 'en', 'email');
    expect(closed.body).toContain(`Reason: ${LONG_REASON.label.en} (citizen-unreachable)`);
  });
});

describe('no citizen data', () => {
  it('has no input for it: the data types carry only the case reference, service, time and link', () => {
    const data = worstCase('referral-closed');
    expect(Object.keys(data).sort()).toEqual([
      'actUrl',
      'deadline',
      'outcome',
      'reference',
      'serviceName',
      'timeZone',
    ]);
  });
});

describe('who stands in, and one message per step', () => {
  const supervisorStep = {
    ...worstCase('escalation'),
    serviceName: 'Albergue',
    step: {
      missed: 'acknowledgement',
      role: 'canton-coordinator',
      number: 1,
      of: 3,
      standsInFor: 'supervisor',
    },
  } as const;
  const ownStep = {
    ...supervisorStep,
    step: { missed: 'acknowledgement', role: 'canton-coordinator', number: 2, of: 3, alsoAlertedAtStep: 1 },
  } as const;

  it("says the coordinator is written to instead of the contact officer's missing supervisor", () => {
    const es = renderNotification('escalation', supervisorStep, 'es', 'email');
    expect(es.body).toContain('Le escribimos en lugar del supervisor del enlace, que no está registrado.');
    expect(es.body).toContain('paso 1 de 3 de la escalación');
    const en = renderNotification('escalation', supervisorStep, 'en', 'email');
    expect(en.body).toContain("instead of the contact officer's supervisor, who is not registered");
  });

  it('tells two steps to the same person apart: the step is named and the earlier one recalled', () => {
    for (const language of LANGUAGES) {
      const first = renderNotification('escalation', supervisorStep, language, 'email');
      const second = renderNotification('escalation', ownStep, language, 'email');
      expect(second.subject).not.toBe(first.subject);
      expect(second.body).not.toBe(first.body);
      expect(second.subject).toContain(' 2/3');
      const firstSms = renderNotification('escalation', supervisorStep, language, 'sms').sms;
      const secondSms = renderNotification('escalation', ownStep, language, 'sms').sms;
      expect(secondSms).not.toBe(firstSms);
      expect(secondSms).toMatch(/^SWCS ALERTA? 2:/);
      expect(firstSms).toMatch(/^SWCS ALERTA?: /);
    }
    const second = renderNotification('escalation', ownStep, 'es', 'email');
    expect(second.body).toContain('Ya le avisamos en el paso 1: la derivación sigue sin respuesta.');
    expect(second.body).not.toContain('en lugar de');
  });
});

describe('a late answer', () => {
  it('tells the people who were alerted what arrived, in one SMS segment and by e-mail', () => {
    const data = { ...worstCase('late-answer'), serviceName: 'Albergue', answer: 'acknowledged' } as const;
    expect(renderNotification('late-answer', data, 'es', 'sms').sms).toContain(
      `SWCS alerta resuelta: ${LONGEST_REFERENCE} (Albergue) con acuse de recibo mié 25/11 17:00: https:`,
    );
    expect(renderNotification('late-answer', data, 'en', 'sms').sms).toContain(
      `SWCS alert resolved: ${LONGEST_REFERENCE} (Albergue) acknowledged Wed 25/11 17:00. See:`,
    );
    for (const answer of LATE_ANSWERS) {
      for (const language of LANGUAGES) {
        const { sms } = renderNotification(
          'late-answer',
          { ...worstCase('late-answer'), answer },
          language,
          'sms',
        );
        expect(smsSegments(sms).singleSegment, sms).toBe(true);
        expect(sms).toMatch(/\(Atencion integral[^)]*\.\.\.\)/);
      }
    }
    const email = renderNotification('late-answer', { ...data, answer: 'counter-referral' }, 'es', 'email');
    expect(email.subject).toMatch(`[SWCS] Alerta resuelta: derivacion ${LONGEST_REFERENCE}`);
    expect(email.body).toContain('Ya llegó la respuesta: se registró la contrarreferencia.');
  });

  it('refuses a late answer that does not say what arrived', () => {
    expect(() =>
      renderNotification('late-answer', { ...worstCase('late-answer'), answer: 'x' as never }, 'es', 'sms'),
    ).toThrow(RangeError);
  });
});

describe("the referring officer's notice of an unserved end", () => {
  const closed = (needsReferral: boolean, language: 'es' | 'en') =>
    renderNotification(
      'referral-closed',
      {
        ...worstCase('referral-closed'),
        outcome: {
          status: 'rejected',
          reason: { code: 'no-capacity', label: { es: 'Sin cupos', en: 'No capacity' } },
        },
        request: { reference: 'QW12-ER34', needsReferral },
      },
      language,
      'email',
    ).body;

  it('says the request is back in the queue as needing another referral, or still referred', () => {
    expect(closed(true, 'es')).toContain(
      'La solicitud QW12-ER34 vuelve a su bandeja como "necesita otra derivación"',
    );
    expect(closed(true, 'en')).toContain(
      'Request QW12-ER34 is back in your queue as "needs another referral"',
    );
    expect(closed(false, 'es')).toContain(
      'La solicitud QW12-ER34 sigue derivada: tiene otra derivación abierta.',
    );
    expect(closed(true, 'es')).toContain('Motivo: Sin cupos (no-capacity)');
  });
});

describe('re-route notices (stuck referrals, domain/reroute.ts)', () => {
  const variants = [
    { why: 'deadline-expired', alternatives: 3, choose: 'GET /cantons/quito/referrals/X/alternatives' },
    { why: 'no-capacity', alternatives: 1 },
    { why: 'outside-service-area', alternatives: 0 },
    { why: 'deadline-expired', to: { reference: 'AB12-CD34', serviceName: LONG_SERVICE, automatic: false } },
  ] as const;
  for (const reroute of variants) {
    for (const language of LANGUAGES) {
      it(`${reroute.why}, ${'to' in reroute ? 're-routed' : `${reroute.alternatives} alternatives`} (${language}): one SMS segment, and an e-mail saying what to do`, () => {
        const data = { ...worstCase('re-route'), reroute } as NotificationData;
        expect(smsSegments(renderNotification('re-route', data, language, 'sms').sms).singleSegment).toBe(
          true,
        );
        const { subject, body } = renderNotification('re-route', data, language, 'email');
        expect(subject.length).toBeLessThan(100);
        if ('to' in reroute) expect(body).toContain('AB12-CD34');
        else if (reroute.alternatives === 0) expect(body).toMatch(/escale|escalate/);
        else expect(body).toMatch(/re-derive en un solo paso|re-route in one step/);
        if ('choose' in reroute) expect(body).toContain(reroute.choose);
      });
    }
  }

  it('refuses a notice without why, or naming the new referral by something else than its reference', () => {
    const base = worstCase('re-route');
    expect(() =>
      renderNotification('re-route', { ...base, reroute: undefined } as never, 'es', 'email'),
    ).toThrow(RangeError);
    expect(() =>
      renderNotification(
        're-route',
        {
          ...base,
          reroute: {
            why: 'no-capacity',
            to: { reference: 'Rosa Guamán', serviceName: 'x', automatic: true },
          },
        } as never,
        'es',
        'email',
      ),
    ).toThrow(RangeError);
  });
});
