import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { ComplaintLink } from '#domain/link.js';
import { openCitizenLink, type OpenCitizenLink, recordCitizenRead } from '#app/complaints/citizen-link.js';
import { citizenCasePage, type RatingState } from './citizen-page.js';
import { csrfToken, page } from './html.js';
import { citizenLinkGone } from './link-answers.js';

/**
 * GET of a complainant's link (citizen-answers.ts takes its POST): the case as the reply told it, each page
 * audited. Apart from the POST, so that opening the page loads none of the rating's checks.
 */

/** The case shown, after the audit record of the read. */
export async function citizenShown(
  open: OpenCitizenLink,
  csrf: string,
  cookies: readonly string[],
  status = 200,
  state?: RatingState,
): Promise<APIGatewayProxyResult> {
  await recordCitizenRead(open);
  const { title, body } = citizenCasePage(open, csrf, state);
  return page(status, open.language, title, body, {}, cookies);
}

/** GET /r/{code} for a complainant's link. */
export async function citizenGet(
  event: APIGatewayProxyEvent,
  link: ComplaintLink,
  now: Date,
): Promise<APIGatewayProxyResult> {
  const opening = await openCitizenLink(link, now);
  if (opening.state !== 'valid') return citizenLinkGone(opening.state);
  const csrf = csrfToken(event);
  return citizenShown(opening, csrf.token, csrf.setCookie ? [csrf.setCookie] : []);
}
