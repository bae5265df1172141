import { describe, expect, it } from 'vitest';
import { AppError } from '../../functions/kernel/errors.js';
import type { WorkingCalendar } from '../../functions/domain/deadlines.js';
import { ECUADOR_NATIONAL_HOLIDAYS_2026 } from '../support/holidays.js';
import { parseProtocolDefinition, type ProtocolDefinition } from '../../functions/domain/protocol.js';
import {
  allowedTransitions,
  type ContactOfficerSnapshot,
  createReferral,
  type CreateReferralInput,
  fireTimer,
  phaseOutcome,
  REASON_CODES,
  REASON_LABELS,
  type Referral,
  type ReferralStatus,
  type Relation,
  relationsOf,
  snapshotContactOfficers,
  TERMINAL_STATUSES,
  type TransitionInput,
  type TransitionName,
  transitionReferral,
  TRANSITIONS,
} from '../../functions/domain/referral.js';
import type { Actor } from '../../functions/domain/request.js';

type Json = Record<string, any>;

const quito: WorkingCalendar = { timeZone: 'America/Guayaquil', holidays: ECUADOR_NATIONAL_HOLIDAYS_2026 };
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const workingDays = (amount: number) => ({ amount, unit: 'working-days' as const });

/** Older adults: a home visit must be reported, with how many visits and when the next one is. */
function protocol(): ProtocolDefinition {
  const p: Json = {
    subcategory: { category: 'special-needs', subcategory: 'older-adults' },
    handledBy: 'swcs-officer',
    eligibleServiceIds: ['centro-gerontologico'],
    deadlines: { acknowledgement: workingDays(2), counterReferral: workingDays(10) },
    reminders: { acknowledgement: [hours(4)], counterReferral: [workingDays(1)] },
    escalation: {
      acknowledgement: [
        { after: hours(4), notify: { role: 'supervisor' } },
        { after: workingDays(3), notify: { role: 'national-coordinator' } },
      ],
      counterReferral: [{ after: workingDays(2), notify: { role: 'national-coordinator' } }],
    },
    counterReferral: {
      requiredFields: ['assisted', 'outcome', 'dateServed'],
      customFields: [
        {
          name: 'homeVisitDone',
          type: 'boolean',
          required: true,
          label: { es: '¿Se realizó visita domiciliaria?', en: 'Was a home visit made?' },
        },
        { name: 'visits', type: 'number', label: { es: 'Número de visitas', en: 'Number of visits' } },
        { name: 'nextVisit', type: 'date', label: { es: 'Próxima visita', en: 'Next visit' } },
        { name: 'caregiver', type: 'text', label: { es: 'Cuidador', en: 'Caregiver' } },
      ],
    },
    validity: { from: '2026-01-01' },
    indicators: [{ id: 'on-time-acknowledgement-rate', target: 0.9 }],
  };
  const parsed = parseProtocolDefinition(p);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const ana: ContactOfficerSnapshot = {
  id: 'enlace-ana',
  userId: 'ana.perez',
  preferredChannel: 'sms',
  language: 'es',
  supervisorId: 'enlace-jefa',
};

const officer: Actor = { userId: 'uio.oficial1', roles: ['swcs-officer'] };
const contactOfficer: Actor = { userId: 'ana.perez', roles: ['contact-officer'] };
const coordinator: Actor = { userId: 'uio.coordinadora', roles: ['coordinator'] };
const ACTORS: Record<Relation, Actor> = {
  'contact-officer': contactOfficer,
  'referring-officer': officer,
  coordinator,
};

// Thursday 12 March 2026, 15:00 in Quito.
const T0 = '2026-03-12T20:00:00.000Z';
// Friday 13 March, 10:00 in Quito.
const T1 = '2026-03-13T15:00:00.000Z';
const T2 = '2026-03-16T15:00:00.000Z';

function input(extra: Partial<CreateReferralInput> = {}): CreateReferralInput {
  return {
    cantonId: 'quito',
    requestId: 'REQ-01',
    service: {
      cantonId: 'quito',
      serviceId: 'centro-gerontologico',
      organizationId: 'fundacion-vida',
      name: 'Centro gerontológico',
    },
    contactOfficers: [ana],
    spot: 'reserved',
    protocol: { cantonId: 'national', version: 3, definition: protocol() },
    calendar: quito,
    ...extra,
  };
}

function requested(extra: Partial<CreateReferralInput> = {}): Referral {
  return createReferral(input(extra), { actor: officer, referralId: '01JREFERRAL00000000ABCD1234', now: T0 })
    .referral;
}

const act = (
  referral: Referral,
  name: TransitionName,
  given: TransitionInput = {},
  relation: Relation = 'contact-officer',
  now = T1,
) => transitionReferral(referral, name, given, { actor: ACTORS[relation], relation, now });

const goodCounterReferral = {
  assisted: true,
  outcome: '  Ingresó al centro gerontológico  ',
  dateServed: '2026-03-16',
  homeVisitDone: true,
  visits: 2,
};

/** A referral brought to a status by the usual path. */
function inStatus(status: ReferralStatus): Referral {
  const r = requested();
  switch (status) {
    case 'requested':
      return r;
    case 'accepted':
      return act(r, 'accept').referral;
    case 'in-progress':
      return act(inStatus('accepted'), 'start').referral;
    case 'on-hold':
      return act(inStatus('accepted'), 'hold', { reason: { code: 'missing-documents' } }).referral;
    case 'rejected':
      return act(r, 'reject', { reason: { code: 'not-eligible' } }).referral;
    case 'completed':
      return act(
        inStatus('accepted'),
        'complete',
        { counterReferral: goodCounterReferral },
        'contact-officer',
        T2,
      ).referral;
    case 'failed':
      return act(inStatus('accepted'), 'fail', { reason: { code: 'citizen-unreachable' } }).referral;
    case 'cancelled':
      return act(r, 'cancel', { reason: { code: 'duplicate' } }, 'referring-officer').referral;
    case 'entered-in-error':
      return act(r, 'enterInError', { reason: { code: 'duplicate' } }, 'coordinator').referral;
    case 'draft':
      return { ...r, status: 'draft' };
  }
}

function appError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('vocabulary', () => {
  it('has FHIR Task terminal statuses and a label in both languages for every reason', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual([
      'cancelled',
      'completed',
      'entered-in-error',
      'failed',
      'rejected',
    ]);
    for (const code of REASON_CODES) {
      expect(REASON_LABELS[code].es).not.toBe('');
      expect(REASON_LABELS[code].en).not.toBe('');
    }
  });
});

