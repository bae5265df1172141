import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ConfirmationLink } from '#domain/link.js';
import {
  openConfirmationLink,
  type OpenConfirmation,
  recordConfirmationRead,
} from '#app/referrals/confirmation-link.js';
import { answeredPage, type ConfirmationFormState, confirmationPage } from './confirmation-page.js';
import { csrfToken, page } from './html.js';
import { citizenLinkGone } from './link-answers.js';

/**
 * GET of a citizen's confirmation link (confirmation-answers.ts takes its POST): the question, or that it was
 * answered, each page audited. Apart from the POST, so that opening the page loads none of the answer's use case.
 */

/** The question (or its answer) shown, after the audit record of the read. */
export async function confirmationShown(
  open: OpenConfirmation,
  csrf: string,
  cookies: readonly string[],
  status = 200,
  state?: ConfirmationFormState,
): Promise<APIGatewayProxyResult> {
  await recordConfirmationRead(open);
  if (open.referral.citizenConfirmation) {
    const { title, body } = answeredPage(open, true);
    return page(status, open.language, title, body, {}, cookies);
  }
  const { title, body } = confirmationPage(open, csrf, state);
  return page(status, open.language, title, body, {}, cookies);
}

/** GET /r/{code} for a citizen's confirmation link. */
export async function confirmationGet(
  event: APIGatewayProxyEvent,
  link: ConfirmationLink,
  now: Date,
): Promise<APIGatewayProxyResult> {
  const opening = await openConfirmationLink(link, now);
  if (opening.state !== 'valid') return citizenLinkGone(opening.state);
  const csrf = csrfToken(event);
  return confirmationShown(opening, csrf.token, csrf.setCookie ? [csrf.setCookie] : []);
}
