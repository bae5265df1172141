import { checkedFetch } from './conformance.js';
import type { LocalRuntime } from '../../lib/local/runtime.js';

/**
 * A phone's browser, as far as the short link pages need one: a cookie jar, forms posted as a browser posts them
 * (with its Origin), redirects seen rather than followed, and every answer checked against /openapi.json.
 */
export interface PageAnswer {
  readonly status: number;
  readonly text: string;
  readonly headers: Headers;
}

export class LinkBrowser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly rt: Pick<LocalRuntime, 'url'>) {}

  private keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', ...value] = pair.split('=');
      this.cookies.set(name.trim(), value.join('='));
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Opens a page; `headers` are sent besides the cookies. */
  async open(path: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
    const response = await checkedFetch(`${this.rt.url}${path}`, {
      headers: { ...headers, cookie: this.cookieHeader() },
      redirect: 'manual',
    });
    this.keep(response);
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  /** Posts a form; `csrf` is taken from the last page unless given (null: left out). */
  async post(
    path: string,
    fields: Record<string, string>,
    options: {
      csrf?: string | null;
      origin?: string | null;
      contentType?: string;
      headers?: Record<string, string>;
    } = {},
  ): Promise<PageAnswer> {
    const form = new URLSearchParams(fields);
    const csrf = options.csrf === undefined ? this.cookies.get('swcs_link_csrf') : options.csrf;
    if (csrf !== null && csrf !== undefined) form.set('csrf', csrf);
    const origin = options.origin === undefined ? new URL(this.rt.url).origin : options.origin;
    const response = await checkedFetch(`${this.rt.url}${path}`, {
      method: 'POST',
      headers: {
        ...options.headers,
        cookie: this.cookieHeader(),
        'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
        ...(origin ? { origin } : {}),
      },
      body: form.toString(),
      redirect: 'manual',
    });
    this.keep(response);
    return { status: response.status, text: await response.text(), headers: response.headers };
  }
}

/** The path of the short link in the newest message to `to` about `reference`. */
export function linkPathIn(rt: Pick<LocalRuntime, 'sns'>, reference: string, to: string): string | undefined {
  const message = rt.sns.outbox({ referral: reference }).find((m) => m.to === to);
  const url = message?.message.match(/https?:\/\/\S+\/r\/[0-9A-Za-z]{11}/)?.[0];
  return url ? new URL(url).pathname : undefined;
}

/** The newest verification code sent to `to`, read from the outbox as the officer reads their phone. */
export function verificationCodeFor(rt: Pick<LocalRuntime, 'sns'>, to: string): string | undefined {
  const message = rt.sns.outbox().find((m) => m.to === to && /verificaci|verification/.test(m.message));
  return message?.message.match(/\b(\d{6})\b/)?.[1];
}

export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