describe('creating a referral', () => {
  it('starts requested with a reserved spot, the protocol snapshot and the acknowledgement schedule', () => {
    const { referral, event } = createReferral(input(), {
      actor: officer,
      referralId: '01JREFERRAL00000000ABCD1234',
      now: T0,
    });
    expect(referral).toMatchObject({
      status: 'requested',
      spot: 'reserved',
      version: 1,
      reference: 'ABCD-1234',
      referringOfficer: 'uio.oficial1',
      protocol: { cantonId: 'national', version: 3 },
      // 2 working days from Thursday afternoon: Monday 17:00 local.
      deadlines: { acknowledgement: '2026-03-16T22:00:00.000Z' },
      timersFired: { acknowledgement: 0, counterReferral: 0 },
      createdAt: T0,
      updatedAt: T0,
    });
    expect(referral.schedule.acknowledgement.map((t) => [t.at, t.kind])).toEqual([
      ['2026-03-16T18:00:00.000Z', 'reminder'],
      ['2026-03-17T02:00:00.000Z', 'escalation'],
      ['2026-03-19T22:00:00.000Z', 'escalation'],
    ]);
    expect(referral.schedule.counterReferral).toBeUndefined();
    expect(referral.acknowledgedAt).toBeUndefined();
    expect(event).toMatchObject({ version: 1, action: 'created', to: 'requested', by: officer, at: T0 });
    expect(event.details).toMatchObject({ spot: 'reserved', protocol: { cantonId: 'national', version: 3 } });
  });

  it('can wait on the service’s waitlist and record an eligibility override', () => {
    const referral = requested({
      spot: 'waitlisted',
      eligibilityOverride: { reason: 'Caso social urgente' },
    });
    expect(referral.spot).toBe('waitlisted');
    expect(referral.eligibilityOverride).toEqual({ reason: 'Caso social urgente' });
  });

  it('refuses a service without contact officers', () => {
    expect(appError(() => requested({ contactOfficers: [] })).statusCode).toBe(409);
  });

  it('snapshots the service’s contact officers in the service’s order', () => {
    const organization = {
      contactOfficers: [
        {
          ...ana,
          name: 'Ana',
          position: 'Trabajadora social',
          email: 'ana@example.ec',
          phone: '+593991111111',
        },
        {
          id: 'enlace-luis',
          userId: 'luis.mora',
          name: 'Luis',
          position: 'Director',
          email: 'luis@example.ec',
          phone: '+593992222222',
          preferredChannel: 'email' as const,
          language: 'en' as const,
        },
      ],
    };
    expect(
      snapshotContactOfficers({ contactOfficerIds: ['enlace-luis', 'enlace-ana'] }, organization),
    ).toEqual([{ id: 'enlace-luis', userId: 'luis.mora', preferredChannel: 'email', language: 'en' }, ana]);
  });
});

