import { describe, expect, it } from 'vitest';
import { LINK_CODE_LENGTH } from '../../functions/domain/link.js';
import { MAX_SMS_URL_LENGTH } from '../../functions/domain/notifications.js';
import {
  MAX_PUBLIC_ORIGIN_LENGTH,
  PublicAddressError,
  parsePublicAddress,
  shortLink,
} from '../../functions/domain/public-address.js';

/** The public address notices link to: checked where it is configured, so no referral fails at its first notice. */
describe('the public address', () => {
  it('takes a ministry address with a path and links at its origin, inside the SMS budget', () => {
    const address = parsePublicAddress('https://ventanillaunica.inclusion.gob.ec/derivaciones/');
    expect(address.url).toBe('https://ventanillaunica.inclusion.gob.ec/derivaciones');
    const link = shortLink(address, '4fK9xQ2mZ7a');
    expect(link).toBe('https://ventanillaunica.inclusion.gob.ec/r/4fK9xQ2mZ7a');
    expect(shortLink(address, 'X'.repeat(LINK_CODE_LENGTH)).length).toBeLessThanOrEqual(MAX_SMS_URL_LENGTH);
  });

  it('takes this machine over plain http, with its port', () => {
    expect(shortLink(parsePublicAddress('http://127.0.0.1:4123'), '4fK9xQ2mZ7a')).toBe(
      'http://127.0.0.1:4123/r/4fK9xQ2mZ7a',
    );
    expect(parsePublicAddress('http://localhost:4000').origin).toBe('http://localhost:4000');
  });

  it('turns an international domain name into the ASCII an SMS can carry', () => {
    expect(parsePublicAddress('https://inclusión.gob.ec').origin).toBe('https://xn--inclusin-13a.gob.ec');
  });

  const refused: [string, RegExp][] = [
    ['', /not an absolute URL/],
    ['ventanillaunica.inclusion.gob.ec', /not an absolute URL/],
    ['ftp://inclusion.gob.ec', /must start with https/],
    ['http://inclusion.gob.ec', /must use https/],
    ['https://user:secret@inclusion.gob.ec', /user name or password/],
    ['https://inclusion.gob.ec/?canton=quito', /query/],
    ['https://inclusion.gob.ec/#inicio', /fragment/],
    [
      `https://${'ventanilla-unica-de-servicios.'.repeat(2)}gob.ec`,
      new RegExp(`at most ${MAX_PUBLIC_ORIGIN_LENGTH}`),
    ],
  ];
  for (const [value, why] of refused) {
    it(`refuses "${value}", saying why`, () => {
      expect(() => parsePublicAddress(value)).toThrow(PublicAddressError);
      expect(() => parsePublicAddress(value)).toThrow(why);
      expect(() => parsePublicAddress(value)).toThrow(/SWCS_PUBLIC_URL/);
    });
  }
});
