import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { SECURITY_HEADERS } from '../headers.js';

/**
 * What every server-rendered page shares: escaping, the layout with its one small style sheet (no script at all),
 * the answer's headers, the cookies and the CSRF check. Pages are for people on cheap phones: small (well under
 * 30 KB), readable at 360 px, with labels on every field and targets of at least 48 px.
 */

export type Html = { readonly html: string };

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/** A template whose interpolations are escaped unless they are already Html. */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'object' && 'html' in (value as Html)) return (value as Html).html;
  return escape(String(value));
}

const STYLE = `*{box-sizing:border-box}body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#f4f6f8}
header{background:#0b4f8a;color:#fff;padding:.75rem 1rem}header p{margin:0;font-weight:600}
main{max-width:36rem;margin:0 auto;padding:1rem}h1{font-size:1.375rem;line-height:1.3;margin:.25rem 0 1rem}h2{font-size:1.125rem;margin:1.5rem 0 .5rem}section>h2:first-child{margin-top:0}
section,details{background:#fff;border:1px solid #c9d1d9;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
dl{margin:0;display:grid;grid-template-columns:minmax(6rem,auto) 1fr;gap:.25rem .75rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
label,legend{display:block;font-weight:600;margin:.75rem 0 .25rem}fieldset{border:0;padding:0;margin:0}
input,select,textarea{width:100%;min-height:3rem;font:inherit;padding:.5rem .75rem;border:2px solid #5a6570;border-radius:.375rem;background:#fff;color:#1b1b1b}
textarea{min-height:5rem}input[type=radio]{width:1.5rem;min-height:1.5rem;margin:0 .5rem 0 0;vertical-align:middle}
.choice{display:flex;align-items:center;min-height:3rem;font-weight:400;margin:0}
button{width:100%;min-height:3rem;margin-top:1rem;font:inherit;font-weight:600;border-radius:.5rem;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#0b4f8a}summary{min-height:3rem;display:flex;align-items:center;font-weight:600;color:#0b4f8a;cursor:pointer}
:focus-visible{outline:3px solid #e8a100;outline-offset:2px}a{color:#0b4f8a}
.alert{border-left:.375rem solid #a4000f;background:#fff3f3;padding:.75rem 1rem;margin:0 0 1rem}.ok{border-left-color:#1d6b2f;background:#eefaf0}
.error{color:#a4000f;font-weight:600;margin:.25rem 0 0}[aria-invalid=true]{border-color:#a4000f}.req{color:#a4000f}.hint{color:#4a545e;font-size:.9375rem;margin:.25rem 0 0}`;

export function layout(options: { language: 'es' | 'en'; title: string; body: Html }): string {
  const { language, title, body } = options;
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="same-origin"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${
    h`<header>
        <p>${language === 'es' ? 'Ventanilla Única de Servicios' : 'Single Window for Citizen Services'}</p>
      </header>
      <main>${body}</main>`.html
  }</body></html>`;
}

/**
 * A page's answer. No script may run and nothing may frame the page (CSP); forms post only to the page itself;
 * never cached, and its address (which holds the link code) is never sent as referrer to another site. (With
 * no-referrer a browser would post its forms with `Origin: null`, which the origin check refuses.)
 */
export function page(
  statusCode: number,
  language: 'es' | 'en',
  title: string,
  body: Html,
  headers: Readonly<Record<string, string>> = {},
  cookies: readonly string[] = [],
): APIGatewayProxyResult {
  return {
    statusCode,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': 'text/html; charset=utf-8',
      'content-language': language,
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
      ...headers,
    },
    ...(cookies.length > 0 ? { multiValueHeaders: { 'set-cookie': [...cookies] } } : {}),
    body: layout({ language, title, body }),
  };
}

export const redirect = (location: string, cookies: readonly string[] = []): APIGatewayProxyResult => ({
  statusCode: 303,
  headers: { ...SECURITY_HEADERS, location, 'content-type': 'text/html; charset=utf-8' },
  ...(cookies.length > 0 ? { multiValueHeaders: { 'set-cookie': [...cookies] } } : {}),
  body: '',
});

// ---- Cookies ----

export const SESSION_COOKIE = 'swcs_link_session';
export const CSRF_COOKIE = 'swcs_link_csrf';
/** Only the short links' pages receive the cookies. */
const COOKIE_PATH = '/r/';

export function cookieOf(event: APIGatewayProxyEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const raw = Object.entries(headers)
    .filter(([k]) => k.toLowerCase() === 'cookie')
    .map(([, v]) => v ?? '')
    .join(';');
  for (const part of raw.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), Secure (HTTPS only; browsers treat localhost as secure), SameSite=Lax: sent
 * when the officer taps the link in an SMS or e-mail app (a cross-site navigation, which Strict would strip), never
 * with a form another site posts.
 */
export const cookie = (name: string, value: string, maxAgeSeconds: number) =>
  `${name}=${value}; Path=${COOKIE_PATH}; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`;

/** The CSRF token of this browser: the cookie's value, or a new one to set with the page. */
export function csrfToken(event: APIGatewayProxyEvent): { token: string; setCookie?: string } {
  const current = cookieOf(event, CSRF_COOKIE);
  if (current && /^[A-Za-z0-9_-]{43}$/.test(current)) return { token: current };
  const token = randomBytes(32).toString('base64url');
  return { token, setCookie: cookie(CSRF_COOKIE, token, 12 * 3600) };
}

/**
 * A form's post is this page's own: its hidden token equals this browser's CSRF cookie (a double-submitted token:
 * another site can make the browser send the cookie, but can neither read it nor put it in the form), and a
 * browser that says where the post comes from names this very origin.
 */
export function postIsOwn(
  event: APIGatewayProxyEvent,
  formToken: string | undefined,
  origins: readonly string[],
) {
  const header = (name: string) =>
    Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? undefined;
  const origin = header('origin');
  if (origin !== undefined && origin !== 'null' && !origins.includes(origin)) return false;
  if (origin === 'null') return false;
  const site = header('sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const cookieToken = cookieOf(event, CSRF_COOKIE);
  if (!formToken || !cookieToken) return false;
  const a = Buffer.from(formToken);
  const b = Buffer.from(cookieToken);
  return a.length === b.length && timingSafeEqual(a, b);
}