describe('allowed transitions', () => {
  const cases: [TransitionName, ReferralStatus, TransitionInput, Relation, ReferralStatus][] = [
    ['acknowledge', 'requested', {}, 'contact-officer', 'requested'],
    ['accept', 'requested', {}, 'contact-officer', 'accepted'],
    ['reject', 'requested', { reason: { code: 'no-capacity' } }, 'contact-officer', 'rejected'],
    ['start', 'accepted', {}, 'contact-officer', 'in-progress'],
    ['start', 'on-hold', {}, 'contact-officer', 'in-progress'],
    ['hold', 'accepted', { reason: { code: 'missing-documents' } }, 'contact-officer', 'on-hold'],
    ['hold', 'in-progress', { reason: { code: 'missing-documents' } }, 'contact-officer', 'on-hold'],
    ['complete', 'accepted', { counterReferral: goodCounterReferral }, 'contact-officer', 'completed'],
    ['complete', 'in-progress', { counterReferral: goodCounterReferral }, 'contact-officer', 'completed'],
    ['complete', 'on-hold', { counterReferral: goodCounterReferral }, 'contact-officer', 'completed'],
    ['fail', 'accepted', { reason: { code: 'citizen-unreachable' } }, 'contact-officer', 'failed'],
    ['fail', 'in-progress', { reason: { code: 'citizen-declined' } }, 'contact-officer', 'failed'],
    ['fail', 'on-hold', { reason: { code: 'safety-risk' } }, 'contact-officer', 'failed'],
    ['cancel', 'requested', { reason: { code: 'duplicate' } }, 'referring-officer', 'cancelled'],
    ['cancel', 'accepted', { reason: { code: 'citizen-declined' } }, 'referring-officer', 'cancelled'],
    ['cancel', 'in-progress', { reason: { code: 'citizen-declined' } }, 'coordinator', 'cancelled'],
    ['cancel', 'on-hold', { reason: { code: 'deadline-expired' } }, 'coordinator', 'cancelled'],
    ...(
      [
        'draft',
        'requested',
        'accepted',
        'in-progress',
        'on-hold',
        'rejected',
        'completed',
        'failed',
        'cancelled',
      ] as const
    ).map((from): [TransitionName, ReferralStatus, TransitionInput, Relation, ReferralStatus] => [
      'enterInError',
      from,
      { reason: { code: 'other', text: 'Ciudadano equivocado' } },
      'coordinator',
      'entered-in-error',
    ]),
  ];

  it.each(cases)('%s: %s → %s', (name, from, given, relation, to) => {
    const before = inStatus(from);
    const { referral, event } = act(before, name, given, relation, T2);
    expect(referral.status).toBe(to);
    expect(referral.version).toBe(before.version + 1);
    expect(referral.updatedAt).toBe(T2);
    expect(event).toMatchObject({ version: before.version + 1, at: T2, by: ACTORS[relation] });
    if (from !== to) expect(event).toMatchObject({ from, to });
    else expect(event.from).toBeUndefined();
    if (given.reason) {
      expect(event.reason).toEqual(given.reason);
      expect(referral.reason).toEqual(given.reason);
    }
  });

  it('acknowledges once only, keeping the status requested', () => {
    const { referral, event } = act(requested(), 'acknowledge');
    expect(referral.status).toBe('requested');
    expect(referral.acknowledgedAt).toBe(T1);
    expect(event.action).toBe('acknowledged');
    const second = appError(() => act(referral, 'acknowledge', {}, 'contact-officer', T2));
    expect(second.statusCode).toBe(409);
    expect(second.text.es).toContain('(estado actual: requested)');
    // Accepting after an acknowledgement is still allowed and keeps the first acknowledgement.
    const accepted = act(referral, 'accept', {}, 'contact-officer', T2).referral;
    expect(accepted.acknowledgedAt).toBe(T1);
  });

  it('stamps the closing time of a terminal status once', () => {
    const failed = inStatus('failed');
    expect(failed.closedAt).toBe(T1);
    const inError = act(
      failed,
      'enterInError',
      { reason: { code: 'duplicate' } },
      'coordinator',
      T2,
    ).referral;
    expect(inError.closedAt).toBe(T1);
  });

  it('drops the hold reason when the referral resumes', () => {
    const resumed = act(inStatus('on-hold'), 'start').referral;
    expect(resumed.reason).toBeUndefined();
  });
});

