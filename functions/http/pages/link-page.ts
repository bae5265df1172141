import type { FieldProblem } from '#kernel/errors.js';
import type { Localized } from '#kernel/messages.js';
import { formatLocalLong } from '#domain/notifications.js';
import type { CustomField } from '#domain/protocol.js';
import { REASON_CODES, REASON_LABELS, type Referral, type ReferralStatus } from '#domain/referral-record.js';
import { allowedTransitions, type TransitionName } from '#domain/referral-transitions.js';
import type { Language } from '#domain/taxonomy.js';
import { isAttributeName } from '#domain/citizen-attributes.js';
import { describedAttribute, enumValueWords } from '#domain/citizen-attribute-words.js';
import type { Answer, CitizenShown, OpenLink } from '#app/links/link-page.js';
import { type Html, h } from './html.js';

/**
 * The views of a contact officer's short link: the plain pages of a link that opens nothing, the referral before
 * verification (reference, service, deadline, what is expected — nothing about the citizen), the code form, and
 * the verified page with the citizen (given consent) and one form per answer the officer may give now.
 */

type Texts = Localized;
const t = (language: Language, texts: Texts) => texts[language];

/** The answers a contact officer gives from the page: everything the lifecycle lets them do. */
export const PAGE_ACTIONS = ['acknowledge', 'accept', 'reject', 'start', 'hold', 'complete', 'fail'] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];

const STATUS_LABELS: Readonly<Record<ReferralStatus, Texts>> = {
  draft: { es: 'borrador', en: 'draft' },
  requested: { es: 'pendiente de respuesta', en: 'awaiting your answer' },
  accepted: { es: 'aceptada', en: 'accepted' },
  rejected: { es: 'rechazada', en: 'rejected' },
  'in-progress': { es: 'en atención', en: 'in progress' },
  'on-hold': { es: 'en espera', en: 'on hold' },
  completed: { es: 'atendida (contrarreferencia enviada)', en: 'completed (counter-referral sent)' },
  failed: { es: 'no atendida', en: 'not served' },
  cancelled: { es: 'cancelada', en: 'cancelled' },
  'entered-in-error': { es: 'anulada por error', en: 'voided as an error' },
};

const ACTION_LABELS: Readonly<Record<PageAction, Texts>> = {
  acknowledge: { es: 'Acusar recibo', en: 'Acknowledge' },
  accept: { es: 'Aceptar a la persona', en: 'Accept the person' },
  reject: { es: 'Rechazar', en: 'Reject' },
  start: { es: 'Iniciar la atención', en: 'Start serving' },
  hold: { es: 'Poner en espera', en: 'Put on hold' },
  complete: { es: 'Completar: enviar la contrarreferencia', en: 'Complete: send the counter-referral' },
  fail: { es: 'Informar que no se pudo atender', en: 'Report not served' },
};

const ANSWER_LABELS: Readonly<Record<string, Texts>> = {
  acknowledged: { es: 'acusó recibo', en: 'acknowledged it' },
  accepted: { es: 'la aceptó', en: 'accepted it' },
  rejected: { es: 'la rechazó', en: 'rejected it' },
  started: { es: 'inició la atención', en: 'started serving' },
  held: { es: 'la puso en espera', en: 'put it on hold' },
  completed: { es: 'la completó', en: 'completed it' },
  failed: { es: 'informó que no se pudo atender', en: 'reported it not served' },
  cancelled: { es: 'la canceló', en: 'cancelled it' },
  'entered-in-error': { es: 'la anuló por error', en: 'voided it as an error' },
};

/**
 * A link that opens nothing: the same few words whatever the reason, in Spanish, naming nothing. An expired
 * complainant's link (`about: 'complaint'`) says how to follow the case instead of waiting for another notice.
 */
