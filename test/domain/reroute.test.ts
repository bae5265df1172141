import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/kernel/errors.js';
import type { Service } from '../../functions/domain/catalogue.js';
import { parseProtocolDefinition, type ProtocolDefinition } from '../../functions/domain/protocol.js';
import {
  createReferral,
  fireTimer,
  type Referral,
  transitionReferral,
  WORKFLOW_ACTOR,
} from '../../functions/domain/referral.js';
import {
  alternativesFor,
  automaticChoice,
  breachActionOf,
  ladderExhausted,
  rerouteOld,
  stuckReasonOf,
  whyStuck,
} from '../../functions/domain/reroute.js';
import { ECUADOR_NATIONAL_HOLIDAYS_2026 } from '../support/holidays.js';

const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const officer = { userId: 'uio.tecnica1', roles: ['swcs-officer'] };
const contact = { userId: 'ana.perez', roles: ['contact-officer'] };
const NOW = '2026-11-23T14:00:00.000Z';

function protocol(extra: Record<string, unknown> = {}): ProtocolDefinition {
  const parsed = parseProtocolDefinition({
    subcategory: { category: 'special-needs', subcategory: 'older-adults' },
    handledBy: 'swcs-officer',
    eligibleServiceIds: [],
    deadlines: { acknowledgement: hours(2), counterReferral: hours(48) },
    reminders: { acknowledgement: [], counterReferral: [] },
    escalation: {
      acknowledgement: [
        { after: hours(1), notify: { role: 'canton-coordinator' } },
        { after: hours(2), notify: { role: 'national-coordinator' } },
      ],
      counterReferral: [{ after: hours(1), notify: { role: 'national-coordinator' } }],
    },
    counterReferral: { requiredFields: ['assisted', 'outcome'] },
    validity: { from: '2026-01-01' },
    indicators: [{ id: 'escalation-rate' }],
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

function referral(definition = protocol(), extra: Partial<Parameters<typeof createReferral>[0]> = {}) {
  return createReferral(
    {
      cantonId: 'quito',
      requestId: '01M8RQNPMQ9787HZ2HBTR40P1Z',
      service: { cantonId: 'quito', serviceId: 'dia-a', organizationId: 'dorados', name: 'Centro A' },
      contactOfficers: [{ id: 'ana', userId: 'ana.perez', preferredChannel: 'sms', language: 'es' }],
      spot: 'reserved',
      protocol: { cantonId: 'quito', version: 1, definition },
      calendar: { timeZone: 'America/Guayaquil', holidays: ECUADOR_NATIONAL_HOLIDAYS_2026 },
      ...extra,
    },
    { actor: officer, referralId: '01M8RQNR63E4662TDQN9R9T63K', now: NOW },
  ).referral;
}

/** Fires every acknowledgement timer of the referral, in order. */
function ladderRunOut(r: Referral): Referral {
  let current = r;
  for (const [i, timer] of r.schedule.acknowledgement.entries()) {
    current = fireTimer(current, 'acknowledgement', i, timer.at)!.referral;
  }
  return current;
}

const service = (id: string, organizationId: string, extra: Partial<Service> = {}) =>
  ({
    id,
    organizationId,
    name: id,
    status: 'active',
    serves: [{ category: 'special-needs', subcategory: 'older-adults' }],
    capacity: { total: 5, available: 2, waitlist: false },
    contactOfficerIds: ['x'],
    ...extra,
  }) as unknown as Service;

const to = {
  referralId: '01M8RSB1QW7E2KJ5X9D4T0ZC3H',
  reference: 'T0ZC-3HQW',
  serviceId: 'dia-b',
  serviceName: 'B',
};

describe('a stuck referral', () => {
  it('is one whose acknowledgement ladder ran out unanswered', () => {
    const r = referral();
    expect(ladderExhausted(r)).toBe(false);
    const firstStep = fireTimer(r, 'acknowledgement', 0, NOW)!.referral;
    expect(whyStuck(firstStep)).toBeUndefined();
    const out = ladderRunOut(r);
    expect(ladderExhausted(out)).toBe(true);
    expect(whyStuck(out)).toBe('deadline-expired');
    // An acknowledgement, even late, unsticks it.
    const late = transitionReferral(
      out,
      'acknowledge',
      {},
      { actor: contact, relation: 'contact-officer', now: NOW },
    );
    expect(whyStuck(late.referral)).toBeUndefined();
  });

  it('or one the provider rejected for no capacity or outside its area, not for the citizen', () => {
    const reject = (code: string) =>
      transitionReferral(
        referral(),
        'reject',
        { reason: { code } as never },
        {
          actor: contact,
          relation: 'contact-officer',
          now: NOW,
        },
      ).referral;
    expect(whyStuck(reject('no-capacity'))).toBe('no-capacity');
    expect(whyStuck(reject('outside-service-area'))).toBe('outside-service-area');
    for (const code of ['not-eligible', 'missing-documents', 'safety-risk', 'citizen-declined']) {
      expect(whyStuck(reject(code))).toBeUndefined();
    }
  });

  it('follows its protocol: notify by default, re-route when it says so; anything else is refused', () => {
    expect(breachActionOf(referral())).toBe('notify');
    expect(breachActionOf(referral(protocol({ onBreach: 're-route' })))).toBe('re-route');
    const wrong = parseProtocolDefinition({ ...protocol(), onBreach: 'escalate' });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.problems.map((p) => p.field)).toEqual(['onBreach']);
  });
});

describe('re-routing the old referral', () => {
  it('cancels a referral whose ladder ran out with deadline-expired, releasing its spot, and links it', () => {
    const out = ladderRunOut(referral());
    const result = rerouteOld(out, to, {
      actor: officer,
      relation: 'referring-officer',
      now: NOW,
      automatic: false,
    });
    expect(result.referral).toMatchObject({
      status: 'cancelled',
      reason: { code: 'deadline-expired' },
      spot: 'released',
      reroutedTo: { ...to, by: 'uio.tecnica1', automatic: false, at: NOW },
      version: out.version + 1,
    });
    expect(result.spot).toBe('release');
    expect(result.workflow).toEqual({ phase: 'acknowledgement', outcome: 'closed' });
    expect(result.event).toMatchObject({ action: 'cancelled', details: { reroutedTo: to.referralId } });
    expect(stuckReasonOf(result.referral)).toBe('deadline-expired');
    // Once only.
    expect(() =>
      rerouteOld(result.referral, to, {
        actor: officer,
        relation: 'referring-officer',
        now: NOW,
        automatic: false,
      }),
    ).toThrow(/ya fue re-derivada|already re-routed/);
  });

  it('keeps a rejection as it is, with nothing to release or answer', () => {
    const rejected = transitionReferral(
      referral(),
      'reject',
      { reason: { code: 'no-capacity' } },
      {
        actor: contact,
        relation: 'contact-officer',
        now: NOW,
      },
    ).referral;
    const result = rerouteOld(rejected, to, {
      actor: WORKFLOW_ACTOR,
      relation: 'coordinator',
      now: NOW,
      automatic: true,
    });
    expect(result.referral).toMatchObject({
      status: 'rejected',
      reason: { code: 'no-capacity' },
      spot: 'released',
    });
    expect(result.spot).toBeUndefined();
    expect(result.workflow).toBeUndefined();
    expect(result.event).toMatchObject({
      action: 're-routed',
      details: { reroutedTo: to.referralId, automatic: true, reason: 'no-capacity' },
    });
    expect(stuckReasonOf(result.referral)).toBe('no-capacity');
  });

  it('is for the referring officer or a coordinator, and only for a stuck referral', () => {
    const out = ladderRunOut(referral());
    const ctx = { actor: contact, relation: 'contact-officer' as const, now: NOW, automatic: false };
    expect(() => rerouteOld(out, to, ctx)).toThrow(AppError);
    try {
      rerouteOld(out, to, ctx);
    } catch (error) {
      expect((error as AppError).statusCode).toBe(403);
    }
    try {
      rerouteOld(referral(), to, { ...ctx, actor: officer, relation: 'referring-officer' });
    } catch (error) {
      expect((error as AppError).statusCode).toBe(409);
    }
  });
});

describe('the next services', () => {
  it('are active, with a spot now, someone to receive them, and not tried by the chain; eligible and untried first', () => {
    const r = {
      ...referral(),
      citizenProfile: { age: 60 },
      reroutedFrom: [
        { referralId: 'R0', reference: 'AAAA-0000', serviceId: 'dia-old', organizationId: 'amparo' },
      ],
    };
    const candidates = [
      service('dia-a', 'dorados'), // the referral's own service
      service('dia-old', 'amparo'), // the chain's earlier one
      service('dia-a2', 'dorados'), // same provider as the referral
      service('dia-65', 'esperanza', { eligibility: { attribute: 'age', op: 'gte', value: 65 } } as never),
      service('dia-full', 'esperanza', { capacity: { total: 5, available: 0, waitlist: true } }),
      service('dia-off', 'esperanza', { status: 'inactive' } as never),
      service('dia-nobody', 'esperanza', { contactOfficerIds: [] }),
      service('dia-amparo2', 'amparo'), // a provider the chain tried before
      service('dia-new', 'nueva'),
    ];
    const alternatives = alternativesFor(r, candidates, undefined);
    expect(alternatives.map((a) => [a.service.id, a.eligible, a.providerTried])).toEqual([
      ['dia-new', true, false],
      ['dia-a2', true, true],
      ['dia-amparo2', true, true],
      ['dia-65', false, false],
    ]);
    expect(alternatives[3]?.unmet[0]?.text.es).toMatch(/65/);
    expect(automaticChoice(alternatives)?.service.id).toBe('dia-new');
    // Never twice to the same provider: without a new one, nothing is chosen on its own.
    expect(automaticChoice(alternatives.filter((a) => a.service.id !== 'dia-new'))).toBeUndefined();
  });

  it("check the protocol's own rule too, on what the referral kept of the citizen", () => {
    const rule = { attribute: 'age', op: 'gte', value: 65 } as const;
    const [open] = alternativesFor(referral(), [service('dia-new', 'nueva')], rule as never);
    expect(open?.eligible).toBe(false);
    const known = alternativesFor(
      { ...referral(), citizenProfile: { age: 70 } },
      [service('dia-new', 'nueva')],
      rule as never,
    );
    expect(known[0]?.eligible).toBe(true);
  });
});