describe('forbidden transitions', () => {
  const cases: [TransitionName, ReferralStatus, Relation][] = [
    ['accept', 'accepted', 'contact-officer'],
    ['accept', 'completed', 'contact-officer'],
    ['acknowledge', 'accepted', 'contact-officer'],
    ['reject', 'in-progress', 'contact-officer'],
    ['start', 'requested', 'contact-officer'],
    ['hold', 'on-hold', 'contact-officer'],
    ['complete', 'requested', 'contact-officer'],
    ['complete', 'completed', 'contact-officer'],
    ['fail', 'requested', 'contact-officer'],
    ['cancel', 'completed', 'referring-officer'],
    ['cancel', 'rejected', 'coordinator'],
    ['enterInError', 'entered-in-error', 'coordinator'],
  ];

  it.each(cases)('%s from %s is a conflict naming the current status', (name, from, relation) => {
    const before = inStatus(from);
    const error = appError(() =>
      act(before, name, { reason: { code: 'duplicate' }, counterReferral: goodCounterReferral }, relation),
    );
    expect(error.statusCode).toBe(409);
    expect(error.text.es).toContain(`(estado actual: ${from})`);
    expect(error.text.en).toContain(`(current status: ${from})`);
  });
});

describe('reasons', () => {
  const needsReason: [TransitionName, ReferralStatus, Relation][] = [
    ['reject', 'requested', 'contact-officer'],
    ['hold', 'accepted', 'contact-officer'],
    ['fail', 'accepted', 'contact-officer'],
    ['cancel', 'requested', 'referring-officer'],
    ['enterInError', 'completed', 'coordinator'],
  ];

  it.each(needsReason)('%s needs a reason', (name, from, relation) => {
    const error = appError(() => act(inStatus(from), name, {}, relation));
    expect(error.statusCode).toBe(400);
    expect(error.details.map((d) => d.field)).toEqual(['reason']);
  });

  it('needs words when the code is "other", and refuses unknown codes', () => {
    const other = appError(() => act(requested(), 'reject', { reason: { code: 'other' } }));
    expect(other.details).toEqual([
      {
        field: 'reason.text',
        problem: {
          es: 'es obligatorio cuando el motivo es "other"',
          en: 'is required when the reason is "other"',
        },
      },
    ]);
    const unknown = appError(() => act(requested(), 'reject', { reason: { code: 'tired' as never } }));
    expect(unknown.details.map((d) => d.field)).toEqual(['reason.code']);
    expect(
      act(requested(), 'reject', { reason: { code: 'other', text: ' Cerrado por obras ' } }).referral.reason,
    ).toEqual({
      code: 'other',
      text: 'Cerrado por obras',
    });
  });

  it('takes an optional reason where none is required, without making it the status reason', () => {
    const { referral, event } = act(requested(), 'accept', { reason: { code: 'other', text: 'Prioridad' } });
    expect(event.reason).toEqual({ code: 'other', text: 'Prioridad' });
    expect(referral.reason).toBeUndefined();
  });
});