export function deadLinkPage(
  state: 'unknown' | 'expired' | 'revoked',
  about: 'referral' | 'complaint' = 'referral',
): { title: string; body: Html } {
  const title = state === 'unknown' ? 'Enlace no válido' : 'Enlace sin efecto';
  const text =
    state === 'unknown'
      ? 'Este enlace no existe. Revise que lo copió completo desde el mensaje.'
      : state === 'expired'
        ? about === 'complaint'
          ? 'Este enlace venció. Para saber de su caso, llame a la Ventanilla Única con su referencia.'
          : 'Este enlace venció. Si todavía tiene una derivación pendiente, el próximo aviso traerá un enlace nuevo.'
        : 'Este enlace ya no es válido.';
  return {
    title,
    body: h`<h1>${title}</h1>
      <section>
        <p>${text}</p>
        <p>Si necesita ayuda, comuníquese con la Ventanilla Única de Servicios de su cantón.</p>
      </section>`,
  };
}

const when = (
  at: string,
  open: { canton: { timeZone: string } } | { timeZone: string },
  language: Language,
) => formatLocalLong(new Date(at), 'canton' in open ? open.canton.timeZone : open.timeZone, language);

/** A referral that has closed: its outcome, who answered and when; nothing about the citizen. */
export function closedPage(referral: Referral, language: Language, last: Answer | undefined) {
  const title = t(language, { es: `Derivación ${referral.reference}`, en: `Referral ${referral.reference}` });
  return {
    title,
    body: h`<h1>${title}</h1>
      <section>
        <p>
          ${t(language, {
            es: `Esta derivación ya está cerrada: ${STATUS_LABELS[referral.status].es}.`,
            en: `This referral is closed: ${STATUS_LABELS[referral.status].en}.`,
          })}
        </p>
        ${last ? h`<p>${answeredBy(last, referral.calendar.timeZone, language)}</p>` : ''}
        <p>
          ${t(language, {
            es: 'No hace falta hacer nada más con este enlace.',
            en: 'Nothing more is needed with this link.',
          })}
        </p>
      </section>`,
  };
}

function answeredBy(last: Answer, timeZone: string, language: Language): string {
  const what = ANSWER_LABELS[last.action] ?? { es: 'respondió', en: 'answered' };
  const at = when(last.at, { timeZone }, language);
  return language === 'es' ? `${last.by} ${what.es} el ${at}.` : `${last.by} ${what.en} on ${at}.`;
}

/** The 409 page: the answer came too late, someone else (or an earlier tap) answered first. */
export function alreadyAnsweredPage(open: OpenLink, last: Answer | undefined, code: string) {
  const { language, referral } = open;
  const title = t(language, {
    es: 'La derivación ya fue respondida',
    en: 'The referral was already answered',
  });
  return {
    title,
    body: h`<h1>${title}</h1>
      <section class="alert" role="alert">
        <p>
          ${t(language, {
            es: 'Su respuesta no se registró: la derivación cambió antes.',
            en: 'Your answer was not recorded: the referral changed before it.',
          })}
        </p>
        ${last ? h`<p>${answeredBy(last, open.canton.timeZone, language)}</p>` : ''}
        <p>
          ${t(language, {
            es: `Estado actual: ${STATUS_LABELS[referral.status].es}.`,
            en: `Current status: ${STATUS_LABELS[referral.status].en}.`,
          })}
        </p>
      </section>
      <p>
        <a href="${code}">${t(language, { es: 'Ver la derivación', en: 'See the referral' })}</a>
      </p>`,
  };
}

export function forbiddenPostPage(language: Language, code: string) {
  const title = t(language, { es: 'Formulario no válido', en: 'Form not valid' });
  return {
    title,
    body: h`<h1>${title}</h1>
      <section class="alert" role="alert">
        <p>
          ${t(language, {
            es: 'Este formulario caducó o no se envió desde esta página. No se cambió nada.',
            en: 'This form has expired or was not sent from this page. Nothing was changed.',
          })}
        </p>
      </section>
      <p>
        <a href="${code}"
          >${t(language, { es: 'Abrir la página de nuevo', en: 'Open the page again' })}</a
        >
      </p>`,
  };
}

