import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { Localized } from '#kernel/messages.js';
import { ConfirmationBody } from '#domain/citizen-confirmation.js';
import type { ConfirmationLink } from '#domain/link.js';
import { confirmByLink } from '#app/referrals/citizen-confirmation.js';
import {
  openConfirmationLink,
  type OpenConfirmation,
  recordConfirmationRead,
} from '#app/referrals/confirmation-link.js';
import { answeredPage } from './confirmation-page.js';
import { confirmationShown } from './confirmation-get.js';
import { csrfToken, page } from './html.js';
import { citizenLinkGone, ownForm } from './link-answers.js';
import { forbiddenPostPage } from './link-page.js';

/**
 * The citizen's confirmation link pages (app/referrals/citizen-confirmation.ts): GET shows the question (or that it
 * was answered: confirmation-get.ts), POST records the answer once. The same layout, headers, CSRF token and origin
 * check as the other link pages; no verification (docs/decisions/short-links.md says why). Every page that shows
 * the referral is audited.
 */

const ANSWER_PROBLEM: Localized = { es: 'Elija sí o no', en: 'Choose yes or no' };
const RATING_PROBLEM: Localized = {
  es: 'Elija un número del 1 al 5, solo si recibió el servicio',
  en: 'Choose a number from 1 to 5, only if you received the service',
};

/** POST /r/{code} for a citizen's confirmation link: the answer, once, through the operator's own use case. */
export async function confirmationPost(
  event: APIGatewayProxyEvent,
  link: ConfirmationLink,
  code: string,
  now: Date,
): Promise<APIGatewayProxyResult> {
  const opening = await openConfirmationLink(link, now);
  if (opening.state !== 'valid') return citizenLinkGone(opening.state);
  const { language } = opening;
  const csrf = csrfToken(event);
  const cookies = csrf.setCookie ? [csrf.setCookie] : [];
  const form = ownForm(event, language, code, cookies);
  if ('statusCode' in form) return form;
  const { values } = form;
  if (values.intent !== 'confirm') {
    const { title, body } = forbiddenPostPage(language, code);
    return page(400, language, title, body, {}, cookies);
  }
  const answer = values.answer ?? '';
  const rating = values.rating ?? '';
  // The citizen answers yes or no: "unreachable" is the operator's to record.
  const known = answer === 'confirmed' || answer === 'denied';
  const parsed = ConfirmationBody.safeParse({
    answer: known ? answer : '',
    ...(rating !== '' ? { rating: /^\d+$/.test(rating) ? Number(rating) : rating } : {}),
  });
  if (!known || !parsed.success) {
    const fields = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0])));
    if (!known) fields.add('answer');
    return confirmationShown(opening, csrf.token, cookies, 400, {
      values: {
        ...(known ? { answer } : {}),
        ...(/^[1-5]$/.test(rating) ? { rating } : {}),
      },
      problems: {
        ...(fields.has('answer') ? { answer: ANSWER_PROBLEM } : {}),
        ...(fields.has('rating') ? { rating: RATING_PROBLEM } : {}),
      },
    });
  }
  const result = await confirmByLink(opening, parsed.data);
  const after = result.ok ? await openConfirmationLink(link, now) : undefined;
  const fresh: OpenConfirmation =
    after?.state === 'valid' ? after : { ...opening, ...(result.ok ? {} : { referral: result.referral }) };
  await recordConfirmationRead(fresh);
  const { title, body } = answeredPage(fresh, !result.ok);
  return page(result.ok ? 200 : 409, language, title, body, {}, cookies);
}
