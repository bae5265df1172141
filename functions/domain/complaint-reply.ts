import type { Language } from '#kernel/messages.js';
import { type EmailMessage, type SmsMessage, smsSegments, toGsm7 } from './notifications.js';

/**
 * The messages that carry a complaint's reply to the citizen. The SMS is one GSM-7 segment that says only that the
 * case has an answer, its reference and where to read it: never the complaint's content nor the reply's words,
 * which a shared or lost phone would show to anyone. The e-mail carries the reply itself. The link is the
 * complainant's own (`<origin>/r/<code>`, domain/link.ts): it opens their case's reply and its rating form.
 */
export const COMPLAINT_REPLY_KIND = 'complaint-reply';

const SMS_TEXT: Readonly<Record<Language, (reference: string, link: string) => string>> = {
  es: (reference, link) =>
    `Ventanilla Unica: su caso ${reference} tiene respuesta. Leala en ${link} o llame a la Ventanilla con su referencia.`,
  en: (reference, link) =>
    `Single Window: your case ${reference} has an answer. Read it at ${link} or call us with your reference.`,
};

/** Throws RangeError when the text would not fit one GSM-7 segment (a configuration error: the link is too long). */
export function complaintReplySms(reference: string, link: string, language: Language): SmsMessage {
  const sms = toGsm7(SMS_TEXT[language](reference, link));
  const size = smsSegments(sms);
  if (!size.gsm7 || !size.singleSegment) {
    throw new RangeError(`a complaint reply SMS must fit one GSM-7 segment (${size.units} units)`);
  }
  return { sms };
}

export function complaintReplyEmail(
  reference: string,
  link: string,
  reply: string,
  language: Language,
): EmailMessage {
  return language === 'es'
    ? {
        subject: `Respuesta a su caso ${reference}`,
        body: `Estimada ciudadana, estimado ciudadano:\n\n${reply}\n\nReferencia del caso: ${reference}\nPuede consultar su caso y valorar esta respuesta en ${link} (enlace personal, válido 30 días).\n\nVentanilla Única de Servicios Ciudadanos`,
      }
    : {
        subject: `Answer to your case ${reference}`,
        body: `Dear citizen,\n\n${reply}\n\nCase reference: ${reference}\nYou can follow your case and rate this answer at ${link} (a personal link, valid 30 days).\n\nSingle Window for Citizen Services`,
      };
}