/** What the officer is expected to do next, and by when. */
function expectation(open: OpenLink): Html {
  const { referral, language } = open;
  if (referral.acknowledgedAt === undefined) {
    return h`<p>
      ${t(language, {
        es: 'Se espera que confirme la recepción (acuse de recibo o aceptación) hasta',
        en: 'You are expected to acknowledge or accept it by',
      })} <strong>${when(referral.deadlines.acknowledgement, open, language)}</strong>.
    </p>`;
  }
  const due = referral.deadlines.counterReferral;
  return h`<p>
    ${t(language, {
      es: 'Se espera la contrarreferencia (si la persona fue atendida y cómo)',
      en: 'The counter-referral is expected (whether the person was served, and how)',
    })}${due ? h` ${t(language, { es: 'hasta', en: 'by' })} <strong>${when(due, open, language)}</strong>` : ''}.
  </p>`;
}

function summary(open: OpenLink): Html {
  const { referral, language } = open;
  return h`<section aria-labelledby="ref-h">
    <h2 id="ref-h">${t(language, { es: 'La derivación', en: 'The referral' })}</h2>
    <dl>
      <dt>${t(language, { es: 'Referencia', en: 'Reference' })}</dt>
      <dd>${referral.reference}</dd>
      <dt>${t(language, { es: 'Servicio', en: 'Service' })}</dt>
      <dd>${referral.service.name}</dd>
      <dt>${t(language, { es: 'Estado', en: 'Status' })}</dt>
      <dd>${STATUS_LABELS[referral.status][language]}</dd>
    </dl>
    ${expectation(open)}
  </section>`;
}

export interface VerifyNotice {
  readonly kind: 'sent' | 'wrong' | 'locked' | 'expired' | 'wait' | 'undeliverable' | 'signin';
  readonly to?: string;
  readonly left?: number;
  readonly until?: string;
}

function verifyNotice(open: OpenLink, notice: VerifyNotice | undefined): Html {
  if (!notice) return h``;
  const { language } = open;
  const until = notice.until ? when(notice.until, open, language) : '';
  const texts: Record<VerifyNotice['kind'], Texts> = {
    sent: {
      es: `Le enviamos un código de 6 dígitos (${notice.to ?? ''}). Vence en 10 minutos.`,
      en: `We sent you a 6-digit code (${notice.to ?? ''}). It expires in 10 minutes.`,
    },
    wrong: {
      es: `El código no es correcto. Le quedan ${notice.left ?? 0} intentos.`,
      en: `The code is not right. You have ${notice.left ?? 0} tries left.`,
    },
    locked: {
      es: `Demasiados intentos. Espere hasta ${until} y pida un código nuevo.`,
      en: `Too many tries. Wait until ${until} and ask for a new code.`,
    },
    expired: {
      es: 'El código venció o ya no vale. Pida uno nuevo.',
      en: 'The code expired or is no longer valid. Ask for a new one.',
    },
    wait: {
      es: `Ya le enviamos un código hace poco. Podrá pedir otro desde ${until}.`,
      en: `We sent you a code a moment ago. You can ask for another from ${until}.`,
    },
    undeliverable: {
      es: 'No pudimos enviarle el código. Intente más tarde o llame a la Ventanilla Única.',
      en: 'We could not send you the code. Try later or call the single window.',
    },
    signin: {
      es: 'Confirme primero que es usted: pida un código y escríbalo aquí.',
      en: 'First confirm it is you: ask for a code and type it here.',
    },
  };
  const good = notice.kind === 'sent';
  return h`<div class="alert${good ? ' ok' : ''}" role="${good ? 'status' : 'alert'}">
    <p>${texts[notice.kind][language]}</p>
  </div>`;
}

const hidden = (csrf: string, intent: string, action?: string) =>
  h`<input type="hidden" name="csrf" value="${csrf}" /><input
      type="hidden"
      name="intent"
      value="${intent}"
    />${action ? h`<input type="hidden" name="action" value="${action}" />` : ''}`;