describe('counter-referral', () => {
  const complete = (counterReferral: unknown, now = T2) =>
    act(inStatus('accepted'), 'complete', { counterReferral }, 'contact-officer', now);
  const problems = (counterReferral: unknown) => {
    const error = appError(() => complete(counterReferral));
    expect(error.statusCode).toBe(400);
    return error.details;
  };

  it('records a valid counter-referral, custom fields apart, stamped with who sent it', () => {
    const { referral, event } = complete({
      ...goodCounterReferral,
      nextVisit: '2026-04-01',
      caregiver: 'Hija',
    });
    expect(referral.counterReferral).toEqual({
      assisted: true,
      outcome: 'Ingresó al centro gerontológico',
      dateServed: '2026-03-16',
      customFields: { homeVisitDone: true, visits: 2, nextVisit: '2026-04-01', caregiver: 'Hija' },
      recordedAt: T2,
      recordedBy: 'ana.perez',
    });
    expect(event.details).toMatchObject({ assisted: true });
  });

  it('requires assisted, outcome, the protocol’s required fields and required custom fields', () => {
    expect(problems({}).map((p) => p.field)).toEqual([
      'counterReferral.assisted',
      'counterReferral.outcome',
      'counterReferral.dateServed',
      'counterReferral.homeVisitDone',
    ]);
    expect(problems({ ...goodCounterReferral, homeVisitDone: undefined })).toEqual([
      {
        field: 'counterReferral.homeVisitDone',
        problem: {
          es: 'es obligatorio según el protocolo (¿Se realizó visita domiciliaria?)',
          en: 'is required by the protocol (Was a home visit made?)',
        },
      },
    ]);
  });

  it('checks the type of every field and reports each problem in both languages', () => {
    const details = problems({
      assisted: 'yes',
      outcome: '   ',
      dateServed: '2026-02-30',
      homeVisitDone: 'true',
      visits: 'two',
      nextVisit: '01/04/2026',
      caregiver: 5,
      reason: { code: 'other' },
      surname: 'Pérez',
    });
    expect(details.map((d) => d.field)).toEqual([
      'counterReferral.assisted',
      'counterReferral.outcome',
      'counterReferral.reason.text',
      'counterReferral.dateServed',
      'counterReferral.homeVisitDone',
      'counterReferral.visits',
      'counterReferral.nextVisit',
      'counterReferral.caregiver',
      'counterReferral.surname',
    ]);
    expect(details.find((d) => d.field === 'counterReferral.visits')?.problem).toEqual({
      es: 'debe ser un número',
      en: 'must be a number',
    });
    for (const d of details)
      expect(d.problem).toMatchObject({ es: expect.any(String), en: expect.any(String) });
  });

  it('takes the date served between the referral and today, in the canton’s calendar', () => {
    // T2 is Monday 16 March 10:00 in Quito; the referral was made on Thursday 12 March.
    expect(problems({ ...goodCounterReferral, dateServed: '2026-03-17' })).toEqual([
      {
        field: 'counterReferral.dateServed',
        problem: {
          es: 'no puede ser futura (hoy es 2026-03-16)',
          en: 'cannot be in the future (today is 2026-03-16)',
        },
      },
    ]);
    expect(problems({ ...goodCounterReferral, dateServed: '2026-03-11' }).map((p) => p.field)).toEqual([
      'counterReferral.dateServed',
    ]);
    // 23:00 on 12 March in Quito is already 13 March in UTC: the canton's date is what counts.
    expect(
      complete({ ...goodCounterReferral, dateServed: '2026-03-12' }, '2026-03-13T04:00:00.000Z').referral
        .status,
    ).toBe('completed');
  });

  it('is required to complete, and refused with any other action', () => {
    expect(problems(undefined).map((p) => p.field)).toEqual(['counterReferral']);
    const error = appError(() =>
      act(inStatus('accepted'), 'fail', {
        reason: { code: 'citizen-unreachable' },
        counterReferral: goodCounterReferral,
      }),
    );
    expect(error.details.map((d) => d.field)).toEqual(['counterReferral']);
  });
});

