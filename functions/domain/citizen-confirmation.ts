import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { conflict } from '#kernel/errors.js';
import type { Language, Localized } from '#kernel/messages.js';
import type { Actor } from '#model/caller.js';
import { computeDeadline } from './deadlines.js';
import {
  type CitizenConfirmation,
  CONFIRMATION_ANSWERS,
  type Referral,
  type ReferralEvent,
} from './referral-record.js';

export {
  CONFIRMATION_ANSWERS,
  type CitizenConfirmation,
  type ConfirmationAnswer,
} from './referral-record.js';
import { type EmailMessage, type SmsMessage, smsSegments, toGsm7 } from './notifications.js';

/**
 * The citizen confirms that they were served (issue 14, item 4). When a referral completes, the citizen is asked
 * once: by one SMS with their own link when they have a phone and consented to be contacted, otherwise by an
 * operator's call. Whoever has not answered by the protocol's period (working days after the completion) — or was
 * never sent the SMS — is on the canton's call-back list, "closures to confirm". The answer (confirmed, denied,
 * unreachable; a 1–5 rating when confirmed) is kept on the referral with its event; a denial reopens the request's
 * follow-up. Pure: no clock, no I/O.
 */

/** The period a protocol gives the citizen to answer the SMS before an operator calls, when it says none. */
export const DEFAULT_CONFIRMATION_WORKING_DAYS = 5;
export const MAX_CONFIRMATION_WORKING_DAYS = 30;

/** How the citizen is asked: by SMS with their link, or only by an operator's call. */
export type AskedBy = 'sms' | 'call';
/** Why an operator calls rather than waits for the SMS's answer. */
export const CALL_REASONS = ['no-phone', 'no-consent', 'sms-failed', 'link-revoked'] as const;
export type CallReason = (typeof CALL_REASONS)[number];

/**
 * The question put to the citizen when the referral completed, kept beside the referral (its own item) until it is
 * answered: how they were asked and from when an operator should call.
 */
export interface ConfirmationQuestion {
  readonly cantonId: string;
  readonly referralId: string;
  readonly referralReference: string;
  readonly requestId: string;
  readonly requestCantonId: string;
  readonly requestReference: string;
  readonly serviceName: string;
  readonly completedAt: string;
  readonly askedBy: AskedBy;
  readonly callReason?: CallReason;
  /** When the SMS went out. */
  readonly smsSentAt?: string;
  /** From when the referral is on the call-back list: at once without an SMS, else after the protocol's period. */
  readonly callFrom: string;
  /** The citizen's initials (given, family), when the request recorded a name: what the call-back list shows. */
  readonly citizenInitials?: string;
  /** The language the citizen is written to in (the request's contact). */
  readonly language: Language;
  /** Answered, or withdrawn when the referral was entered in error before an answer (nothing left to confirm). */
  readonly status: 'pending' | 'answered' | 'withdrawn';
}

/** The protocol's period for the citizen's answer, in working days. */
export function confirmationPeriod(referral: Referral): number {
  return referral.protocol.definition.citizenConfirmation?.workingDays ?? DEFAULT_CONFIRMATION_WORKING_DAYS;
}

/** What a request tells of how its citizen may be asked. */
export interface CitizenReach {
  readonly phone?: string;
  /** The citizen consented to be contacted about their request (SMS). */
  readonly contactConsent: boolean;
  readonly language: Language;
  readonly initials?: string;
  readonly requestReference: string;
}