/** The page before verification: the referral, then how to confirm it is the officer. */
export function unverifiedPage(open: OpenLink, csrf: string, notice?: VerifyNotice) {
  const { language, referral } = open;
  const title = t(language, { es: `Derivación ${referral.reference}`, en: `Referral ${referral.reference}` });
  if (!open.officer) {
    return {
      title,
      body: h`<h1>${title}</h1>
        ${summary(open)}
        <section>
          <p>
            ${t(language, {
              es: 'Este aviso es informativo: gestione el caso en el sistema de la Ventanilla Única con su usuario.',
              en: 'This notice is for your information: handle the case in the single window system with your account.',
            })}
          </p>
        </section>`,
    };
  }
  const showCode = open.codePending || notice?.kind === 'sent' || notice?.kind === 'wrong';
  return {
    title,
    body: h`<h1>${title}</h1>
      ${summary(open)}
      <section aria-labelledby="who-h">
        <h2 id="who-h">
          ${t(language, {
            es: 'Confirme que es usted',
            en: 'Confirm it is you',
          })}
        </h2>
        <p>
          ${t(language, {
            es: 'Para ver los datos de la persona y responder, le enviaremos un código a su teléfono o correo registrado. Basta una vez en este teléfono durante 12 horas.',
            en: 'To see the person’s details and answer, we will send a code to your registered phone or e-mail. Once on this phone is enough for 12 hours.',
          })}
        </p>
        ${verifyNotice(open, notice)}${
          showCode
            ? h`<form method="post">
                ${hidden(csrf, 'verify')}<label for="code"
                  >${t(language, {
                    es: 'Código de 6 dígitos',
                    en: '6-digit code',
                  })}</label
                ><input
                  id="code"
                  name="code"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  pattern="[0-9]{6}"
                  maxlength="6"
                  required${
                    notice?.kind === 'wrong' ? h` aria-invalid="true" aria-describedby="code-error"` : ''
                  }
                />${
                  notice?.kind === 'wrong'
                    ? h`<p id="code-error" class="error">
                        ${t(language, { es: 'Código incorrecto', en: 'Wrong code' })}
                      </p>`
                    : ''
                }<button type="submit">${t(language, { es: 'Confirmar', en: 'Confirm' })}</button>
              </form>`
            : ''
        }
        <form method="post">
          ${hidden(csrf, 'send-code')}<button type="submit" ${showCode ? ' class="secondary"' : ''}>
            ${
              showCode
                ? t(language, { es: 'Enviarme otro código', en: 'Send me another code' })
                : t(language, { es: 'Enviarme un código', en: 'Send me a code' })
            }
          </button>
        </form>
      </section>`,
  };
}

/** Form values and field problems to show again when a post was refused. */
export interface FormState {
  readonly action: PageAction;
  readonly values: Readonly<Record<string, string>>;
  readonly problems: readonly FieldProblem[];
}

function problemFor(state: FormState | undefined, action: PageAction, field: string, language: Language) {
  if (!state || state.action !== action) return undefined;
  const found = state.problems.find((p) => p.field === field || p.field.startsWith(`${field}.`));
  if (!found) return undefined;
  return typeof found.problem === 'string' ? found.problem : found.problem[language];
}

const valueOf = (state: FormState | undefined, action: PageAction, name: string) =>
  state && state.action === action ? (state.values[name] ?? '') : '';

interface FieldSpec {
  readonly action: PageAction;
  /** The form's input name. */
  readonly name: string;
  /** The domain's field name in problems (reason, counterReferral.outcome...). */
  readonly field: string;
  readonly label: string;
  readonly required: boolean;
}

function fieldShell(
  spec: FieldSpec,
  state: FormState | undefined,
  language: Language,
  control: (attrs: Html) => Html,
) {
  const id = `${spec.action}-${spec.name}`.replaceAll('.', '-');
  const problem = problemFor(state, spec.action, spec.field, language);
  const attrs = h` id="${id}"
  name="${spec.name}"${spec.required ? ' required' : ''}${
    problem ? h` aria-invalid="true" aria-describedby="${id}-error"` : ''
  }`;
  return h`<label for="${id}"
      >${spec.label}${spec.required ? h` <span class="req">(${t(language, { es: 'obligatorio', en: 'required' })})</span>` : ''}</label
    >${control(attrs)}${problem ? h`<p id="${id}-error" class="error">${problem}</p>` : ''}`;
}

