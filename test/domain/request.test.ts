import { describe, expect, it } from 'vitest';
import type { Caller } from '../../functions/model/caller.js';
import { AppError } from '../../functions/kernel/errors.js';
import {
  answerRequest,
  assignRequest,
  type CitizenRequest,
  classifyRequest,
  closeRequest,
  closeUnserved,
  markReferred,
  recordRequest,
  referralEnded,
} from '../../functions/domain/request.js';
import { RecordRequestBody } from '../../functions/http/schemas/requests.js';

const operator: Caller = { userId: 'uio.operador1', cantonId: 'quito', roles: ['operator'] };
const T0 = '2026-11-22T15:00:00.000Z';
const T1 = '2026-11-22T15:05:00.000Z';

function recorded(extra: Record<string, unknown> = {}): CitizenRequest {
  const input = RecordRequestBody.parse({
    channel: 'phone',
    citizen: { identification: 'national-id', nationalId: '1710034065' },
    contact: { phone: '+593991234567' },
    description: 'Su casa se inundó',
    consent: { dataSharing: 'given' },
    ...extra,
  });
  return recordRequest(input, {
    caller: operator,
    requestId: '01JDA6Z8Y3N5Q2W4E6R8T0Y2U4',
    now: T0,
    provisionalId: () => 'PRV-1',
  }).request;
}

const conflictMessage = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).statusCode).toBe(409);
    return (error as AppError).text.en;
  }
  throw new Error('expected a conflict');
};

describe('recording a request', () => {
  it('starts unclassified as received, with consent stamped by who recorded it and when', () => {
    const request = recorded();
    expect(request).toMatchObject({
      status: 'received',
      version: 1,
      urgency: 'normal',
      cantonId: 'quito',
      consent: { dataSharing: 'given', recordedAt: T0, recordedBy: 'uio.operador1' },
    });
    expect(request.reference).toBe('R8T0-Y2U4');
  });

  it('is classified at once when a classification comes with it', () => {
    const request = recorded({ classification: { category: 'urgent', subcategory: 'home-destroyed' } });
    expect(request.status).toBe('classified');
    expect(request.classification).toEqual({ category: 'urgent', subcategory: 'home-destroyed' });
  });

  it('gives a citizen without ID a provisional identity', () => {
    const input = RecordRequestBody.parse({
      channel: 'walk-in',
      citizen: { identification: 'provisional', name: { given: 'Ana', family: 'Pérez' }, nationality: 'VE' },
      contact: { email: 'ana@example.org' },
      description: 'Recién llegada, sin documentos',
      consent: { dataSharing: 'refused' },
    });
    const { request, event } = recordRequest(input, {
      caller: operator,
      requestId: '01JDA6Z8Y3N5Q2W4E6R8T0Y2U4',
      now: T0,
      provisionalId: () => 'PRV-01JDA',
    });
    expect(request.citizen).toMatchObject({ identification: 'provisional', provisionalId: 'PRV-01JDA' });
    expect(event.details).toMatchObject({ identification: 'provisional', consent: 'refused' });
    expect(JSON.stringify(event)).not.toContain('Pérez');
  });
});

describe('classifying and reclassifying', () => {
  it('classifies, then reclassifies keeping the earlier classification in the event', () => {
    const first = classifyRequest(
      recorded(),
      { category: 'urgent', subcategory: 'home-destroyed' },
      operator,
      T1,
    )!;
    expect(first.request).toMatchObject({ status: 'classified', version: 2, updatedAt: T1 });
    expect(first.event).toMatchObject({ action: 'classified', version: 2, by: { userId: 'uio.operador1' } });

    const second = classifyRequest(
      first.request,
      { category: 'special-needs', subcategory: 'gender-violence', note: 'Relató violencia' },
      operator,
      T1,
    )!;
    expect(second.request.classification).toEqual({
      category: 'special-needs',
      subcategory: 'gender-violence',
    });
    expect(second.event).toMatchObject({
      action: 'reclassified',
      details: {
        from: { category: 'urgent', subcategory: 'home-destroyed' },
        to: { category: 'special-needs', subcategory: 'gender-violence' },
      },
    });
  });

  it('has nothing to change when classified again under the same subcategory', () => {
    const request = recorded({ classification: { category: 'urgent', subcategory: 'home-destroyed' } });
    expect(
      classifyRequest(request, { category: 'urgent', subcategory: 'home-destroyed' }, operator, T1),
    ).toBeUndefined();
  });
});

describe('answering on the spot', () => {
  it('closes a general-information request with the answer given', () => {
    const request = recorded({
      classification: { category: 'general-information', subcategory: 'service-points' },
    });
    const { request: answered, event } = answerRequest(request, 'Atendemos de 8:00 a 17:00', operator, T1);
    expect(answered.status).toBe('answered');
    expect(answered.answer).toEqual({ text: 'Atendemos de 8:00 a 17:00', at: T1, by: 'uio.operador1' });
    expect(event.action).toBe('answered');
    expect(conflictMessage(() => answerRequest(answered, 'otra vez', operator, T1))).toMatch(
      /status: answered/,
    );
    expect(
      conflictMessage(() =>
        classifyRequest(answered, { category: 'urgent', subcategory: 'home-destroyed' }, operator, T1),
      ),
    ).toMatch(/answered/);
  });

  it('refuses to answer a request of another category, naming it', () => {
    const request = recorded({ classification: { category: 'urgent', subcategory: 'home-destroyed' } });
    expect(conflictMessage(() => answerRequest(request, 'x', operator, T1))).toMatch(
      /current category: urgent/,
    );
  });
});

