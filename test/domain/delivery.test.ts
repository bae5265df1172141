import { describe, expect, it } from 'vitest';
import { channelAfterOptOut } from '../../functions/domain/delivery.js';

describe('a number that opted out of SMS', () => {
  it('is reached by e-mail when an address is known', () => {
    expect(channelAfterOptOut({ channel: 'sms', email: 'lucia@dorados.example.org' })).toBe('email');
  });
  it('cannot be reached without one: the caller records a failure', () => {
    expect(channelAfterOptOut({ channel: 'sms' })).toBeUndefined();
    expect(channelAfterOptOut({ channel: 'sms', email: '' })).toBeUndefined();
  });
  it('concerns SMS only', () => {
    expect(channelAfterOptOut({ channel: 'email', email: 'x@example.org' })).toBeUndefined();
  });
});
