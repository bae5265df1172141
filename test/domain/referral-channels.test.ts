import { describe, expect, it } from 'vitest';
import {
  channelFor,
  logChanged,
  logMessage,
  planChannels,
  productDay,
} from '../../functions/domain/referral-channels.js';

/** The channel rule of a referral's messages: one SMS per recipient, referral and product day at most. */
const lorena = { userId: 'uio.enlace.lcaiza', channel: 'sms', email: 'lcaiza@psj.example.org' } as const;
const smsOnly = { userId: 'uio.enlace.sms', channel: 'sms' } as const;
const byMail = { userId: 'uio.coordinacion', channel: 'email', email: 'coord@quito.example.org' } as const;

// 2026-12-02 09:00 in Quito (UTC-5).
const morning = new Date('2026-12-02T14:00:00Z');

describe('the first message of a referral to someone', () => {
  it('goes on the channel they prefer', () => {
    expect(channelFor(lorena, undefined, morning)).toBe('sms');
    expect(channelFor(smsOnly, {}, morning)).toBe('sms');
    expect(channelFor(byMail, undefined, morning)).toBe('email');
  });
});

describe('a later message of the same referral', () => {
  it('goes by e-mail to someone who prefers SMS but has an address, even on another day', () => {
    const log = logMessage(undefined, lorena.userId, 'sms', morning);
    expect(channelFor(lorena, log, new Date('2026-12-02T15:00:00Z'))).toBe('email');
    expect(channelFor(lorena, log, new Date('2026-12-09T15:00:00Z'))).toBe('email');
  });

  it('goes by SMS to someone with no address only on a product day they had no SMS of it', () => {
    const log = logMessage(undefined, smsOnly.userId, 'sms', morning);
    expect(channelFor(smsOnly, log, new Date('2026-12-02T20:00:00Z'))).toBeUndefined();
    expect(channelFor(smsOnly, log, new Date('2026-12-03T14:00:00Z'))).toBe('sms');
  });

  it('counts days in Guayaquil time, not UTC: 23:30 and 00:30 in Quito are two days', () => {
    // 2026-12-02 23:30 in Quito is already 2026-12-03 in UTC; 19:30 the same evening is still the 2nd in UTC.
    const lateEvening = new Date('2026-12-03T04:30:00Z');
    const afterMidnight = new Date('2026-12-03T05:30:00Z');
    expect(productDay(lateEvening)).toBe('2026-12-02');
    expect(productDay(afterMidnight)).toBe('2026-12-03');
    const log = logMessage(undefined, smsOnly.userId, 'sms', new Date('2026-12-03T00:30:00Z'));
    expect(channelFor(smsOnly, log, lateEvening)).toBeUndefined();
    expect(channelFor(smsOnly, log, afterMidnight)).toBe('sms');
  });

  it('to someone told only by e-mail before is still the first SMS of the day', () => {
    const log = logMessage(undefined, smsOnly.userId, 'email', morning);
    expect(channelFor(smsOnly, log, morning)).toBe('sms');
  });
});

describe('a step that names the same person twice', () => {
  it('sends them one SMS, then e-mail or nothing', () => {
    const plan = planChannels([lorena, smsOnly, lorena, smsOnly, byMail], undefined, morning);
    expect(plan.sends.map((s) => [s.recipient.userId, s.channel])).toEqual([
      [lorena.userId, 'sms'],
      [smsOnly.userId, 'sms'],
      [lorena.userId, 'email'],
      [byMail.userId, 'email'],
    ]);
    expect(plan.held).toEqual([smsOnly]);
    // People who prefer e-mail need no record: the answer for them is always e-mail.
    expect(plan.log).toEqual({
      [lorena.userId]: { smsDay: '2026-12-02' },
      [smsOnly.userId]: { smsDay: '2026-12-02' },
    });
  });

  it('over a whole day never gives anyone a second SMS', () => {
    let log = {};
    let sms = 0;
    for (let hour = 0; hour < 24; hour++) {
      const at = new Date(Date.parse('2026-12-02T05:00:00Z') + hour * 3_600_000);
      const plan = planChannels([lorena, smsOnly], log, at);
      sms += plan.sends.filter((s) => s.channel === 'sms').length;
      log = plan.log;
    }
    expect(sms).toBe(2);
  });
});

describe('the log', () => {
  it('changes only when a message is recorded for someone who prefers SMS', () => {
    const log = logMessage(undefined, lorena.userId, 'sms', morning);
    expect(logChanged(log, planChannels([lorena, byMail], log, morning).log)).toBe(false);
    expect(logChanged(undefined, planChannels([byMail], undefined, morning).log)).toBe(false);
    expect(logChanged(log, planChannels([smsOnly], log, morning).log)).toBe(true);
  });
});