/** The question to put when the referral completes: by SMS (an operator calls after the period) or a call now. */
export function planConfirmation(referral: Referral, reach: CitizenReach, now: string): ConfirmationQuestion {
  const callReason: CallReason | undefined = !reach.phone
    ? 'no-phone'
    : !reach.contactConsent
      ? 'no-consent'
      : undefined;
  const callFrom = callReason
    ? now
    : computeDeadline(
        new Date(now),
        { amount: confirmationPeriod(referral), unit: 'working-days' },
        referral.calendar,
      ).toISOString();
  return {
    cantonId: referral.cantonId,
    referralId: referral.referralId,
    referralReference: referral.reference,
    requestId: referral.requestId,
    requestCantonId: referral.requestCantonId ?? referral.cantonId,
    requestReference: reach.requestReference,
    serviceName: referral.service.name,
    completedAt: now,
    askedBy: callReason ? 'call' : 'sms',
    ...(callReason ? { callReason } : {}),
    callFrom,
    ...(reach.initials ? { citizenInitials: reach.initials } : {}),
    language: reach.language,
    status: 'pending',
  };
}

/** "Rosa María" "Guamán" → "R. G.", as the request lists show a citizen (http/views/requests.ts). */
export function initialsOf(name: { given: string; family: string } | undefined): string | undefined {
  if (!name) return undefined;
  const initial = (part: string) => Array.from(part.trim())[0]?.toLocaleUpperCase('es');
  const letters = [initial(name.given), initial(name.family)].filter(Boolean);
  return letters.length > 0 ? letters.map((l) => `${l}.`).join(' ') : undefined;
}

// ---- The answer ----

const msg = (es: string, en: string) => ({ message: en, params: { es, en } });

/** The operator's record of the citizen's answer (POST …/referrals/{referralId}/confirmation). */
export const ConfirmationBody = withMeta(
  z
    .strictObject({
      answer: withMeta(z.enum(CONFIRMATION_ANSWERS), {
        description:
          'confirmed: the citizen says they received the service; denied: they say they did not (the request reopens); unreachable: the operator could not reach them',
      }),
      rating: withMeta(
        z.optional(
          z
            .number()
            .check(
              z.int(),
              z.gte(1, msg('debe estar entre 1 y 5', 'must be between 1 and 5')),
              z.lte(5, msg('debe estar entre 1 y 5', 'must be between 1 and 5')),
            ),
        ),
        { description: 'With confirmed only: 1 (very unsatisfied) to 5 (very satisfied)' },
      ),
    })
    .check(
      z.refine((b) => b.rating === undefined || b.answer === 'confirmed', {
        path: ['rating'],
        ...msg(
          'solo se valora un servicio recibido (confirmed)',
          'only a service received (confirmed) is rated',
        ),
      }),
    ),
  { id: 'CitizenConfirmationAnswer' },
);

export type ConfirmationInput = z.infer<typeof ConfirmationBody>;

export const answeredAlready = (referral: Pick<Referral, 'reference' | 'citizenConfirmation'>) =>
  conflict({
    es: `La confirmación de la persona para la derivación ${referral.reference} ya está registrada (${referral.citizenConfirmation?.answer ?? 'respondida'})`,
    en: `The citizen's confirmation of referral ${referral.reference} is already recorded (${referral.citizenConfirmation?.answer ?? 'answered'})`,
  });

/**
 * Records the citizen's answer on the referral: once, and only on a completed referral (a denial of a referral
 * entered in error since, or one never completed, has nothing to deny). The event names the answer and how it came,
 * never words of the citizen.
 */
export function recordConfirmation(
  referral: Referral,
  input: ConfirmationInput,
  ctx: { actor: Actor; via: 'link' | 'operator'; now: string },
): { referral: Referral; event: ReferralEvent } {
  if (referral.citizenConfirmation) throw answeredAlready(referral);
  if (referral.status !== 'completed') {
    throw conflict({
      es: `La derivación ${referral.reference} no está atendida (estado ${referral.status}): no hay servicio que confirmar`,
      en: `Referral ${referral.reference} is not completed (status ${referral.status}): there is no service to confirm`,
    });
  }
  const citizenConfirmation: CitizenConfirmation = {
    answer: input.answer,
    ...(input.answer === 'confirmed' && input.rating !== undefined ? { rating: input.rating } : {}),
    at: ctx.now,
    via: ctx.via,
    by: ctx.actor.userId,
  };
  const version = referral.version + 1;
  return {
    referral: { ...referral, citizenConfirmation, updatedAt: ctx.now, version },
    event: {
      version,
      at: ctx.now,
      by: ctx.actor,
      action: 'citizen-confirmation',
      details: {
        answer: citizenConfirmation.answer,
        via: ctx.via,
        ...(citizenConfirmation.rating !== undefined ? { rating: citizenConfirmation.rating } : {}),
      },
    },
  };
}

