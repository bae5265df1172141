import type { Localized } from '#kernel/messages.js';
import { wallClock } from '#kernel/time-zone.js';
import type { DeadlineName, EscalationRole } from './protocol.js';
import type { Language } from './taxonomy.js';

/**
 * The texts of the notices SWCS sends by SMS and e-mail (DESIGN.md §2, SNS). Pure: no clock, no I/O.
 *
 * Decisions:
 * - **No personal data can get in**: the inputs are a referral's short reference, the service, an instant, the
 *   canton's time zone, a link and, for a closed referral, the code of the reason with its label. There is no field
 *   for the citizen at all, and a reason's free text ("other + text") is never accepted: the officer may have typed a
 *   name into it. Whoever receives the notice follows the link and signs in to see the case.
 * - **Every SMS is one segment**: GSM-7 only (what SNS sends as 160 septets; one character outside it and the
 *   whole message becomes UCS-2 with 70 characters per segment), at most 160 septets. `toGsm7` keeps what GSM-7
 *   has (ñ, é, ü...), transliterates what it lacks (á → a) and counts the extension table (€ [ ] ~ ...) as two
 *   septets. The service name (and a reason's label) are shortened with '...' to fit; the reference, the deadline
 *   and the link never are. References and links are bounded (MAX_REFERENCE_LENGTH, MAX_SMS_URL_LENGTH) so that
 *   the worst case is known and tested for every template and language.
 * - **Times are the canton's local time** ("lun 24/11 17:00"), which is what the officer's deadline means; the
 *   weekday names come from our own tables rather than Intl's locale data, whose abbreviations ("lun.") vary
 *   between ICU versions.
 * - E-mail keeps accents in the body; its subject is plain ASCII under 100 characters, the limit SNS puts on
 *   `Subject` (some SNS consumers reject non-ASCII subjects, and the subject is the least useful place for them).
 */

