import type { APIGatewayProxyEvent } from 'aws-lambda';
import { clock } from '#kernel/clock.js';
import { openLink } from '#app/links/link-page.js';
import { citizenGet } from '#http/pages/citizen-get.js';
import { confirmationGet } from '#http/pages/confirmation-get.js';
import { cookieOf, csrfToken, SESSION_COOKIE } from '#http/pages/html.js';
import { guarded, linkAnswer } from '#http/pages/link-answers.js';

/**
 * GET /r/{code}: the page a contact officer's short link opens. Public (the code is the key), server-rendered,
 * without script. Before verification it shows the referral and how to confirm; after, the citizen (given consent)
 * and the answers the officer may give. An unknown code is a plain 404, an expired or revoked one a 410. A
 * complainant's link to their case opens their case's page (http/pages/citizen-answers.ts).
 */
export const handler = guarded(async (event: APIGatewayProxyEvent) => {
  const code = event.pathParameters?.code ?? '';
  const now = clock.now();
  const opening = await openLink(code, cookieOf(event, SESSION_COOKIE), now);
  if (opening.state === 'complaint') return citizenGet(event, opening.link, now);
  if (opening.state === 'confirmation') return confirmationGet(event, opening.link, now);
  const csrf = csrfToken(event);
  return linkAnswer(opening, csrf.token, csrf.setCookie ? [csrf.setCookie] : []);
});
