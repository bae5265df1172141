import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Localized } from '#kernel/messages.js';
import { SatisfactionBody } from '#domain/complaint-decision-input.js';
import type { ComplaintLink } from '#domain/link.js';
import { openCitizenLink, recordCitizenRead } from '#app/complaints/citizen-link.js';
import { rateByLink } from '#app/complaints/citizen-rating.js';
import { ratingRefusedPage } from './citizen-page.js';
import { citizenShown } from './citizen-get.js';
import { csrfToken, page, redirect } from './html.js';
import { citizenLinkGone, ownForm } from './link-answers.js';
import { forbiddenPostPage } from './link-page.js';

/**
 * The complainant's link pages (app/complaints/citizen-link.ts): GET shows the case as the reply told it
 * (citizen-get.ts), POST records the rating. The same layout, headers, CSRF token and origin check as a contact officer's page; no
 * verification (docs/decisions/short-links.md says why). Every page that shows the case is audited.
 */

const RATING_PROBLEM: Localized = {
  es: 'Elija un número del 1 al 5',
  en: 'Choose a number from 1 to 5',
};
const COMMENT_PROBLEM: Localized = {
  es: 'El comentario puede tener hasta 1000 caracteres',
  en: 'The comment may have up to 1000 characters',
};

/** POST /r/{code} for a complainant's link: the rating, once, through the operator's own use case. */
export async function citizenPost(
  event: APIGatewayProxyEvent,
  link: ComplaintLink,
  code: string,
  now: Date,
): Promise<APIGatewayProxyResult> {
  const opening = await openCitizenLink(link, now);
  if (opening.state !== 'valid') return citizenLinkGone(opening.state);
  const { language } = opening;
  const csrf = csrfToken(event);
  const cookies = csrf.setCookie ? [csrf.setCookie] : [];
  const form = ownForm(event, language, code, cookies);
  if ('statusCode' in form) return form;
  const { values } = form;
  if (values.intent !== 'rate') {
    const { title, body } = forbiddenPostPage(language, code);
    return page(400, language, title, body, {}, cookies);
  }
  const rating = values.rating ?? '';
  const parsed = SatisfactionBody.safeParse({
    rating: /^[1-5]$/.test(rating) ? Number(rating) : rating,
    ...(values.comment !== undefined ? { comment: values.comment } : {}),
  });
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
    return citizenShown(opening, csrf.token, cookies, 400, {
      values: {
        ...(/^[1-5]$/.test(rating) ? { rating } : {}),
        ...(values.comment !== undefined ? { comment: values.comment } : {}),
      },
      problems: {
        ...(fields.has('rating') ? { rating: RATING_PROBLEM } : {}),
        ...(fields.has('comment') ? { comment: COMMENT_PROBLEM } : {}),
      },
    });
  }
  const result = await rateByLink(opening, parsed.data);
  if (result.ok) return redirect(code, cookies);
  // The refusal names the case (its reference): a page of the case like any other, so audited as one.
  await recordCitizenRead(opening);
  const { title, body } = ratingRefusedPage({ ...opening, case: result.case }, result.why, code);
  return page(409, language, title, body, {}, cookies);
}
