import type { APIGatewayProxyEvent } from 'aws-lambda';
import { clock } from '#kernel/clock.js';
import { AppError } from '#kernel/errors.js';
import { SESSION_VALIDITY_MS } from '#domain/link.js';
import { lastAnswer, openLink, type OpenLink } from '#app/links/link-page.js';
import { answerByLink, sendVerificationCode, verifyCode } from '#app/links/link-actions.js';
import { findReferralWithHistory } from '#adapters/dynamodb/referrals-store.js';
import { cookie, cookieOf, csrfToken, page, redirect, SESSION_COOKIE } from '#http/pages/html.js';
import { citizenPost } from '#http/pages/citizen-answers.js';
import { confirmationPost } from '#http/pages/confirmation-answers.js';
import { guarded, linkAnswer, ownForm, transitionInput } from '#http/pages/link-answers.js';
import {
  alreadyAnsweredPage,
  forbiddenPostPage,
  PAGE_ACTIONS,
  type PageAction,
} from '#http/pages/link-page.js';

/**
 * POST /r/{code}: the page's forms — ask for a verification code, type it, or answer the referral. Every post must
 * be the page's own (CSRF token and origin), an answer needs a verified device, and the answer is the very move the
 * API makes (app/referrals/transition.ts), audited as made through the link. A refused post changes nothing. A
 * complainant's link posts its rating (http/pages/citizen-answers.ts), behind the same checks.
 */
export const handler = guarded(async (event: APIGatewayProxyEvent) => {
  const code = event.pathParameters?.code ?? '';
  const now = clock.now();
  const opening = await openLink(code, cookieOf(event, SESSION_COOKIE), now);
  if (opening.state === 'complaint') return citizenPost(event, opening.link, code, now);
  if (opening.state === 'confirmation') return confirmationPost(event, opening.link, code, now);
  const csrf = csrfToken(event);
  const cookies = csrf.setCookie ? [csrf.setCookie] : [];
  if (opening.state !== 'valid') return linkAnswer(opening, csrf.token, cookies);
  const language = opening.language;

  const form = ownForm(event, language, code, cookies);
  if ('statusCode' in form) return form;
  const values = form.values;

  switch (values.intent) {
    case 'send-code': {
      if (opening.verified) return redirect(code);
      const sent = await sendVerificationCode(opening, now);
      if (sent.sent)
        return linkAnswer({ ...opening, codePending: true }, csrf.token, cookies, {
          notice: { kind: 'sent', to: sent.to },
        });
      return linkAnswer(opening, csrf.token, cookies, {
        status: sent.why === 'wait' ? 429 : 503,
        notice: { kind: sent.why, ...(sent.until ? { until: sent.until } : {}) },
      });
    }
    case 'verify': {
      if (opening.verified) return redirect(code);
      const result = await verifyCode(opening, values.code ?? '', now);
      if (result.ok) {
        return redirect(code, [cookie(SESSION_COOKIE, result.token, SESSION_VALIDITY_MS / 1000), ...cookies]);
      }
      const status = result.why === 'locked' ? 429 : 400;
      const kind = result.why === 'none' ? 'expired' : result.why;
      return linkAnswer(opening, csrf.token, cookies, {
        status,
        notice: {
          kind,
          ...(result.left !== undefined ? { left: result.left } : {}),
          ...(result.until ? { until: result.until } : {}),
        },
      });
    }
    case 'act':
      return act(opening, code, values, csrf.token, cookies);
    default: {
      const { title, body } = forbiddenPostPage(language, code);
      return page(400, language, title, body, {}, cookies);
    }
  }
});

async function act(
  open: OpenLink,
  code: string,
  values: Record<string, string>,
  csrf: string,
  cookies: string[],
) {
  if (!open.verified) {
    return linkAnswer(open, csrf, cookies, { status: 403, notice: { kind: 'signin' } });
  }
  const action = values.action as PageAction;
  if (!(PAGE_ACTIONS as readonly string[]).includes(action)) {
    const { title, body } = forbiddenPostPage(open.language, code);
    return page(400, open.language, title, body, {}, cookies);
  }
  const custom = open.referral.protocol.definition.counterReferral.customFields ?? [];
  try {
    await answerByLink(open, action, transitionInput(action, values, custom));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.statusCode === 400) {
      return linkAnswer(open, csrf, cookies, {
        status: 400,
        state: { action, values, problems: error.details },
      });
    }
    if (error.statusCode === 409) {
      const fresh = await findReferralWithHistory(open.link.cantonId, open.referral.referralId);
      const now = fresh ? { ...open, referral: fresh.record, history: fresh.history } : open;
      const { title, body } = alreadyAnsweredPage(now, lastAnswer(now.history, open.organization), code);
      return page(409, open.language, title, body, {}, cookies);
    }
    throw error;
  }
  return redirect(code, cookies);
}
