import type { Localized } from '#kernel/messages.js';
import { formatLocalLong } from '#domain/notifications.js';
import type { Decision } from '#domain/complaint.js';
import type { CitizenCase, OpenCitizenLink } from '#app/complaints/citizen-link.js';
import { type Html, h } from './html.js';

/**
 * The views of a complainant's link to their case: the reference, the status, the decision and the reply, and the
 * rating form (1–5 and an optional comment) while the reply can still be rated; the page after a second rating.
 * The layout, the styles and the accessibility choices are the contact officer's pages' (html.ts): one fieldset
 * with a legend for the scale, a label for every field, errors beside their field and announced.
 */

const STATUS: Readonly<Record<CitizenCase['status'], Localized>> = {
  open: { es: 'recibido, en revisión', en: 'received, under review' },
  'in-progress': { es: 'en trámite', en: 'being handled' },
  resolved: { es: 'respondido', en: 'answered' },
};

const DECISION: Readonly<Record<Decision, Localized>> = {
  upheld: { es: 'se le da la razón', en: 'upheld' },
  'partly-upheld': { es: 'se le da la razón en parte', en: 'partly upheld' },
  'not-upheld': { es: 'no se le da la razón', en: 'not upheld' },
  withdrawn: { es: 'retirado', en: 'withdrawn' },
  'referred-to-casework': { es: 'derivado a gestión de casos', en: 'referred to casework' },
  redirected: { es: 'remitido a la entidad competente', en: 'sent to the body in charge' },
};

const SCALE: Readonly<Record<number, Localized>> = {
  1: { es: '1 — nada satisfecho', en: '1 — very unsatisfied' },
  2: { es: '2 — poco satisfecho', en: '2 — unsatisfied' },
  3: { es: '3 — ni satisfecho ni insatisfecho', en: '3 — neither' },
  4: { es: '4 — satisfecho', en: '4 — satisfied' },
  5: { es: '5 — muy satisfecho', en: '5 — very satisfied' },
};

/** A refused rating's values and problems, to show the form again. */
export interface RatingState {
  readonly values: { readonly rating?: string; readonly comment?: string };
  readonly problems: { readonly rating?: Localized; readonly comment?: Localized };
}

const titleOf = (open: { language: 'es' | 'en' }, reference: string) =>
  open.language === 'es' ? `Su caso ${reference}` : `Your case ${reference}`;

function caseSummary(open: OpenCitizenLink): Html {
  const { language, case: c } = open;
  const t = (texts: Localized) => texts[language];
  return h`<section aria-labelledby="case-h">
    <h2 id="case-h">${t({ es: 'El caso', en: 'The case' })}</h2>
    <dl>
      <dt>${t({ es: 'Referencia', en: 'Reference' })}</dt>
      <dd>${c.reference}</dd>
      <dt>${t({ es: 'Estado', en: 'Status' })}</dt>
      <dd>${STATUS[c.status][language]}</dd>
      ${
        c.latest
          ? h`<dt>${t({ es: 'Decisión', en: 'Decision' })}</dt>
              <dd>${DECISION[c.latest.decision][language]}</dd>
              <dt>${t({ es: 'Fecha', en: 'Date' })}</dt>
              <dd>${formatLocalLong(new Date(c.latest.at), open.timeZone, language)}</dd>`
          : ''
      }
    </dl>
  </section>
  ${
    c.latest
      ? h`<section aria-labelledby="reply-h">
          <h2 id="reply-h">${t({ es: 'La respuesta', en: 'The answer' })}</h2>
          <p style="white-space:pre-line">${c.latest.reply}</p>
        </section>`
      : ''
  }`;
}