describe('who may act', () => {
  const provider: TransitionName[] = ['acknowledge', 'accept', 'reject'];

  it('lets contact officers and coordinators answer, and refuses the referring officer with 403', () => {
    for (const name of provider) {
      expect(
        act(requested(), name, { reason: { code: 'no-capacity' } }, 'contact-officer').referral.version,
      ).toBe(2);
      expect(
        act(requested(), name, { reason: { code: 'no-capacity' } }, 'coordinator').referral.version,
      ).toBe(2);
      const error = appError(() =>
        act(requested(), name, { reason: { code: 'no-capacity' } }, 'referring-officer'),
      );
      expect(error.statusCode).toBe(403);
    }
    const complete = appError(() =>
      act(inStatus('accepted'), 'complete', { counterReferral: goodCounterReferral }, 'referring-officer'),
    );
    expect(complete.text.en).toBe(
      'Only a contact officer of the provider or a coordinator can complete this referral',
    );
  });

  it('lets only the referring officer or a coordinator cancel', () => {
    const error = appError(() =>
      act(requested(), 'cancel', { reason: { code: 'duplicate' } }, 'contact-officer'),
    );
    expect(error.statusCode).toBe(403);
    expect(error.text.es).toBe(
      'Solo el funcionario que hizo la derivación o la coordinación puede cancelar esta derivación',
    );
  });

  it('lets only a coordinator enter a referral in error', () => {
    for (const relation of ['contact-officer', 'referring-officer'] as const) {
      expect(
        appError(() => act(requested(), 'enterInError', { reason: { code: 'duplicate' } }, relation))
          .statusCode,
      ).toBe(403);
    }
  });

  it('checks the relation before the status, so a stranger learns nothing about the referral', () => {
    expect(
      appError(() =>
        act(inStatus('completed'), 'cancel', { reason: { code: 'duplicate' } }, 'contact-officer'),
      ).statusCode,
    ).toBe(403);
  });

  it('accepts any of several relations', () => {
    const r = requested();
    expect(
      transitionReferral(
        r,
        'cancel',
        { reason: { code: 'duplicate' } },
        {
          actor: contactOfficer,
          relation: ['contact-officer', 'referring-officer'],
          now: T1,
        },
      ).referral.status,
    ).toBe('cancelled');
  });

  it('derives relations from ids and roles', () => {
    const r = requested();
    expect(relationsOf(r, contactOfficer)).toEqual(['contact-officer']);
    expect(relationsOf(r, officer)).toEqual(['referring-officer']);
    expect(relationsOf(r, coordinator)).toEqual(['coordinator']);
    // The right user id without the role is not enough, nor the role without being on the referral.
    expect(relationsOf(r, { userId: 'ana.perez', roles: ['operator'] })).toEqual([]);
    expect(relationsOf(r, { userId: 'otra.persona', roles: ['contact-officer'] })).toEqual([]);
  });

  it('lists what a relation may do now', () => {
    expect(allowedTransitions(requested(), 'contact-officer')).toEqual(['acknowledge', 'accept', 'reject']);
    expect(allowedTransitions(act(requested(), 'acknowledge').referral, 'contact-officer')).toEqual([
      'accept',
      'reject',
    ]);
    expect(allowedTransitions(inStatus('accepted'), 'referring-officer')).toEqual(['cancel']);
    expect(allowedTransitions(inStatus('completed'), 'coordinator')).toEqual(['enterInError']);
    expect(allowedTransitions(inStatus('entered-in-error'), 'coordinator')).toEqual([]);
  });

  it('keeps the table consistent with DOMAIN.md', () => {
    expect(TRANSITIONS.enterInError.who).toEqual(['coordinator']);
    for (const rule of Object.values(TRANSITIONS)) expect(rule.who).toContain('coordinator');
  });
});

