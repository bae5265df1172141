import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { logger } from '#kernel/logger.js';
import { parsePublicAddress } from '#domain/public-address.js';
import type { TransitionInput } from '#domain/referral.js';
import type { CustomField } from '#domain/protocol.js';
import { type OpenLink, citizenFor, type LinkOpening } from '#app/links/link-page.js';
import { page, postIsOwn } from './html.js';
import {
  closedPage,
  forbiddenPostPage,
  deadLinkPage,
  type FormState,
  type PageAction,
  unverifiedPage,
  verifiedPage,
  type VerifyNotice,
} from './link-page.js';

/**
 * What the two handlers of a short link share: the page a link's state calls for, the form read into the domain's
 * input, and the guard that turns an unexpected error into a plain page (logged with ids only, never the code).
 */

/** A form is a few fields; a bigger post is a mistake or abuse. */
const MAX_FORM_BYTES = 16 * 1024;

/** Where a post may come from: the public address, or the host the page was served from (the API's own URL). */
function ownOrigins(event: APIGatewayProxyEvent): string[] {
  const origins: string[] = [];
  try {
    origins.push(parsePublicAddress(process.env.SWCS_PUBLIC_URL ?? '').origin);
  } catch {
    // No public address configured: only the host itself.
  }
  const host = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'host')?.[1];
  if (host)
    origins.push(
      `https://${host}`,
      ...(/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host) ? [`http://${host}`] : []),
    );
  return origins;
}

/**
 * The form a page posted, if it is the page's own: a small url-encoded form (else 413/415) whose CSRF token and
 * origin are this page's (else 403). Otherwise the refusing page, which changes nothing.
 */
export function ownForm(
  event: APIGatewayProxyEvent,
  language: 'es' | 'en',
  code: string,
  cookies: readonly string[],
): { values: Record<string, string> } | APIGatewayProxyResult {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  const contentType =
    Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (
    Buffer.byteLength(raw) > MAX_FORM_BYTES ||
    !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType)
  ) {
    const { title, body } = forbiddenPostPage(language, code);
    return page(Buffer.byteLength(raw) > MAX_FORM_BYTES ? 413 : 415, language, title, body);
  }
  const values = formValues(raw);
  if (!postIsOwn(event, values.csrf, ownOrigins(event))) {
    const { title, body } = forbiddenPostPage(language, code);
    return page(403, language, title, body, {}, cookies);
  }
  return { values };
}

/** The page a link opens, or the plain 404/410 of a link that opens nothing. */
export async function linkAnswer(
  opening: Exclude<LinkOpening, { state: 'complaint' | 'confirmation' }>,
  csrf: string,
  cookies: readonly string[],
  options: { status?: number; notice?: VerifyNotice; state?: FormState } = {},
): Promise<APIGatewayProxyResult> {
  if (opening.state === 'closed') {
    const { title, body } = closedPage(opening.referral, opening.language, opening.last);
    return page(410, opening.language, title, body);
  }
  if (opening.state !== 'valid') {
    const { title, body } = deadLinkPage(opening.state);
    return page(opening.state === 'unknown' ? 404 : 410, 'es', title, body);
  }
  const status = options.status ?? 200;
  if (opening.verified) {
    const citizen = await citizenFor(opening);
    const { title, body } = verifiedPage(opening, csrf, citizen, options.state);
    return page(status, opening.language, title, body, {}, cookies);
  }
  const { title, body } = unverifiedPage(opening, csrf, options.notice);
  return page(status, opening.language, title, body, {}, cookies);
}

/** A page answer for anything unexpected: a 500 that says nothing, logged by kind only. */
export function guarded(
  run: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>,
): (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult> {
  return async (event) => {
    try {
      return await run(event);
    } catch (error) {
      logger.error('link page failed', { error: (error as Error).name, message: (error as Error).message });
      return page(500, 'es', 'Error', {
        html: '<h1>Algo salió mal</h1><section><p>No se pudo mostrar la página. Vuelva a intentarlo en unos minutos.</p></section>',
      });
    }
  };
}

/** The form's values, without empty ones (an empty field is a missing field). */
export function formValues(body: string): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(body)) {
    const trimmed = value.trim();
    if (trimmed !== '') values[name] = trimmed;
  }
  return values;
}

const reasonFrom = (values: Record<string, string>, prefix: string) => {
  const code = values[`${prefix}Code`];
  if (code === undefined) return undefined;
  const text = values[`${prefix}Text`];
  return { code, ...(text !== undefined ? { text } : {}) } as TransitionInput['reason'];
};

const booleanOf = (value: string | undefined) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** The domain's input from a posted answer: a reason, or the counter-referral with the protocol's fields. */
export function transitionInput(
  action: PageAction,
  values: Record<string, string>,
  customFields: readonly CustomField[],
): TransitionInput {
  if (action !== 'complete') {
    const reason = reasonFrom(values, 'reason');
    return reason ? { reason } : {};
  }
  const counterReferral: Record<string, unknown> = {};
  const put = (name: string, value: unknown) => {
    if (value !== undefined) counterReferral[name] = value;
  };
  put('assisted', booleanOf(values['cr.assisted']));
  put('outcome', values['cr.outcome']);
  put('dateServed', values['cr.dateServed']);
  put('note', values['cr.note']);
  put('reason', reasonFrom(values, 'cr.reason'));
  const kind = values['cr.benefitKind'];
  const amount = values['cr.benefitAmount'];
  const what = values['cr.benefitDescription'];
  if (kind !== undefined || amount !== undefined || what !== undefined) {
    // Left for the domain to judge: a missing kind or a cash amount left out is named by its field.
    put('benefit', {
      ...(kind !== undefined ? { kind } : {}),
      ...(amount !== undefined ? { amount: Number.isFinite(Number(amount)) ? Number(amount) : amount } : {}),
      ...(what !== undefined ? { description: what } : {}),
    });
  }
  for (const field of customFields) {
    const raw = values[`cf.${field.name}`];
    if (raw === undefined) continue;
    const number = Number(raw);
    put(
      field.name,
      field.type === 'number'
        ? Number.isFinite(number)
          ? number
          : raw
        : field.type === 'boolean'
          ? booleanOf(raw)
          : raw,
    );
  }
  return { counterReferral };
}

export type { OpenLink };

/** A citizen's link (a complainant's or a confirmation's) that no longer works: the plain Spanish page, 404 or 410. */
export function citizenLinkGone(state: 'unknown' | 'expired' | 'revoked'): APIGatewayProxyResult {
  const { title, body } = deadLinkPage(state, 'complaint');
  return page(state === 'unknown' ? 404 : 410, 'es', title, body);
}