function ratingForm(open: OpenCitizenLink, csrf: string, state: RatingState | undefined): Html {
  const { language } = open;
  const t = (texts: Localized) => texts[language];
  const ratingProblem = state?.problems.rating;
  const commentProblem = state?.problems.comment;
  const chosen = state?.values.rating;
  return h`<section aria-labelledby="rate-h">
    <h2 id="rate-h">${t({ es: 'Valore la respuesta', en: 'Rate the answer' })}</h2>
    <p class="hint">
      ${t({
        es: 'Una sola vez. Su valoración ayuda a mejorar la atención.',
        en: 'Once only. Your rating helps improve the service.',
      })}
    </p>
    <form method="post">
      <input type="hidden" name="csrf" value="${csrf}" /><input type="hidden" name="intent" value="rate" />
      <fieldset${ratingProblem ? h` aria-describedby="rating-error"` : ''}>
        <legend>
          ${t({ es: '¿Qué tan satisfecho está con la respuesta?', en: 'How satisfied are you with the answer?' })}
          <span class="req">(${t({ es: 'obligatorio', en: 'required' })})</span>
        </legend>
        ${[1, 2, 3, 4, 5].map(
          (n) =>
            h`<label class="choice" for="rating-${n}"
              ><input type="radio" id="rating-${n}" name="rating" value="${n}"${n === 1 ? ' required' : ''}${
                chosen === String(n) ? ' checked' : ''
              }${ratingProblem ? ' aria-invalid="true"' : ''} />${SCALE[n]?.[language]}</label
            >`,
        )}
        ${ratingProblem ? h`<p id="rating-error" class="error">${ratingProblem[language]}</p>` : ''}
      </fieldset>
      <label for="comment">${t({ es: 'Comentario (opcional)', en: 'Comment (optional)' })}</label>
      <textarea id="comment" name="comment" maxlength="1000"${
        commentProblem ? h` aria-invalid="true" aria-describedby="comment-error"` : ''
      }>${state?.values.comment ?? ''}</textarea>
      ${commentProblem ? h`<p id="comment-error" class="error">${commentProblem[language]}</p>` : ''}
      <button type="submit">${t({ es: 'Enviar mi valoración', en: 'Send my rating' })}</button>
    </form>
  </section>`;
}

/** The complainant's page: the case as the reply told it, and the rating form while it may be given. */
export function citizenCasePage(open: OpenCitizenLink, csrf: string, state?: RatingState) {
  const { language, case: c } = open;
  const t = (texts: Localized) => texts[language];
  const title = titleOf(open, c.reference);
  const problems =
    state !== undefined
      ? h`<div class="alert" role="alert">
          <p>${t({ es: 'Revise los campos marcados: no se registró nada.', en: 'Check the fields marked: nothing was recorded.' })}</p>
        </div>`
      : '';
  const rating = c.mayRate
    ? ratingForm(open, csrf, state)
    : c.rated !== undefined
      ? h`<div class="alert ok" role="status">
          <p>
            ${t({
              es: `Gracias: su valoración (${c.rated} de 5) quedó registrada.`,
              en: `Thank you: your rating (${c.rated} out of 5) was recorded.`,
            })}
          </p>
        </div>`
      : '';
  return {
    title,
    body: h`<h1>${title}</h1>
      ${problems}${caseSummary(open)}${rating}
      <p class="hint">
        ${t({
          es: 'Si necesita ayuda, llame a la Ventanilla Única con su referencia.',
          en: 'If you need help, call the single window with your reference.',
        })}
      </p>`,
  };
}

/** A rating refused: given before (once only), or the case has no answer to rate now (reopened by an appeal). */
export function ratingRefusedPage(
  open: OpenCitizenLink,
  why: 'already-rated' | 'not-resolved',
  code: string,
) {
  const { language, case: c } = open;
  const t = (texts: Localized) => texts[language];
  const title =
    why === 'already-rated'
      ? t({ es: 'Su valoración ya estaba registrada', en: 'Your rating was already recorded' })
      : t({ es: 'Todavía no hay respuesta que valorar', en: 'There is no answer to rate yet' });
  return {
    title,
    body: h`<h1>${title}</h1>
      <section class="alert" role="alert">
        <p>
          ${
            why === 'already-rated'
              ? t({
                  es: `La respuesta del caso ${c.reference} ya fue valorada: se valora una sola vez. No se cambió nada.`,
                  en: `The answer of case ${c.reference} was already rated: it is rated once. Nothing was changed.`,
                })
              : t({
                  es: `El caso ${c.reference} no tiene ahora una respuesta que valorar. No se cambió nada.`,
                  en: `Case ${c.reference} has no answer to rate now. Nothing was changed.`,
                })
          }
        </p>
      </section>
      <p>
        <a href="${code}">${t({ es: 'Volver a su caso', en: 'Back to your case' })}</a>
      </p>`,
  };
}