describe('spots', () => {
  it('consumes a reserved spot on acceptance', () => {
    const { referral, spot, event } = act(requested(), 'accept');
    expect(spot).toBe('consume');
    expect(referral.spot).toBe('consumed');
    expect(event.details).toMatchObject({ spot: { from: 'reserved', to: 'consumed' } });
  });

  it('consumes a spot when a waitlisted referral is accepted', () => {
    const { referral, spot } = act(requested({ spot: 'waitlisted' }), 'accept');
    expect([spot, referral.spot]).toEqual(['consume', 'consumed']);
  });

  it.each([
    ['reject', 'contact-officer'],
    ['cancel', 'referring-officer'],
    ['enterInError', 'coordinator'],
  ] as const)('releases a reserved spot on %s', (name, relation) => {
    const { referral, spot } = act(requested(), name, { reason: { code: 'duplicate' } }, relation);
    expect([spot, referral.spot]).toEqual(['release', 'released']);
  });

  it('releases a consumed spot when cancelled or entered in error, not when failed or completed', () => {
    const accepted = inStatus('accepted');
    expect(act(accepted, 'cancel', { reason: { code: 'citizen-declined' } }, 'referring-officer').spot).toBe(
      'release',
    );
    expect(act(accepted, 'enterInError', { reason: { code: 'duplicate' } }, 'coordinator').spot).toBe(
      'release',
    );
    const failed = act(accepted, 'fail', { reason: { code: 'citizen-unreachable' } });
    expect([failed.spot, failed.referral.spot]).toEqual([undefined, 'consumed']);
    const completed = act(
      accepted,
      'complete',
      { counterReferral: goodCounterReferral },
      'contact-officer',
      T2,
    );
    expect([completed.spot, completed.referral.spot]).toEqual([undefined, 'consumed']);
  });

  it('releases nothing for a waitlisted referral that closes, nor twice for one already released', () => {
    const waitlisted = act(requested({ spot: 'waitlisted' }), 'reject', { reason: { code: 'no-capacity' } });
    expect([waitlisted.spot, waitlisted.referral.spot]).toEqual([undefined, 'waitlisted']);
    const again = act(inStatus('rejected'), 'enterInError', { reason: { code: 'duplicate' } }, 'coordinator');
    expect([again.spot, again.referral.spot]).toEqual([undefined, 'released']);
  });

  it('changes nothing on acknowledge, start and hold', () => {
    expect(act(requested(), 'acknowledge').spot).toBeUndefined();
    expect(act(inStatus('accepted'), 'start').spot).toBeUndefined();
    expect(act(inStatus('accepted'), 'hold', { reason: { code: 'missing-documents' } }).spot).toBeUndefined();
  });
});

describe('workflow answers', () => {
  it('answers the acknowledgement phase on acknowledge and starts the counter-referral clock then', () => {
    const { referral, workflow, event } = act(requested(), 'acknowledge');
    expect(workflow).toEqual({ phase: 'acknowledgement', outcome: 'acknowledged' });
    // Friday 13 March 10:00 local + 10 working days = Friday 27 March, 17:00 local.
    expect(referral.deadlines.counterReferral).toBe('2026-03-27T22:00:00.000Z');
    expect(referral.schedule.counterReferral?.map((t) => [t.at, t.kind])).toEqual([
      ['2026-03-26T22:00:00.000Z', 'reminder'],
      ['2026-03-31T22:00:00.000Z', 'escalation'],
    ]);
    expect(event.details).toMatchObject({ counterReferralDeadline: '2026-03-27T22:00:00.000Z' });
  });

  it('treats accept as the acknowledgement when none came before', () => {
    const { referral, workflow } = act(requested(), 'accept');
    expect(workflow).toEqual({ phase: 'acknowledgement', outcome: 'acknowledged' });
    expect(referral.acknowledgedAt).toBe(T1);
    expect(referral.deadlines.counterReferral).toBe('2026-03-27T22:00:00.000Z');
  });

  it('does not answer again, nor move the clock, when accepting after an acknowledgement', () => {
    const acknowledged = act(requested(), 'acknowledge').referral;
    const { referral, workflow } = act(acknowledged, 'accept', {}, 'contact-officer', T2);
    expect(workflow).toBeUndefined();
    expect(referral.deadlines.counterReferral).toBe(acknowledged.deadlines.counterReferral);
  });

  it('closes the acknowledgement phase when the referral ends before it is acknowledged', () => {
    expect(act(requested(), 'reject', { reason: { code: 'no-capacity' } }).workflow).toEqual({
      phase: 'acknowledgement',
      outcome: 'closed',
    });
    expect(
      act(requested(), 'cancel', { reason: { code: 'duplicate' } }, 'referring-officer').workflow,
    ).toEqual({
      phase: 'acknowledgement',
      outcome: 'closed',
    });
    // Entered in error ends it silently: the referral should never have existed.
    expect(
      act(requested(), 'enterInError', { reason: { code: 'duplicate' } }, 'coordinator').workflow,
    ).toEqual({
      phase: 'acknowledgement',
      outcome: 'entered-in-error',
    });
  });

  it('answers the counter-referral phase on complete, fail, cancel and enter-in-error', () => {
    const accepted = inStatus('accepted');
    expect(
      act(accepted, 'complete', { counterReferral: goodCounterReferral }, 'contact-officer', T2).workflow,
    ).toEqual({
      phase: 'counterReferral',
      outcome: 'completed',
    });
    for (const [name, relation, outcome] of [
      ['fail', 'contact-officer', 'closed'],
      ['cancel', 'referring-officer', 'closed'],
      ['enterInError', 'coordinator', 'entered-in-error'],
    ] as const) {
      expect(act(accepted, name, { reason: { code: 'citizen-declined' } }, relation).workflow).toEqual({
        phase: 'counterReferral',
        outcome,
      });
    }
    // Rejected after an acknowledgement: the workflow already waits for the counter-referral.
    const acknowledged = act(requested(), 'acknowledge').referral;
    expect(act(acknowledged, 'reject', { reason: { code: 'not-eligible' } }).workflow).toEqual({
      phase: 'counterReferral',
      outcome: 'closed',
    });
  });

  it('leaves the workflow waiting on start and hold, and alone once it has finished', () => {
    expect(act(inStatus('accepted'), 'start').workflow).toBeUndefined();
    expect(
      act(inStatus('accepted'), 'hold', { reason: { code: 'missing-documents' } }).workflow,
    ).toBeUndefined();
    expect(
      act(inStatus('completed'), 'enterInError', { reason: { code: 'duplicate' } }, 'coordinator').workflow,
    ).toBeUndefined();
  });

  it('tells which answer a phase has already received', () => {
    expect(phaseOutcome(requested(), 'acknowledgement')).toBeUndefined();
    expect(phaseOutcome(inStatus('accepted'), 'acknowledgement')).toBe('acknowledged');
    expect(phaseOutcome(inStatus('accepted'), 'counterReferral')).toBeUndefined();
    expect(phaseOutcome(inStatus('completed'), 'counterReferral')).toBe('completed');
    expect(phaseOutcome(inStatus('rejected'), 'acknowledgement')).toBe('closed');
    expect(phaseOutcome(inStatus('failed'), 'counterReferral')).toBe('closed');
    expect(phaseOutcome(inStatus('entered-in-error'), 'acknowledgement')).toBe('entered-in-error');
  });
});

