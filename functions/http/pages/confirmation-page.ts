import type { Localized } from '#kernel/messages.js';
import { formatLocalLong } from '#domain/notifications.js';
import type { OpenConfirmation } from '#app/referrals/confirmation-link.js';
import { type Html, h } from './html.js';

/**
 * The views of a citizen's link to confirm they were served: one question (yes / no) and an optional 1–5 rating,
 * then a thank-you; a page saying it was already answered when the link is used again. The layout, styles and
 * accessibility choices are the other link pages' (html.ts): a fieldset with a legend for each question, a label for
 * every choice, errors beside their field and announced.
 */

const SCALE: Readonly<Record<number, Localized>> = {
  1: { es: '1 — nada satisfecho', en: '1 — very unsatisfied' },
  2: { es: '2 — poco satisfecho', en: '2 — unsatisfied' },
  3: { es: '3 — ni satisfecho ni insatisfecho', en: '3 — neither' },
  4: { es: '4 — satisfecho', en: '4 — satisfied' },
  5: { es: '5 — muy satisfecho', en: '5 — very satisfied' },
};

/** A refused answer's values and problems, to show the form again. */
export interface ConfirmationFormState {
  readonly values: { readonly answer?: string; readonly rating?: string };
  readonly problems: { readonly answer?: Localized; readonly rating?: Localized };
}

const TITLE: Localized = { es: '¿Recibió el servicio?', en: 'Did you receive the service?' };

function summary(open: OpenConfirmation): Html {
  const t = (texts: Localized) => texts[open.language];
  return h`<section aria-labelledby="ref-h">
    <h2 id="ref-h">${t({ es: 'Su solicitud', en: 'Your request' })}</h2>
    <dl>
      <dt>${t({ es: 'Referencia', en: 'Reference' })}</dt>
      <dd>${open.requestReference}</dd>
      <dt>${t({ es: 'Servicio', en: 'Service' })}</dt>
      <dd>${open.referral.service.name}</dd>
    </dl>
  </section>`;
}

function choice(
  name: string,
  value: string,
  label: string,
  checked: boolean,
  invalid: boolean,
  first: boolean,
) {
  return h`<label class="choice" for="${name}-${value}"
    ><input type="radio" id="${name}-${value}" name="${name}" value="${value}"${first && name === 'answer' ? ' required' : ''}${
      checked ? ' checked' : ''
    }${invalid ? h` aria-invalid="true"` : ''} />${label}</label
  >`;
}

/** The question, with the form (yes / no, an optional rating). */
export function confirmationPage(open: OpenConfirmation, csrf: string, state?: ConfirmationFormState) {
  const { language } = open;
  const t = (texts: Localized) => texts[language];
  const answerProblem = state?.problems.answer;
  const ratingProblem = state?.problems.rating;
  const problems = state
    ? h`<div class="alert" role="alert">
        <p>${t({ es: 'Revise los campos marcados: no se registró nada.', en: 'Check the fields marked: nothing was recorded.' })}</p>
      </div>`
    : '';
  return {
    title: t(TITLE),
    body: h`<h1>${t(TITLE)}</h1>
      ${problems}${summary(open)}
      <section aria-labelledby="q-h">
        <h2 id="q-h">${t({ es: 'Su respuesta', en: 'Your answer' })}</h2>
        <p class="hint">${t({
          es: 'Una sola vez. Nos ayuda a saber si la derivación le sirvió.',
          en: 'Once only. It tells us whether the referral served you.',
        })}</p>
        <form method="post">
          <input type="hidden" name="csrf" value="${csrf}" /><input type="hidden" name="intent" value="confirm" />
          <fieldset${answerProblem ? h` aria-describedby="answer-error"` : ''}>
            <legend>
              ${t({ es: '¿Recibió el servicio al que le derivamos?', en: 'Did you receive the service we referred you to?' })}
              <span class="req">(${t({ es: 'obligatorio', en: 'required' })})</span>
            </legend>
            ${choice('answer', 'confirmed', t({ es: 'Sí, lo recibí', en: 'Yes, I received it' }), state?.values.answer === 'confirmed', Boolean(answerProblem), true)}
            ${choice('answer', 'denied', t({ es: 'No, no lo recibí', en: 'No, I did not receive it' }), state?.values.answer === 'denied', Boolean(answerProblem), false)}
            ${answerProblem ? h`<p id="answer-error" class="error">${answerProblem[language]}</p>` : ''}
          </fieldset>
          <fieldset${ratingProblem ? h` aria-describedby="rating-error"` : ''}>
            <legend>
              ${t({ es: 'Si lo recibió: ¿qué tan satisfecho está? (opcional)', en: 'If you received it: how satisfied are you? (optional)' })}
            </legend>
            ${[1, 2, 3, 4, 5].map((n) =>
              choice(
                'rating',
                String(n),
                SCALE[n]?.[language] ?? String(n),
                state?.values.rating === String(n),
                Boolean(ratingProblem),
                false,
              ),
            )}
            ${ratingProblem ? h`<p id="rating-error" class="error">${ratingProblem[language]}</p>` : ''}
          </fieldset>
          <button type="submit">${t({ es: 'Enviar mi respuesta', en: 'Send my answer' })}</button>
        </form>
      </section>
      <p class="hint">${t({
        es: 'Si necesita ayuda, llame a la Ventanilla Única con su referencia.',
        en: 'If you need help, call the single window with your reference.',
      })}</p>`,
  };
}

/** After the answer, or when the link is opened again: it was answered (when), nothing more to do. */
export function answeredPage(open: OpenConfirmation, again: boolean) {
  const { language } = open;
  const t = (texts: Localized) => texts[language];
  const answered = open.referral.citizenConfirmation;
  const title = again
    ? t({ es: 'Esta pregunta ya fue respondida', en: 'This question was already answered' })
    : t({ es: 'Gracias por su respuesta', en: 'Thank you for your answer' });
  const at = answered ? formatLocalLong(new Date(answered.at), open.timeZone, language) : '';
  return {
    title,
    body: h`<h1>${title}</h1>
      <section class="alert${again ? '' : ' ok'}" role="${again ? 'alert' : 'status'}">
        <p>${
          again
            ? t({
                es: `La respuesta sobre la solicitud ${open.requestReference} ya quedó registrada el ${at}: se responde una sola vez. No se cambió nada.`,
                en: `The answer about request ${open.requestReference} was already recorded on ${at}: it is answered once. Nothing was changed.`,
              })
            : t({
                es: `Su respuesta sobre la solicitud ${open.requestReference} quedó registrada el ${at}.`,
                en: `Your answer about request ${open.requestReference} was recorded on ${at}.`,
              })
        }</p>
      </section>
      <p class="hint">${t({
        es: 'Si necesita ayuda, llame a la Ventanilla Única con su referencia.',
        en: 'If you need help, call the single window with your reference.',
      })}</p>`,
  };
}