function reasonFields(
  action: PageAction,
  prefix: string,
  field: string,
  required: boolean,
  state: FormState | undefined,
  language: Language,
) {
  const selected = valueOf(state, action, `${prefix}Code`);
  const codes = REASON_CODES.filter((c) => c !== 'deadline-expired');
  return h`${fieldShell(
    { action, name: `${prefix}Code`, field, label: t(language, { es: 'Motivo', en: 'Reason' }), required },
    state,
    language,
    (attrs) =>
      h`<select${attrs}><option value="">${t(language, { es: 'Elija un motivo', en: 'Choose a reason' })}</option>${codes.map(
        (code) =>
          h`<option value="${code}" ${selected === code ? ' selected' : ''}>
            ${REASON_LABELS[code][language]}
          </option>`,
      )}</select>`,
  )}${fieldShell(
    {
      action,
      name: `${prefix}Text`,
      field: `${field}.text`,
      label: t(language, {
        es: 'Detalle (obligatorio con «Otro motivo»)',
        en: 'Details (required with “Other”)',
      }),
      required: false,
    },
    state,
    language,
    (attrs) =>
      h`<input${attrs}
        maxlength="500"
        value="${valueOf(state, action, `${prefix}Text`)}"
      >`,
  )}`;
}

function yesNo(spec: FieldSpec, state: FormState | undefined, language: Language) {
  const id = `${spec.action}-${spec.name}`.replaceAll('.', '-');
  const problem = problemFor(state, spec.action, spec.field, language);
  const value = valueOf(state, spec.action, spec.name);
  return h`<fieldset${problem ? h` aria-describedby="${id}-error"` : ''}><legend>${spec.label}${
    spec.required ? h` <span class="req">(${t(language, { es: 'obligatorio', en: 'required' })})</span>` : ''
  }</legend><label class="choice"><input type="radio" id="${id}-yes" name="${spec.name}" value="true"${value === 'true' ? ' checked' : ''}${spec.required ? ' required' : ''}>${t(language, { es: 'Sí', en: 'Yes' })}</label><label class="choice"><input type="radio" id="${id}-no" name="${spec.name}" value="false"${value === 'false' ? ' checked' : ''}>${t(language, { es: 'No', en: 'No' })}</label>${
    problem ? h`<p id="${id}-error" class="error">${problem}</p>` : ''
  }</fieldset>`;
}

/** The counter-referral's `benefit`: what the person received, recorded among the canton's local benefits. */
function benefitFields(state: FormState | undefined, language: Language, required: boolean): Html {
  const a: PageAction = 'complete';
  const kind = valueOf(state, a, 'cr.benefitKind');
  const kinds = [
    { code: 'in-kind', label: { es: 'En especie o servicio', en: 'In kind or a service' } },
    { code: 'cash', label: { es: 'En efectivo', en: 'Cash' } },
  ];
  return h`${fieldShell(
    {
      action: a,
      name: 'cr.benefitKind',
      field: 'counterReferral.benefit.kind',
      label: t(language, { es: 'Qué recibió la persona', en: 'What the person received' }),
      required,
    },
    state,
    language,
    (attrs) =>
      h`<select${attrs}><option value="">${t(language, { es: 'No indicar', en: 'Not stated' })}</option>${kinds.map(
        (k) =>
          h`<option value="${k.code}"${kind === k.code ? ' selected' : ''}>${k.label[language]}</option>`,
      )}</select>`,
  )}${fieldShell(
    {
      action: a,
      name: 'cr.benefitAmount',
      field: 'counterReferral.benefit.amount',
      label: t(language, {
        es: 'Monto en USD (obligatorio en efectivo)',
        en: 'Amount in USD (required for cash)',
      }),
      required: false,
    },
    state,
    language,
    (attrs) =>
      h`<input${attrs} type="number" min="0" step="any" inputmode="decimal" value="${valueOf(state, a, 'cr.benefitAmount')}">`,
  )}${fieldShell(
    {
      action: a,
      name: 'cr.benefitDescription',
      field: 'counterReferral.benefit.description',
      label: t(language, { es: 'Detalle de lo entregado', en: 'What was delivered' }),
      required: false,
    },
    state,
    language,
    (attrs) =>
      h`<input${attrs} type="text" maxlength="500" value="${valueOf(state, a, 'cr.benefitDescription')}">`,
  )}`;
}