describe('assigning to an SWCS officer', () => {
  it('needs a classification first', () => {
    expect(conflictMessage(() => assignRequest(recorded(), 'uio.tecnica1', operator, T1))).toMatch(
      /Classify/,
    );
  });

  it('assigns, reassigns with the previous officer in the event, and has nothing to change for the same officer', () => {
    const request = recorded({ classification: { category: 'urgent', subcategory: 'home-destroyed' } });
    const first = assignRequest(request, 'uio.tecnica1', operator, T1)!;
    expect(first.request).toMatchObject({ status: 'assigned', assignedOfficer: 'uio.tecnica1' });
    const second = assignRequest(first.request, 'uio.tecnico2', operator, T1, 'carga de trabajo')!;
    expect(second.event).toMatchObject({
      action: 'reassigned',
      details: { from: 'uio.tecnica1', to: 'uio.tecnico2', note: 'carga de trabajo' },
    });
    expect(assignRequest(second.request, 'uio.tecnico2', operator, T1)).toBeUndefined();
  });
});

describe('when a referral ends without serving the citizen', () => {
  const officer: Caller = { userId: 'uio.tecnica1', cantonId: 'quito', roles: ['swcs-officer'] };
  const contact: Caller = { userId: 'dorados.lucia', cantonId: 'quito', roles: ['contact-officer'] };
  const referred = () =>
    markReferred(
      recorded({ classification: { category: 'urgent', subcategory: 'home-destroyed' } }),
      'REF-1',
      officer,
      T1,
    ).request;

  it('puts the request back in a queue as needs-referral, the history naming the referral, outcome and reason', () => {
    const change = referralEnded(
      referred(),
      { referralId: 'REF-1', outcome: 'rejected', reasonCode: 'no-capacity', otherReferralOpen: false },
      contact,
      T1,
    );
    expect(change?.request.status).toBe('needs-referral');
    expect(change?.event).toMatchObject({
      action: 'referral-ended',
      by: { userId: 'dorados.lucia' },
      details: {
        referralId: 'REF-1',
        outcome: 'rejected',
        reason: 'no-capacity',
        status: { from: 'referred', to: 'needs-referral' },
      },
    });
    // From there it can be referred again, escalated or closed.
    const back = change?.request as CitizenRequest;
    expect(markReferred(back, 'REF-2', officer, T1).request.status).toBe('referred');
    expect(closeUnserved(back, { code: 'citizen-declined' }, officer, T1).request).toMatchObject({
      status: 'closed',
      closure: { by: 'uio.tecnica1', reason: { code: 'citizen-declined' } },
    });
  });

  it('keeps the request referred while another referral is open, and still records the end', () => {
    const change = referralEnded(
      referred(),
      { referralId: 'REF-1', outcome: 'cancelled', reasonCode: 'duplicate', otherReferralOpen: true },
      officer,
      T1,
    );
    expect(change?.request.status).toBe('referred');
    expect(change?.event.details).toEqual({
      referralId: 'REF-1',
      outcome: 'cancelled',
      reason: 'duplicate',
      otherReferralOpen: true,
    });
  });

  it('leaves an escalated request with the national level, and an answered or closed one alone', () => {
    const escalated = { ...referred(), status: 'escalated' as const };
    const ended = { referralId: 'REF-1', outcome: 'failed' as const, otherReferralOpen: false };
    expect(referralEnded(escalated, ended, contact, T1)?.request.status).toBe('escalated');
    const closed = closeRequest(referred(), 'REF-9', true, contact, T1).request;
    expect(referralEnded(closed, ended, contact, T1)).toBeUndefined();
  });

  it('reopens a request its completion closed when that referral is entered in error', () => {
    const closed = closeRequest(referred(), 'REF-1', true, contact, T1).request;
    const change = referralEnded(
      closed,
      {
        referralId: 'REF-1',
        outcome: 'entered-in-error',
        reasonCode: 'duplicate',
        otherReferralOpen: false,
        reopens: true,
      },
      officer,
      T1,
    );
    expect(change?.request.status).toBe('needs-referral');
    expect(change?.event.details).toMatchObject({
      reopened: true,
      status: { from: 'closed', to: 'needs-referral' },
    });
  });

  it('refuses to close a request with an open referral or at the national level', () => {
    expect(conflictMessage(() => closeUnserved(referred(), { code: 'duplicate' }, officer, T1))).toMatch(
      /open referral/,
    );
    expect(
      conflictMessage(() =>
        closeUnserved({ ...referred(), status: 'escalated' }, { code: 'duplicate' }, officer, T1),
      ),
    ).toMatch(/national/);
  });
});