// ---- The messages ----

export const CONFIRMATION_SMS_KIND = 'citizen-confirmation';
export const CONFIRMATION_DENIED_KIND = 'confirmation-denied';

/**
 * The one SMS to the citizen: the request's reference (what the single window gave them) and their link. Never the
 * service's name: "Casa de acogida" or a rehabilitation centre on a lock screen says more about the citizen than
 * they chose to share; nor their name.
 */
const SMS_TEXT: Readonly<Record<Language, (reference: string, link: string) => string>> = {
  es: (reference, link) =>
    `Ventanilla Unica: ¿Recibio el servicio al que le derivamos (solicitud ${reference})? Responda en ${link}`,
  en: (reference, link) =>
    `Single Window: did you receive the service we referred you to (request ${reference})? Answer at ${link}`,
};

/** Throws RangeError when the text would not fit one GSM-7 segment (a configuration error: the link is too long). */
export function confirmationSms(reference: string, link: string, language: Language): SmsMessage {
  const sms = toGsm7(SMS_TEXT[language](reference, link));
  const size = smsSegments(sms);
  if (!size.gsm7 || !size.singleSegment) {
    throw new RangeError(`a confirmation SMS must fit one GSM-7 segment (${size.units} units)`);
  }
  return { sms };
}

const VIA_LABEL: Readonly<Record<'link' | 'operator', Localized>> = {
  link: { es: 'por su enlace', en: 'through their link' },
  operator: { es: 'por teléfono, a un operador', en: 'on the phone, to an operator' },
};

/** The e-mail to the referring officer when the citizen says they were not served: references only. */
export function confirmationDeniedEmail(
  data: {
    referralReference: string;
    requestReference: string;
    serviceName: string;
    via: 'link' | 'operator';
    reopened: boolean;
    actUrl: string;
  },
  language: Language,
): EmailMessage {
  const es = language === 'es';
  const lines = [
    es
      ? `La persona dice que no recibió el servicio de la derivación ${data.referralReference} (respondió ${VIA_LABEL[data.via].es}).`
      : `The citizen says they did not receive the service of referral ${data.referralReference} (answered ${VIA_LABEL[data.via].en}).`,
    data.reopened
      ? es
        ? `La solicitud ${data.requestReference} vuelve a su bandeja como "necesita otra derivación": haga el seguimiento, derívela de nuevo o ciérrela.`
        : `Request ${data.requestReference} is back in your queue as "needs another referral": follow it up, refer it again or close it.`
      : es
        ? `La solicitud ${data.requestReference} no estaba cerrada por esta derivación: revise su seguimiento.`
        : `Request ${data.requestReference} was not closed by this referral: review its follow-up.`,
    '',
    `${es ? 'Servicio' : 'Service'}: ${data.serviceName.replace(/\s+/g, ' ').trim()}`,
    `${es ? 'Ver el caso' : 'See the case'}: ${data.actUrl}`,
    '',
    '--',
    es
      ? 'Por protección de datos, este mensaje no incluye datos personales: consúltelos en el sistema con su usuario.'
      : 'For data protection, this message carries no personal data: see them in the system with your own account.',
  ];
  return {
    subject: es
      ? `[SWCS] Servicio no recibido: derivacion ${data.referralReference}`
      : `[SWCS] Service not received: referral ${data.referralReference}`,
    body: lines.join('\n'),
  };
}
