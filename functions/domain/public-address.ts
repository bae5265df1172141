import { LINK_CODE_LENGTH } from './link.js';
import { MAX_SMS_URL_LENGTH } from './notifications.js';

/**
 * The single window's public address (`SWCS_PUBLIC_URL`): where people reached by a notice go to act. Messages
 * carry a **short link** at the address's origin, `<scheme>://<host>/r/<code>` (the recipient's own link code,
 * domain/link.ts), whatever path the address has (`https://ventanillaunica.inclusion.gob.ec/derivaciones` links as
 * `https://ventanillaunica.inclusion.gob.ec/r/4fK9xQ2mZ7a`): a one-segment SMS has room for about 50 characters of
 * link, and a ministry's address with a path does not fit in it. Whoever publishes the address routes `/r/` at its
 * origin to the single window.
 *
 * Checked once, where the address is configured (`npm start`, `cdk synth`), so that no referral ever fails at its
 * first notice for it.
 */
export const SHORT_LINK_PATH = '/r/';

/** The longest origin whose short links fit an SMS. */
export const MAX_PUBLIC_ORIGIN_LENGTH = MAX_SMS_URL_LENGTH - SHORT_LINK_PATH.length - LINK_CODE_LENGTH;

export interface PublicAddress {
  /** The address as configured, without a trailing slash. */
  readonly url: string;
  /** Scheme, host and port: what short links start with. */
  readonly origin: string;
}

export class PublicAddressError extends Error {
  override readonly name = 'PublicAddressError';
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Validates a public address, or throws a PublicAddressError saying what is wrong and what would do. */
export function parsePublicAddress(value: string, setting = 'SWCS_PUBLIC_URL'): PublicAddress {
  const problem = (why: string) =>
    new PublicAddressError(
      `${setting} "${value}" ${why}. It must be the single window's public address, e.g. ` +
        'https://ventanillaunica.inclusion.gob.ec (its short links /r/<code> are put in every SMS).',
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem('is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw problem('must start with https://');
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw problem('must use https:// (plain http only for this machine: localhost, 127.0.0.1)');
  }
  if (url.username || url.password) throw problem('must not carry a user name or password');
  if (url.search || url.hash) throw problem('must not have a query (?) or a fragment (#)');
  // URL() turns an international domain name into its ASCII (punycode) form, which is what an SMS can carry.
  if (!/^[\x21-\x7e]+$/.test(url.origin)) throw problem('must be plain ASCII');
  if (url.origin.length > MAX_PUBLIC_ORIGIN_LENGTH) {
    throw problem(
      `has an origin of ${url.origin.length} characters (${url.origin}); short links fit a one-segment SMS ` +
        `only from an origin of at most ${MAX_PUBLIC_ORIGIN_LENGTH}`,
    );
  }
  return { url: url.href.replace(/\/+$/, ''), origin: url.origin };
}

/** A recipient's short link to a referral, for a notice: the link code, never the referral's own reference. */
export const shortLink = (address: PublicAddress, code: string) =>
  `${address.origin}${SHORT_LINK_PATH}${code}`;