export const NOTIFICATION_KINDS = [
  'referral-new',
  'acknowledgement-reminder',
  'counter-referral-reminder',
  'escalation',
  'referral-closed',
  'late-answer',
  're-route',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CHANNELS = ['sms', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

export const REFERRAL_OUTCOMES = ['completed', 'rejected', 'cancelled', 'failed'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** What answered a phase that had been escalated: the acknowledgement, the counter-referral, or the referral's end. */
export const LATE_ANSWERS = [
  'acknowledged',
  'counter-referral',
  'rejected',
  'cancelled',
  'failed',
  'entered-in-error',
] as const;
export type LateAnswer = (typeof LATE_ANSWERS)[number];

/** Why a referral is stuck (domain/reroute.ts): its ladder ran out, or the provider had no room or no reach. */
export const STUCK_REASONS = ['deadline-expired', 'no-capacity', 'outside-service-area'] as const;
export type StuckReasonCode = (typeof STUCK_REASONS)[number];

/** Who an escalation step is addressed to: a rung of the ladder, or the staff member the protocol names. */
export type EscalationAddressee = EscalationRole | 'named-staff';

/** One SMS segment in GSM-7. */
export const SMS_MAX_SEPTETS = 160;
/** Longest referral reference a notice accepts: references are `XXXX-XXXX` (referenceOf). */
export const MAX_REFERENCE_LENGTH = 9;
/**
 * Longest link an SMS may carry: room for a ministry's short link such as
 * `https://ventanillaunica.inclusion.gob.ec/r/4fK9xQ2mZ7a` (54: the origin and an 11-character link code), while the
 * service name still shows recognisably. The
 * public address is checked against it where it is configured (domain/public-address.ts), so a notice never fails
 * for it at send time.
 */
export const MAX_SMS_URL_LENGTH = 54;
/** SNS rejects a Subject of 100 characters or more. */
export const MAX_EMAIL_SUBJECT_LENGTH = 99;
/** A shortened service name or reason keeps at least this much, ellipsis included, to stay recognisable. */
const MIN_SHORTENED_LENGTH = 12;

interface CommonData {
  /** The referral's short reference, e.g. `F9MZ-NGF8`. */
  readonly reference: string;
  /** The service's name in the catalogue (as the canton wrote it). */
  readonly serviceName: string;
  /** The canton's IANA time zone (America/Guayaquil, Pacific/Galapagos). */
  readonly timeZone: string;
  /** Where to act: the recipient's own short link, `${origin}/r/${code}` (domain/public-address.ts). */
  readonly actUrl: string;
}

export interface DeadlineNoticeData extends CommonData {
  /** The deadline the recipient must meet. */
  readonly deadline: Date;
}

export interface EscalationData extends CommonData {
  /** The deadline that was missed; the notice says "since" this instant. */
  readonly deadline: Date;
  readonly step: {
    /** Which deadline was missed. */
    readonly missed: DeadlineName;
    /** The rung of the ladder the recipient stands on (says in the e-mail why they receive it). */
    readonly role: EscalationAddressee;
    /** The step's 1-based number and the length of the phase's ladder: "step 2 of 3". */
    readonly number?: number;
    readonly of?: number;
    /** The step was meant for someone who could not be found (no supervisor registered): the recipient stands in. */
    readonly standsInFor?: EscalationAddressee;
    /**
     * Why the recipient stands in: the step's target could not be found (the default), or they are reached only
     * by SMS and already had one of this referral today (domain/referral-channels.ts).
     */
    readonly standsInBecause?: 'not-found' | 'sms-today';
    /** An earlier step of the same phase told this recipient already (1-based). */
    readonly alsoAlertedAtStep?: number;
  };
}

export interface ClosedData extends CommonData {
  /** When the referral was closed. */
  readonly deadline: Date;
  readonly outcome: {
    readonly status: ReferralOutcome;
    /**
     * The reason **code** and its label (not-eligible, no-capacity...), required unless completed. Never the free
     * text an officer typed for "other": it may name the citizen.
     */
    readonly reason?: { readonly code: string; readonly label: Localized };
  };
  /**
   * The request the referral served, by its short reference, once the referral ended unserved: whether it is back
   * in the officer's queue (needs another referral) or still has another referral open.
   */
  readonly request?: { readonly reference: string; readonly needsReferral: boolean };
}

export interface LateAnswerData extends CommonData {
  /** When the answer arrived. */
  readonly deadline: Date;
  /** What arrived, after the recipient had been alerted that it was overdue. */
  readonly answer: LateAnswer;
}

export interface RerouteData extends CommonData {
  /** When the referral got stuck, or was re-routed. */
  readonly deadline: Date;
  readonly reroute: {
    readonly why: StuckReasonCode;
    /** Re-routed: the new referral, by its reference and service, and whether the protocol did it on its own. */
    readonly to?: { readonly reference: string; readonly serviceName: string; readonly automatic: boolean };
    /** Not re-routed: how many services of the protocol have spots for it now (0: escalate or close instead). */
    readonly alternatives?: number;
    /** Where the referring officer sees those services and re-refers in one step (the API's routes). */
    readonly choose?: string;
  };
}

export interface NotificationDataByKind {
  readonly 'referral-new': DeadlineNoticeData;
  readonly 'acknowledgement-reminder': DeadlineNoticeData;
  readonly 'counter-referral-reminder': DeadlineNoticeData;
  readonly escalation: EscalationData;
  readonly 'referral-closed': ClosedData;
  readonly 'late-answer': LateAnswerData;
  readonly 're-route': RerouteData;
}
export type NotificationData<K extends NotificationKind = NotificationKind> = NotificationDataByKind[K];

export interface SmsMessage {
  readonly sms: string;
}
export interface EmailMessage {
  readonly subject: string;
  readonly body: string;
}
export type RenderedNotification = SmsMessage | EmailMessage;

export function isSms(rendered: RenderedNotification): rendered is SmsMessage {
  return 'sms' in rendered;
}

// ---- GSM-7 ----

/** GSM 03.38 default alphabet, without ESC (0x1B), which only introduces the extension table. */
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table (ESC + code): each costs two septets. Form feed left out: it means nothing in a notice. */
const GSM7_EXTENSION = new Set('^{}\\[~]|€');

/** Characters with no GSM-7 form that a decomposition does not fix. Anything else unknown becomes '?'. */
const GSM7_SUBSTITUTES: Readonly<Record<string, string>> = {
  '\t': ' ',
  '\u00a0': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‹': "'",
  '›': "'",
  '´': "'",
  '`': "'",
  '–': '-',
  '—': '-',
  '−': '-',
  '‐': '-',
  '…': '...',
  '•': '-',
  '·': '.',
  º: 'o',
  ª: 'a',
  '°': 'o',
  œ: 'oe',
  Œ: 'OE',
  ð: 'd',
  Ð: 'D',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
};

const isGsm7 = (char: string) => GSM7_BASIC.has(char) || GSM7_EXTENSION.has(char);

/**
 * The text as GSM-7 can carry it: characters GSM-7 has are kept (ñ, é, ü, €), accented letters it lacks lose the
 * accent (á → a, Í → I, ç → c), typographic punctuation becomes its plain form, anything else becomes '?'.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (isGsm7(char)) {
      out += char;
      continue;
    }
    const substitute = GSM7_SUBSTITUTES[char];
    if (substitute !== undefined) {
      out += substitute;
      continue;
    }
    const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
    out += base !== '' && [...base].every(isGsm7) ? base : '?';
  }
  return out;
}

export interface SmsSize {
  /** True when every character is GSM-7, so that SNS sends 7-bit septets (else UCS-2). */
  readonly gsm7: boolean;
  /** Septets when gsm7 (extension characters count two), UTF-16 code units otherwise. */
  readonly units: number;
  /** How many SMS the text takes (a concatenated segment holds 153 septets or 67 UCS-2 units). */
  readonly segments: number;
  readonly singleSegment: boolean;
}

export function smsSegments(text: string): SmsSize {
  let gsm7 = true;
  let septets = 0;
  for (const char of text) {
    if (GSM7_BASIC.has(char)) septets += 1;
    else if (GSM7_EXTENSION.has(char)) septets += 2;
    else gsm7 = false;
  }
  const units = gsm7 ? septets : text.length;
  const [single, multi] = gsm7 ? [SMS_MAX_SEPTETS, 153] : [70, 67];
  const segments = units === 0 ? 1 : units <= single ? 1 : Math.ceil(units / multi);
  return { gsm7, units, segments, singleSegment: segments === 1 };
}

function septets(text: string): number {
  return smsSegments(text).units;
}

// ---- Local time ----

const WEEKDAYS_EN_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS: Readonly<Record<Language, { short: readonly string[]; long: readonly string[] }>> = {
  es: {
    short: ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'],
    long: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
  },
  en: {
    short: WEEKDAYS_EN_SHORT,
    long: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  },
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function localParts(instant: Date, timeZone: string) {
  const w = wallClock(instant, timeZone);
  return {
    weekday: w.weekday,
    day: pad(w.day),
    month: pad(w.month),
    year: pad(w.year, 4),
    time: `${pad(w.hour)}:${pad(w.minute)}`,
  };
}

/** "lun 24/11 17:00" / "Mon 24/11 17:00" in the canton's time zone: what an SMS shows. */
export function formatLocalShort(instant: Date, timeZone: string, language: Language): string {
  const p = localParts(instant, timeZone);
  return `${WEEKDAYS[language].short[p.weekday]} ${p.day}/${p.month} ${p.time}`;
}

/** "lunes 24/11/2026 17:00" / "Monday 24/11/2026 17:00": what an e-mail shows. */
export function formatLocalLong(instant: Date, timeZone: string, language: Language): string {
  const p = localParts(instant, timeZone);
  return `${WEEKDAYS[language].long[p.weekday]} ${p.day}/${p.month}/${p.year} ${p.time}`;
}

// ---- Texts ----

const REFERENCE = /^[0-9A-Z]+(-[0-9A-Z]+)*$/;

const OUTCOME_LABELS: Readonly<Record<ReferralOutcome, Localized>> = {
  completed: { es: 'atendida', en: 'completed' },
  rejected: { es: 'rechazada', en: 'rejected' },
  cancelled: { es: 'cancelada', en: 'cancelled' },
  failed: { es: 'no concretada', en: 'failed' },
};

const MISSED_LABELS: Readonly<Record<DeadlineName, { sms: Localized; email: Localized }>> = {
  acknowledgement: {
    sms: { es: 'sin acuse de recibo', en: 'not acknowledged' },
    email: { es: 'el acuse de recibo', en: 'the acknowledgement' },
  },
  counterReferral: {
    sms: { es: 'sin contrarreferencia', en: 'no counter-referral' },
    email: { es: 'la contrarreferencia', en: 'the counter-referral' },
  },
};

const ROLE_LABELS: Readonly<Record<EscalationAddressee, Localized>> = {
  supervisor: { es: 'supervisor/a del servicio', en: "the service's supervisor" },
  'canton-coordinator': { es: 'coordinación cantonal', en: 'canton coordinator' },
  'national-coordinator': {
    es: 'coordinación nacional de la Ventanilla Única',
    en: 'national single window coordinator',
  },
  'named-staff': { es: 'persona designada por el protocolo', en: 'the person the protocol names' },
};

/** Said to a stand-in: whom the step was meant for, and why it reaches them instead. */
const STANDS_IN_FOR: Readonly<Record<EscalationAddressee, Localized>> = {
  supervisor: {
    es: 'Le escribimos en lugar del supervisor del enlace, que no está registrado.',
    en: "We write to you instead of the contact officer's supervisor, who is not registered.",
  },
  'canton-coordinator': {
    es: 'Le escribimos en lugar de la coordinación cantonal, que no tiene personas registradas.',
    en: 'We write to you instead of the canton coordinator, as the canton has none registered.',
  },
  'national-coordinator': {
    es: 'Le escribimos en lugar de la coordinación nacional, que no tiene personas registradas.',
    en: 'We write to you instead of the national coordinator, as none is registered.',
  },
  'named-staff': {
    es: 'Le escribimos en lugar de la persona que el protocolo designa para este paso, que ya no está registrada.',
    en: 'We write to you instead of the person the protocol names for this step, who is no longer registered.',
  },
};

const STANDS_IN_SMS_TODAY: Localized = {
  es: 'Le escribimos en lugar de la persona de este paso, que solo recibe SMS y hoy ya recibió uno sobre esta derivación.',
  en: "We write to you instead of this step's recipient, who is reached only by SMS and already had one about this referral today.",
};

const LATE_ANSWER_LABELS: Readonly<Record<LateAnswer, { sms: Localized; email: Localized }>> = {
  acknowledged: {
    sms: { es: 'con acuse de recibo', en: 'acknowledged' },
    email: { es: 'se registró el acuse de recibo', en: 'the acknowledgement was recorded' },
  },
  'counter-referral': {
    sms: { es: 'con contrarreferencia', en: 'got counter-referral' },
    email: { es: 'se registró la contrarreferencia', en: 'the counter-referral was recorded' },
  },
  rejected: {
    sms: { es: 'rechazada', en: 'rejected' },
    email: { es: 'la derivación fue rechazada', en: 'the referral was rejected' },
  },
  cancelled: {
    sms: { es: 'cancelada', en: 'cancelled' },
    email: { es: 'la derivación fue cancelada', en: 'the referral was cancelled' },
  },
  failed: {
    sms: { es: 'no concretada', en: 'failed' },
    email: { es: 'la derivación quedó no concretada', en: 'the referral failed' },
  },
  'entered-in-error': {
    sms: { es: 'anulada por error', en: 'voided as an error' },
    email: {
      es: 'la derivación se anuló por haberse registrado por error',
      en: 'the referral was voided as entered in error',
    },
  },
};

/** The SMS fields, already in GSM-7; only `service` and `reason` may be shortened to fit. */
interface SmsFields {
  readonly ref: string;
  readonly service: string;
  readonly date: string;
  readonly url: string;
  /** The missed deadline of an escalation, the outcome of a closed referral, what answered a late phase. */
  readonly status: string;
  /** An escalation's " 2" (its step of the ladder) when an earlier step told the same person, or ''. */
  readonly step: string;
  /** The label of a closed referral's reason code, or ''. */
  readonly reason: string;
}

type SmsTemplate = (f: SmsFields) => string;

const because = (f: SmsFields) => (f.reason === '' ? '' : ` (${f.reason})`);

const SMS_TEMPLATES: Readonly<Record<NotificationKind, Record<Language, SmsTemplate>>> = {
  'referral-new': {
    es: (f) => `SWCS: Nueva derivación ${f.ref} (${f.service}). Confirme recibo hasta ${f.date}: ${f.url}`,
    en: (f) => `SWCS: New referral ${f.ref} (${f.service}). Acknowledge by ${f.date}: ${f.url}`,
  },
  'acknowledgement-reminder': {
    es: (f) => `SWCS recordatorio: confirme la derivación ${f.ref} (${f.service}) hasta ${f.date}: ${f.url}`,
    en: (f) => `SWCS reminder: acknowledge referral ${f.ref} (${f.service}) by ${f.date}: ${f.url}`,
  },
  'counter-referral-reminder': {
    es: (f) => `SWCS recordatorio: contrarreferencia de ${f.ref} (${f.service}) hasta ${f.date}: ${f.url}`,
    en: (f) => `SWCS reminder: send the counter-referral for ${f.ref} (${f.service}) by ${f.date}: ${f.url}`,
  },
  // A numbered step (sent to someone an earlier step reached too) drops the word "referral" to make room for it.
  escalation: {
    es: (f) =>
      f.step === ''
        ? `SWCS ALERTA: derivación ${f.ref} (${f.service}) ${f.status} desde ${f.date}: ${f.url}`
        : `SWCS ALERTA${f.step}: ${f.ref} (${f.service}) ${f.status} desde ${f.date}: ${f.url}`,
    en: (f) =>
      f.step === ''
        ? `SWCS ALERT: referral ${f.ref} (${f.service}) ${f.status} since ${f.date}: ${f.url}`
        : `SWCS ALERT${f.step}: ${f.ref} (${f.service}) ${f.status} since ${f.date}: ${f.url}`,
  },
  'referral-closed': {
    es: (f) => `SWCS: Derivación ${f.ref} (${f.service}) ${f.status} ${f.date}${because(f)}. Ver: ${f.url}`,
    en: (f) => `SWCS: Referral ${f.ref} (${f.service}) ${f.status} ${f.date}${because(f)}. See: ${f.url}`,
  },
  'late-answer': {
    es: (f) => `SWCS alerta resuelta: ${f.ref} (${f.service}) ${f.status} ${f.date}: ${f.url}`,
    en: (f) => `SWCS alert resolved: ${f.ref} (${f.service}) ${f.status} ${f.date}. See: ${f.url}`,
  },
  're-route': {
    es: (f) => `SWCS: ${f.ref} (${f.service}) ${f.status} ${f.date}. Ver: ${f.url}`,
    en: (f) => `SWCS: ${f.ref} (${f.service}) ${f.status} ${f.date}. See: ${f.url}`,
  },
};

const STUCK_LABELS: Readonly<Record<StuckReasonCode, { sms: Localized; email: Localized }>> = {
  'deadline-expired': {
    sms: { es: 'sin respuesta', en: 'unanswered' },
    email: {
      es: 'siguió sin acuse de recibo después de toda la escalera de alertas',
      en: 'stayed unacknowledged through the whole escalation ladder',
    },
  },
  'no-capacity': {
    sms: { es: 'sin cupos', en: 'no capacity' },
    email: { es: 'fue rechazada por falta de cupos', en: 'was rejected for lack of capacity' },
  },
  'outside-service-area': {
    sms: { es: 'fuera de area', en: 'outside area' },
    email: {
      es: 'fue rechazada por estar fuera del área de cobertura',
      en: 'was rejected as outside the service area',
    },
  },
};

/** The SMS status of a re-route notice: why it is stuck, then the new reference or the number of alternatives. */
function rerouteStatus({ reroute }: RerouteData, language: Language): string {
  const why = STUCK_LABELS[reroute.why].sms[language];
  if (reroute.to) {
    return language === 'es'
      ? `${why}; sigue en ${reroute.to.reference}`
      : `${why}, re-routed to ${reroute.to.reference}`;
  }
  const n = reroute.alternatives ?? 0;
  return language === 'es' ? `${why}: ${n} alternativas con cupo` : `${why}: ${n} alternatives with spots`;
}

/** "paso 2 de 3" / "step 2 of 3", or '' when the step's place is not known. */
function stepOf(step: EscalationData['step'], language: Language): string {
  if (step.number === undefined) return '';
  const of = step.of === undefined ? '' : language === 'es' ? ` de ${step.of}` : ` of ${step.of}`;
  return `${language === 'es' ? 'paso' : 'step'} ${step.number}${of}`;
}

interface EmailTexts {
  readonly subject: string;
  readonly lines: readonly string[];
}

function emailTexts(kind: NotificationKind, data: NotificationData, language: Language): EmailTexts {
  const es = language === 'es';
  const when = `${formatLocalLong(data.deadline, data.timeZone, language)} (${es ? 'hora local' : 'local time'}, ${data.timeZone})`;
  const ref = data.reference;
  const service = `${es ? 'Servicio' : 'Service'}: ${normalizeSpace(data.serviceName)}`;
  const act = `${es ? 'Dónde actuar' : 'Where to act'}: ${data.actUrl}`;
  const reference = `${es ? 'Referencia' : 'Reference'}: ${ref}`;
  switch (kind) {
    case 'referral-new':
      return {
        subject: es ? `Nueva derivacion ${ref}` : `New referral ${ref}`,
        lines: [
          es
            ? 'Se ha derivado a una persona a su servicio. Confirme la recepción de la derivación en el sistema.'
            : 'A person has been referred to your service. Please acknowledge the referral in the system.',
          '',
          reference,
          service,
          `${es ? 'Confirme la recepción hasta' : 'Acknowledge by'}: ${when}`,
          act,
        ],
      };
    case 'acknowledgement-reminder':
      return {
        subject: es ? `Recordatorio: confirme la derivacion ${ref}` : `Reminder: acknowledge referral ${ref}`,
        lines: [
          es
            ? 'La derivación sigue sin acuse de recibo. Confírmela antes de que venza el plazo.'
            : 'The referral has not been acknowledged yet. Please acknowledge it before the deadline.',
          '',
          reference,
          service,
          `${es ? 'Plazo' : 'Deadline'}: ${when}`,
          act,
        ],
      };
    case 'counter-referral-reminder':
      return {
        subject: es ? `Recordatorio: contrarreferencia de ${ref}` : `Reminder: counter-referral for ${ref}`,
        lines: [
          es
            ? 'Falta la contrarreferencia: indique si la persona fue atendida y cómo.'
            : 'The counter-referral is due: say whether the person was assisted, and how.',
          '',
          reference,
          service,
          `${es ? 'Plazo' : 'Deadline'}: ${when}`,
          act,
        ],
      };
    case 'escalation': {
      const { step } = data as EscalationData;
      const missed = MISSED_LABELS[step.missed].email[language];
      const place = stepOf(step, language);
      const subjectStep = step.number === undefined ? '' : ` ${step.number}${step.of ? `/${step.of}` : ''}`;
      return {
        subject: es
          ? `Escalamiento${subjectStep}: derivacion ${ref} vencida`
          : `Escalation${subjectStep}: referral ${ref} overdue`,
        lines: [
          es
            ? `Venció el plazo para ${missed} de esta derivación sin que se registrara.`
            : `The deadline for ${missed} of this referral passed without it being recorded.`,
          `${es ? 'Recibe este aviso como' : 'You receive this notice as'} ${ROLE_LABELS[step.role][language]}${
            place ? ` (${place} ${es ? 'de la escalación' : 'of the escalation'})` : ''
          }.`,
          ...(step.standsInFor
            ? [
                step.standsInBecause === 'sms-today'
                  ? STANDS_IN_SMS_TODAY[language]
                  : STANDS_IN_FOR[step.standsInFor][language],
              ]
            : []),
          ...(step.alsoAlertedAtStep !== undefined
            ? [
                es
                  ? `Ya le avisamos en el paso ${step.alsoAlertedAtStep}: la derivación sigue sin respuesta.`
                  : `We already told you at step ${step.alsoAlertedAtStep}: the referral is still unanswered.`,
              ]
            : []),
          '',
          reference,
          service,
          `${es ? 'Vencido desde' : 'Overdue since'}: ${when}`,
          act,
        ],
      };
    }
    case 'referral-closed': {
      const { outcome } = data as ClosedData;
      const status = OUTCOME_LABELS[outcome.status][language];
      return {
        subject: es ? `Derivacion ${ref} ${status}` : `Referral ${ref} ${status}`,
        lines: [
          es ? `La derivación fue ${status}.` : `The referral was ${status}.`,
          '',
          reference,
          service,
          ...(outcome.reason
            ? [`${es ? 'Motivo' : 'Reason'}: ${outcome.reason.label[language]} (${outcome.reason.code})`]
            : []),
          `${es ? 'Fecha' : 'Date'}: ${when}`,
          ...requestLines(data as ClosedData, language),
          `${es ? 'Ver el caso' : 'See the case'}: ${data.actUrl}`,
        ],
      };
    }
    case 're-route': {
      const { reroute } = data as RerouteData;
      const why = STUCK_LABELS[reroute.why].email[language];
      const n = reroute.alternatives ?? 0;
      const next = reroute.to
        ? [
            es
              ? `${reroute.to.automatic ? 'El protocolo la re-derivó automáticamente' : 'Fue re-derivada'} a: ${normalizeSpace(reroute.to.serviceName)} (nueva referencia ${reroute.to.reference}). Se avisó a su funcionario de enlace.`
              : `${reroute.to.automatic ? 'The protocol re-routed it on its own' : 'It was re-routed'} to: ${normalizeSpace(reroute.to.serviceName)} (new reference ${reroute.to.reference}). Its contact officer has been told.`,
          ]
        : n > 0
          ? [
              es
                ? `${n === 1 ? 'Hay 1 servicio' : `Hay ${n} servicios`} del mismo protocolo con cupos para esta persona: re-derive en un solo paso, la derivación anterior se cancela y su cupo se libera.`
                : `${n === 1 ? 'There is 1 service' : `There are ${n} services`} of the same protocol with spots for this person: re-route in one step; the earlier referral is cancelled and its spot released.`,
              ...(reroute.choose
                ? [`${es ? 'Servicios y re-derivación' : 'Services and re-routing'}: ${reroute.choose}`]
                : []),
            ]
          : [
              es
                ? 'No hay otro servicio del mismo protocolo con cupos: escale la solicitud al nivel nacional o ciérrela.'
                : 'No other service of the same protocol has spots: escalate the request to the national level or close it.',
            ];
      return {
        subject: reroute.to
          ? es
            ? `Derivacion ${ref} re-derivada a ${reroute.to.reference}`
            : `Referral ${ref} re-routed to ${reroute.to.reference}`
          : es
            ? `Derivacion ${ref} sin respuesta del proveedor: re-derivar`
            : `Referral ${ref} stuck with the provider: re-route`,
        lines: [
          es ? `La derivación ${why}.` : `The referral ${why}.`,
          ...next,
          '',
          reference,
          service,
          `${es ? 'Fecha' : 'Date'}: ${when}`,
          `${es ? 'Ver el caso' : 'See the case'}: ${data.actUrl}`,
        ],
      };
    }
    case 'late-answer': {
      const { answer } = data as LateAnswerData;
      return {
        subject: es ? `Alerta resuelta: derivacion ${ref}` : `Alert resolved: referral ${ref}`,
        lines: [
          es
            ? `Le avisamos que esta derivación estaba vencida. Ya llegó la respuesta: ${LATE_ANSWER_LABELS[answer].email.es}.`
            : `We told you this referral was overdue. The answer has now arrived: ${LATE_ANSWER_LABELS[answer].email.en}.`,
          es
            ? 'No necesita hacer nada más por aquella alerta.'
            : 'Nothing more is needed from you for that alert.',
          '',
          reference,
          service,
          `${es ? 'Registrado' : 'Recorded'}: ${when}`,
          `${es ? 'Ver el caso' : 'See the case'}: ${data.actUrl}`,
        ],
      };
    }
  }
}

/** Where the request stands once its referral ended unserved: what the referring officer must do next. */
function requestLines({ outcome, request }: ClosedData, language: Language): string[] {
  if (!request || outcome.status === 'completed') return [];
  const es = language === 'es';
  if (request.needsReferral) {
    return [
      es
        ? `La solicitud ${request.reference} vuelve a su bandeja como "necesita otra derivación": derívela de nuevo, escálela al nivel nacional o ciérrela.`
        : `Request ${request.reference} is back in your queue as "needs another referral": refer it again, escalate it to the national level or close it.`,
    ];
  }
  return [
    es
      ? `La solicitud ${request.reference} sigue derivada: tiene otra derivación abierta.`
      : `Request ${request.reference} stays referred: another referral of it is open.`,
  ];
}

const EMAIL_FOOTER: Localized = {
  es:
    'Por protección de datos, este mensaje no incluye datos personales de la persona atendida: consúltelos en ' +
    'el sistema con su usuario.\nMensaje automático de la Ventanilla Única de Servicios (SWCS); no lo responda.',
  en:
    'For data protection, this message carries no personal data of the person referred: see them in the system ' +
    'with your own account.\nAutomatic message from the Single Window for Citizen Services (SWCS); do not reply.',
};

// ---- Rendering ----

function check(kind: NotificationKind, data: NotificationData, channel: NotificationChannel): void {
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
    throw new RangeError(`unknown notification kind "${kind}"`);
  }
  if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(channel)) {
    throw new RangeError(`unknown notification channel "${channel}"`);
  }
  if (data.reference.length > MAX_REFERENCE_LENGTH || !REFERENCE.test(data.reference)) {
    throw new RangeError(
      `a referral reference is up to ${MAX_REFERENCE_LENGTH} capitals, digits and hyphens`,
    );
  }
  if (normalizeSpace(data.serviceName) === '') throw new RangeError('a notice needs the service name');
  if (!/^https?:\/\/[^\s]+$/.test(data.actUrl)) throw new RangeError('actUrl must be an http(s) URL');
  if (channel === 'sms') {
    // A link rewritten by toGsm7 would no longer work; a longer one would eat the service name.
    if (toGsm7(data.actUrl) !== data.actUrl || data.actUrl.length > MAX_SMS_URL_LENGTH) {
      throw new RangeError(`an SMS link must be plain ASCII and at most ${MAX_SMS_URL_LENGTH} characters`);
    }
  }
  if (kind === 'escalation' && !(data as EscalationData).step) {
    throw new RangeError('an escalation needs the step (missed deadline and role)');
  }
  if (kind === 'late-answer' && !LATE_ANSWERS.includes((data as LateAnswerData).answer)) {
    throw new RangeError('a late answer needs what arrived');
  }
  if (kind === 're-route') {
    const { reroute } = data as RerouteData;
    if (!reroute || !STUCK_REASONS.includes(reroute.why)) throw new RangeError('a re-route notice needs why');
    if (
      reroute.to &&
      (reroute.to.reference.length > MAX_REFERENCE_LENGTH || !REFERENCE.test(reroute.to.reference))
    ) {
      throw new RangeError('a re-route notice names the new referral by its reference');
    }
  }
  if (kind === 'referral-closed') {
    const { outcome } = data as ClosedData;
    if (!outcome) throw new RangeError('a closed referral needs its outcome');
    if (outcome.status !== 'completed' && !outcome.reason) {
      throw new RangeError(`a ${outcome.status} referral needs its reason code`);
    }
  }
}

const normalizeSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Cuts a text to at most `max` characters, ending in '...' when anything was cut. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 3)).trimEnd()}...`;
}

function renderSms(kind: NotificationKind, data: NotificationData, language: Language): SmsMessage {
  let status = '';
  let reason = '';
  let step = '';
  if (kind === 'escalation') {
    const escalation = (data as EscalationData).step;
    status = MISSED_LABELS[escalation.missed].sms[language];
    // Only for someone an earlier step of the ladder reached too: the number tells the two alerts apart (the e-mail
    // says "step 2 of 3"; an SMS has no room for it).
    if (escalation.number !== undefined && escalation.alsoAlertedAtStep !== undefined) {
      step = ` ${escalation.number}`;
    }
  } else if (kind === 'late-answer') {
    status = LATE_ANSWER_LABELS[(data as LateAnswerData).answer].sms[language];
  } else if (kind === 're-route') {
    status = rerouteStatus(data as RerouteData, language);
  } else if (kind === 'referral-closed') {
    const { outcome } = data as ClosedData;
    status = OUTCOME_LABELS[outcome.status][language];
    reason = outcome.reason ? normalizeSpace(outcome.reason.label[language]) : '';
  }
  const template = SMS_TEMPLATES[kind][language];
  const fixed = {
    ref: data.reference,
    date: toGsm7(formatLocalShort(data.deadline, data.timeZone, language)),
    url: data.actUrl,
    status: toGsm7(status),
    step,
  };
  // Shortened from the full GSM-7 text each time, so an ellipsis is never cut into a second one.
  const full = { service: toGsm7(normalizeSpace(data.serviceName)), reason: toGsm7(reason) };
  const current = { ...full };
  for (;;) {
    const text = toGsm7(template({ ...fixed, ...current }));
    const over = septets(text) - SMS_MAX_SEPTETS;
    if (over <= 0) return { sms: text };
    // Shorten whichever of the two has most to give, only down to the other's length at first, so a long service
    // name and a long reason end up sharing the room; the service goes first on a tie.
    const slack = (name: 'service' | 'reason') => current[name].length - MIN_SHORTENED_LENGTH;
    const [name, other] =
      slack('service') >= slack('reason')
        ? (['service', 'reason'] as const)
        : (['reason', 'service'] as const);
    if (slack(name) <= 0) {
      throw new RangeError(`the ${kind} SMS cannot fit one segment (${over} septets over)`);
    }
    // Cutting n characters frees at least n septets (extension characters weigh two).
    const cut = Math.min(over, Math.max(1, slack(name) - Math.max(0, slack(other))));
    current[name] = shorten(full[name], Math.max(MIN_SHORTENED_LENGTH, current[name].length - cut));
  }
}

function renderEmail(kind: NotificationKind, data: NotificationData, language: Language): EmailMessage {
  const texts = emailTexts(kind, data, language);
  const subjectBase = `[SWCS] ${texts.subject}`;
  // The service name closes the subject when there is room: it tells apart notices for several services at once.
  // Made ASCII before it is cut: transliteration can lengthen it (… becomes ...).
  const subject = shorten(
    toAscii(`${subjectBase} - ${normalizeSpace(data.serviceName)}`),
    MAX_EMAIL_SUBJECT_LENGTH,
  );
  const body = [...texts.lines, '', '--', EMAIL_FOOTER[language]].join('\n');
  return { subject, body };
}

/** Subject lines: plain printable ASCII, no line breaks (SNS rejects control characters in Subject). */
function toAscii(text: string): string {
  const printable = /^[\x20-\x7e]+$/;
  return [...toGsm7(text)]
    .map((char) => {
      if (printable.test(char)) return char;
      const base = char.normalize('NFD').replace(/\p{M}+/gu, '');
      return printable.test(base) ? base : '?';
    })
    .join('');
}

/**
 * The text of a notice, for one recipient in their language and channel. Throws RangeError for inputs outside the
 * bounds above (a programming or configuration error, never a condition of the moment).
 */
export function renderNotification<K extends NotificationKind>(
  kind: K,
  data: NotificationData<K>,
  language: Language,
  channel: 'sms',
): SmsMessage;
export function renderNotification<K extends NotificationKind>(
  kind: K,
  data: NotificationData<K>,
  language: Language,
  channel: 'email',
): EmailMessage;
export function renderNotification<K extends NotificationKind>(
  kind: K,
  data: NotificationData<K>,
  language: Language,
  channel: NotificationChannel,
): RenderedNotification;
export function renderNotification<K extends NotificationKind>(
  kind: K,
  data: NotificationData<K>,
  language: Language,
  channel: NotificationChannel,
): RenderedNotification {
  check(kind, data, channel);
  return channel === 'sms' ? renderSms(kind, data, language) : renderEmail(kind, data, language);
}