describe('firing timers', () => {
  it('counts a reminder and says to notify', () => {
    const r = requested();
    const fired = fireTimer(r, 'acknowledgement', 0, '2026-03-16T18:00:00.000Z');
    expect(fired?.notify).toBe(true);
    expect(fired?.timer.kind).toBe('reminder');
    expect(fired?.referral.timersFired).toEqual({ acknowledgement: 1, counterReferral: 0 });
    expect(fired?.referral.version).toBe(2);
    expect(fired?.event).toMatchObject({
      version: 2,
      action: 'reminder-sent',
      details: { phase: 'acknowledgement', timerIndex: 0 },
    });
  });

  it('marks the referral as escalated to the national level at the top of the ladder', () => {
    let r = requested();
    for (const index of [0, 1]) r = fireTimer(r, 'acknowledgement', index, T2)!.referral;
    expect(r.escalatedToNational).toBeUndefined();
    const top = fireTimer(r, 'acknowledgement', 2, T2)!;
    expect(top.event.action).toBe('escalated');
    expect(top.referral.escalatedToNational).toBe(true);
  });

  it('ignores a repeated or re-planning timer, so a retried step never notifies twice', () => {
    const once = fireTimer(requested(), 'acknowledgement', 0, T2)!.referral;
    expect(fireTimer(once, 'acknowledgement', 0, T2)).toBeUndefined();
    expect(fireTimer(once, 'acknowledgement', null, T2)).toBeUndefined();
    expect(fireTimer(once, 'acknowledgement', 9, T2)).toBeUndefined();
  });

  it('counts without notice a timer whose phase is already answered', () => {
    const acknowledged = act(requested(), 'acknowledge').referral;
    const fired = fireTimer(acknowledged, 'acknowledgement', 0, T2)!;
    expect(fired.notify).toBe(false);
    expect(fired.event.action).toBe('timer-skipped');
    expect(fired.referral.timersFired.acknowledgement).toBe(1);
  });
});