/** The counter-referral form, from the referral's own protocol version: its required and custom fields. */
function counterReferralForm(open: OpenLink, state: FormState | undefined): Html {
  const { language, referral } = open;
  const rules = referral.protocol.definition.counterReferral;
  const required = new Set<string>(['assisted', 'outcome', ...rules.requiredFields]);
  const a: PageAction = 'complete';
  const spec = (name: string, label: Texts): FieldSpec => ({
    action: a,
    name: `cr.${name}`,
    field: `counterReferral.${name}`,
    label: label[language],
    required: required.has(name),
  });
  const custom = (field: CustomField) => {
    const s: FieldSpec = {
      action: a,
      name: `cf.${field.name}`,
      field: `counterReferral.${field.name}`,
      label: field.label[language],
      required: field.required === true,
    };
    if (field.type === 'boolean') return yesNo(s, state, language);
    const type = field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text';
    return fieldShell(
      s,
      state,
      language,
      (attrs) =>
        h`<input${attrs}
          type="${type}"
          ${type === 'number' ? ' step="any" inputmode="decimal"' : ''}
          value="${valueOf(state, a, s.name)}"
        >`,
    );
  };
  return h`${yesNo(spec('assisted', { es: '¿La persona fue atendida?', en: 'Was the person served?' }), state, language)}${fieldShell(
    spec('outcome', { es: 'Resultado: qué se hizo', en: 'Outcome: what was done' }),
    state,
    language,
    (attrs) => h`<textarea${attrs} maxlength="2000">${valueOf(state, a, 'cr.outcome')}</textarea>`,
  )}${fieldShell(
    spec('dateServed', { es: 'Fecha de atención', en: 'Date served' }),
    state,
    language,
    (attrs) =>
      h`<input${attrs}
        type="date"
        value="${valueOf(state, a, 'cr.dateServed')}"
      >`,
  )}${
    required.has('reason')
      ? reasonFields(a, 'cr.reason', 'counterReferral.reason', true, state, language)
      : ''
  }${benefitFields(state, language, required.has('benefit'))}${(rules.customFields ?? []).map(custom)}${fieldShell(
    spec('note', { es: 'Nota', en: 'Note' }),
    state,
    language,
    (attrs) => h`<textarea${attrs} maxlength="2000">${valueOf(state, a, 'cr.note')}</textarea>`,
  )}`;
}

function actionForm(open: OpenLink, action: PageAction, csrf: string, state: FormState | undefined): Html {
  const { language } = open;
  const label = ACTION_LABELS[action][language];
  const submit = h`<button type="submit">${label}</button>`;
  if (action === 'acknowledge' || action === 'accept' || action === 'start') {
    return h`<form method="post">
      ${hidden(csrf, 'act', action)}${
        action === 'acknowledge' ? h`<button type="submit" class="secondary">${label}</button>` : submit
      }
    </form>`;
  }
  const opened = state?.action === action ? ' open' : '';
  const body =
    action === 'complete'
      ? counterReferralForm(open, state)
      : reasonFields(action, 'reason', 'reason', true, state, language);
  return h`<details${opened}><summary>${label}</summary><form method="post">${hidden(csrf, 'act', action)}${body}${submit}</form></details>`;
}

/** A registry fact as the officer reads it: the attribute's label, and an enum value's label. */
function factLine(name: string, value: string | number | boolean, language: Language): Html {
  const definition = isAttributeName(name) ? describedAttribute(name) : undefined;
  const label = definition ? definition.label[language] : name;
  const shown =
    typeof value === 'boolean'
      ? t(language, value ? { es: 'sí', en: 'yes' } : { es: 'no', en: 'no' })
      : definition?.type === 'enum'
        ? (enumValueWords(definition, value)?.label[language] ?? String(value))
        : String(value);
  return h`<dt>${label}</dt><dd>${shown}</dd>`;
}

/** What the citizen consented to share of the registry with this provider: household size and eligibility facts. */
function registryFacts(citizen: CitizenShown, language: Language): Html | '' {
  const { registry } = citizen;
  if (!registry) return '';
  if (!registry.inRegistry) {
    return h`<p>${t(language, { es: 'No consta en el Registro Social.', en: 'Not in the Social Registry.' })}</p>`;
  }
  const facts = Object.entries(registry.facts ?? {}).map(([name, value]) => factLine(name, value, language));
  return h`<h3>${t(language, { es: 'Registro Social', en: 'Social Registry' })}</h3>
    <dl>
      <dt>${t(language, { es: 'Personas en el hogar', en: 'People in the household' })}</dt>
      <dd>${String(registry.householdSize ?? '')}</dd>${facts}
    </dl>`;
}

/** The verified page: the referral, the citizen (given consent), and the answers the officer may give now. */
export function verifiedPage(
  open: OpenLink,
  csrf: string,
  citizen: CitizenShown | 'no-consent' | undefined,
  state?: FormState,
) {
  const { language, referral } = open;
  const title = t(language, { es: `Derivación ${referral.reference}`, en: `Referral ${referral.reference}` });
  const actions = allowedTransitions(referral, ['contact-officer']).filter((a): a is PageAction =>
    (PAGE_ACTIONS as readonly TransitionName[]).includes(a),
  );
  const person =
    citizen === 'no-consent' || citizen === undefined
      ? h`<p>
          ${t(language, {
            es: 'La persona no autorizó compartir sus datos con el proveedor.',
            en: 'The person did not consent to share their details with the provider.',
          })}
        </p>`
      : h`<dl>
          ${
            citizen.name
              ? h`<dt>${t(language, { es: 'Nombre', en: 'Name' })}</dt>
                  <dd>${citizen.name}</dd>`
              : ''
          }${
            citizen.phone
              ? h`<dt>${t(language, { es: 'Teléfono', en: 'Phone' })}</dt>
                  <dd><a href="tel:${citizen.phone}">${citizen.phone}</a></dd>`
              : ''
          }${
            citizen.email
              ? h`<dt>${t(language, { es: 'Correo', en: 'E-mail' })}</dt>
                  <dd><a href="mailto:${citizen.email}">${citizen.email}</a></dd>`
              : ''
          }
        </dl>${registryFacts(citizen, language)}`;
  const problems =
    state && state.problems.length > 0
      ? h`<div class="alert" role="alert">
          <p>
            ${t(language, {
              es: 'Revise los campos marcados: no se registró nada.',
              en: 'Check the fields marked: nothing was recorded.',
            })}
          </p>
        </div>`
      : '';
  return {
    title,
    body: h`<h1>${title}</h1>
      ${problems}${summary(open)}
      <section aria-labelledby="person-h">
        <h2 id="person-h">
          ${t(language, {
            es: 'La persona',
            en: 'The person',
          })}
        </h2>
        ${person}
      </section>
      <h2>${t(language, { es: 'Su respuesta', en: 'Your answer' })}</h2>
      ${
        actions.length > 0
          ? actions.map((a) => actionForm(open, a, csrf, state))
          : h`<section>
              <p>
                ${t(language, { es: 'No hay nada pendiente por ahora.', en: 'Nothing is pending for now.' })}
              </p>
            </section>`
      }`,
  };
}
