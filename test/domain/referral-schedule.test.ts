import { describe, expect, it } from 'vitest';
import type { StaffMember } from '../../functions/domain/canton.js';
import type { WorkingCalendar } from '../../functions/domain/deadlines.js';
import { ECUADOR_NATIONAL_HOLIDAYS_2026 } from '../support/holidays.js';
import { parseProtocolDefinition, type ProtocolDefinition } from '../../functions/domain/protocol.js';
import {
  type ContactOfficerSnapshot,
  createReferral,
  type Referral,
  transitionReferral,
} from '../../functions/domain/referral.js';
import { isOverdue, overduePhase } from '../../functions/domain/referral-deadline.js';
import {
  escalationNotices,
  escalationRecipients,
  escalationsSent,
  everyoneAlerted,
  MAX_WAIT_SECONDS,
  nextTimer,
  phaseSchedule,
  planWait,
  RECHECK_AFTER_MS,
  type StaffDirectory,
  type Timer,
} from '../../functions/domain/referral-schedule.js';

type Json = Record<string, any>;

const quito: WorkingCalendar = { timeZone: 'America/Guayaquil', holidays: ECUADOR_NATIONAL_HOLIDAYS_2026 };
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const workingDays = (amount: number) => ({ amount, unit: 'working-days' as const });

function protocol(edit: (p: Json) => void = () => undefined): ProtocolDefinition {
  const p: Json = {
    subcategory: { category: 'special-needs', subcategory: 'older-adults' },
    handledBy: 'swcs-officer',
    eligibleServiceIds: ['centro-gerontologico'],
    deadlines: { acknowledgement: workingDays(2), counterReferral: workingDays(10) },
    reminders: { acknowledgement: [hours(4)], counterReferral: [workingDays(2), workingDays(1)] },
    escalation: {
      acknowledgement: [
        { after: hours(4), notify: { role: 'supervisor' } },
        { after: workingDays(1), notify: { role: 'canton-coordinator' } },
        { after: workingDays(3), notify: { role: 'national-coordinator' } },
      ],
      counterReferral: [
        { after: workingDays(1), notify: { staffId: 'uio.jefa-social' } },
        { after: workingDays(5), notify: { role: 'national-coordinator' } },
      ],
    },
    counterReferral: { requiredFields: ['assisted', 'outcome'] },
    validity: { from: '2026-01-01' },
    indicators: [{ id: 'on-time-acknowledgement-rate', target: 0.9 }],
  };
  edit(p);
  const parsed = parseProtocolDefinition(p);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const summary = (timers: readonly Timer[]) => timers.map((t) => [t.at, t.kind, t.step ?? null]);

describe('phaseSchedule', () => {
  it('puts the reminder before a working-day deadline in Quito and the ladder after it', () => {
    // Thursday 12 March 2026, 15:00 in Quito: 2 working days end on Monday at 17:00 local (22:00 UTC).
    const schedule = phaseSchedule('acknowledgement', new Date('2026-03-12T20:00:00Z'), protocol(), quito);
    expect(schedule.deadline).toBe('2026-03-16T22:00:00.000Z');
    expect(summary(schedule.timers)).toEqual([
      ['2026-03-16T18:00:00.000Z', 'reminder', null], // 4 h before
      ['2026-03-17T02:00:00.000Z', 'escalation', 0], // 4 h after: Monday 21:00 local
      ['2026-03-17T22:00:00.000Z', 'escalation', 1], // close of business of the next working day
      ['2026-03-19T22:00:00.000Z', 'escalation', 2],
    ]);
    expect(schedule.timers.every((t) => t.phase === 'acknowledgement')).toBe(true);
    expect(schedule.timers[0]!.notify).toBeUndefined();
    expect(schedule.timers.map((t) => t.notify)).toEqual([
      undefined,
      { role: 'supervisor' },
      { role: 'canton-coordinator' },
      { role: 'national-coordinator' },
    ]);
  });

  it('keeps every schedule in time order, whatever the units', () => {
    const mixed = protocol((p) => {
      p.deadlines.acknowledgement = hours(30);
      p.reminders.acknowledgement = [workingDays(1), hours(2), hours(26)];
      p.escalation.acknowledgement = [
        { after: hours(23), notify: { role: 'supervisor' } },
        { after: workingDays(1), notify: { role: 'canton-coordinator' } },
        { after: workingDays(2), notify: { role: 'national-coordinator' } },
      ];
    });
    for (const start of ['2026-03-12T20:00:00Z', '2026-03-13T21:00:00Z', '2026-04-02T13:00:00Z']) {
      const { deadline, timers } = phaseSchedule('acknowledgement', new Date(start), mixed, quito);
      const times = timers.map((t) => Date.parse(t.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const t of timers) {
        expect(t.kind === 'reminder' ? t.at < deadline : t.at > deadline).toBe(true);
      }
    }
  });

  it('skips the Carnaval holidays when counting working days', () => {
    // Friday 13 February 2026: Monday 16 and Tuesday 17 are Carnaval, so the 2nd working day is Thursday 19.
    const schedule = phaseSchedule('acknowledgement', new Date('2026-02-13T15:00:00Z'), protocol(), quito);
    expect(schedule.deadline).toBe('2026-02-19T22:00:00.000Z');
  });

  it('counts hours round the clock and sorts reminders given in any order', () => {
    const urgent = protocol((p) => {
      p.deadlines.acknowledgement = hours(4);
      p.reminders.acknowledgement = [hours(1), hours(2)];
      p.escalation.acknowledgement = [
        { after: hours(1), notify: { role: 'supervisor' } },
        { after: workingDays(1), notify: { role: 'national-coordinator' } },
      ];
    });
    // Friday 20:00 in Quito: the deadline is Saturday 00:00 local, the working-day step is Monday 17:00.
    const schedule = phaseSchedule('acknowledgement', new Date('2026-03-14T01:00:00Z'), urgent, quito);
    expect(schedule.deadline).toBe('2026-03-14T05:00:00.000Z');
    expect(summary(schedule.timers)).toEqual([
      ['2026-03-14T03:00:00.000Z', 'reminder', null],
      ['2026-03-14T04:00:00.000Z', 'reminder', null],
      ['2026-03-14T06:00:00.000Z', 'escalation', 0],
      ['2026-03-16T22:00:00.000Z', 'escalation', 1],
    ]);
  });

  it('drops a reminder that would fall before the start', () => {
    const p = protocol((d) => {
      d.deadlines.acknowledgement = workingDays(1);
      d.reminders.acknowledgement = [hours(20)];
    });
    // Thursday 16:00 local: deadline Friday 17:00, reminder Thursday 21:00 — after the start, kept.
    const afternoon = phaseSchedule('acknowledgement', new Date('2026-03-12T21:00:00Z'), p, quito);
    expect(afternoon.timers.filter((t) => t.kind === 'reminder').map((t) => t.at)).toEqual([
      '2026-03-13T02:00:00.000Z',
    ]);
    // Thursday 23:00 local: same deadline, the reminder would be two hours in the past.
    const night = phaseSchedule('acknowledgement', new Date('2026-03-13T04:00:00Z'), p, quito);
    expect(night.deadline).toBe(afternoon.deadline);
    expect(night.timers.filter((t) => t.kind === 'reminder')).toEqual([]);
  });

  it('schedules the counter-referral phase from its own deadline, reminders and ladder', () => {
    // Monday 16 March 2026, 10:00 local: 10 working days end Monday 30 March, 17:00 local.
    const schedule = phaseSchedule('counterReferral', new Date('2026-03-16T15:00:00Z'), protocol(), quito);
    expect(schedule.deadline).toBe('2026-03-30T22:00:00.000Z');
    expect(summary(schedule.timers)).toEqual([
      ['2026-03-26T22:00:00.000Z', 'reminder', null], // 2 working days before: Thursday
      ['2026-03-27T22:00:00.000Z', 'reminder', null], // 1 working day before: Friday
      ['2026-03-31T22:00:00.000Z', 'escalation', 0],
      // 5 working days after Monday 30 March: Friday 3 April is Viernes Santo, so Tuesday 7 April.
      ['2026-04-07T22:00:00.000Z', 'escalation', 1],
    ]);
    expect(schedule.timers[2]!.notify).toEqual({ staffId: 'uio.jefa-social' });
  });
});

describe('nextTimer and planWait', () => {
  const timers = phaseSchedule('acknowledgement', new Date('2026-03-12T20:00:00Z'), protocol(), quito).timers;
  const realTime =
    (now: Date, factor = 1) =>
    (at: Date) =>
      Math.max(0, (at.getTime() - now.getTime()) / factor);

  it('gives the first unfired timer and its index', () => {
    expect(nextTimer(timers, 0)).toEqual({ timer: timers[0], index: 0 });
    expect(nextTimer(timers, 2)).toEqual({ timer: timers[2], index: 2 });
    expect(nextTimer(timers, timers.length)).toBeUndefined();
  });

  it('waits the seconds until the next timer', () => {
    const now = new Date('2026-03-16T17:00:00Z'); // one hour before the reminder
    expect(planWait(timers, 0, now, realTime(now))).toEqual({ seconds: 3600, timerIndex: 0 });
    // Rounds up: firing a little late is harmless, firing before the instant is not.
    const later = new Date('2026-03-16T17:59:59.200Z');
    expect(planWait(timers, 0, later, realTime(later))).toEqual({ seconds: 1, timerIndex: 0 });
  });

  it('converts product time into real time when the clock runs faster', () => {
    const now = new Date('2026-03-16T17:00:00Z');
    expect(planWait(timers, 0, now, realTime(now, 1440))).toEqual({ seconds: 3, timerIndex: 0 });
  });

  it('fires a timer already past after 1 second, never 0', () => {
    const now = new Date('2026-03-25T00:00:00Z'); // after every timer (a referral resumed after a restart)
    expect(planWait(timers, 1, now, realTime(now))).toEqual({ seconds: 1, timerIndex: 1 });
  });

  it('re-checks after a long wait with no timer once all have fired', () => {
    const now = new Date('2026-03-25T00:00:00Z');
    expect(planWait(timers, timers.length, now, realTime(now))).toEqual({
      seconds: RECHECK_AFTER_MS / 1000,
      timerIndex: null,
    });
    expect(planWait(timers, timers.length, now, realTime(now, 1440))).toEqual({
      seconds: 420,
      timerIndex: null,
    });
  });

  it('waits for a far timer in legs no longer than the maximum, firing nothing in between', () => {
    const now = new Date('2026-01-01T00:00:00Z'); // months before the timers
    expect(planWait(timers, 0, now, realTime(now))).toEqual({ seconds: MAX_WAIT_SECONDS, timerIndex: null });
  });
});

// ---- Referrals to resolve recipients and overdue status on ----

const ana: ContactOfficerSnapshot = {
  id: 'enlace-ana',
  userId: 'ana.perez',
  preferredChannel: 'sms',
  language: 'es',
  supervisorId: 'enlace-jefa',
};
const luis: ContactOfficerSnapshot = {
  id: 'enlace-luis',
  userId: 'luis.mora',
  preferredChannel: 'email',
  language: 'en',
};
const jefa: ContactOfficerSnapshot = {
  id: 'enlace-jefa',
  userId: 'maria.jefa',
  preferredChannel: 'email',
  language: 'es',
};

const member = (id: string, roles: StaffMember['roles']): StaffMember => ({
  id,
  name: id,
  email: `${id}@example.ec`,
  roles,
});
const canton: StaffDirectory = {
  language: 'es',
  staff: [member('uio.coordinadora', ['coordinator']), member('uio.jefa-social', ['case-manager'])],
};
const national: StaffDirectory = {
  language: 'es',
  staff: [member('ec.coordinador', ['coordinator', 'admin'])],
};

const T0 = '2026-03-12T20:00:00.000Z';

function referral(officers: readonly ContactOfficerSnapshot[] = [ana, luis]): Referral {
  return createReferral(
    {
      cantonId: 'quito',
      requestId: 'REQ-1',
      service: {
        cantonId: 'quito',
        serviceId: 'centro-gerontologico',
        organizationId: 'fundacion',
        name: 'Centro',
      },
      contactOfficers: officers,
      spot: 'reserved',
      protocol: { cantonId: 'national', version: 1, definition: protocol() },
      calendar: quito,
    },
    {
      actor: { userId: 'uio.oficial1', roles: ['swcs-officer'] },
      referralId: '01JREFERRAL00000000ABCD1234',
      now: T0,
    },
  ).referral;
}

const escalation = (notify: Timer['notify']): Timer => ({
  at: T0,
  kind: 'escalation',
  phase: 'acknowledgement',
  step: 0,
  notify,
});

describe('escalationRecipients', () => {
  it('sends a reminder to every contact officer of the referral, by their own channel and language', () => {
    const reminder: Timer = { at: T0, kind: 'reminder', phase: 'acknowledgement' };
    expect(escalationRecipients(reminder, referral(), canton, national)).toEqual([
      {
        kind: 'contact-officer',
        id: 'enlace-ana',
        userId: 'ana.perez',
        channel: 'sms',
        language: 'es',
        as: 'contact-officer',
      },
      {
        kind: 'contact-officer',
        id: 'enlace-luis',
        userId: 'luis.mora',
        channel: 'email',
        language: 'en',
        as: 'contact-officer',
      },
    ]);
  });

  it('resolves the supervisor from the contact officers’ supervisorId, in the catalogue’s current officers', () => {
    expect(
      escalationRecipients(escalation({ role: 'supervisor' }), referral(), canton, national, [jefa]),
    ).toEqual([
      {
        kind: 'contact-officer',
        id: 'enlace-jefa',
        userId: 'maria.jefa',
        channel: 'email',
        language: 'es',
        as: 'supervisor',
      },
    ]);
    // A supervisor who is also on the referral is found in the snapshot.
    expect(
      escalationRecipients(escalation({ role: 'supervisor' }), referral([ana, jefa]), canton, national).map(
        (r) => r.id,
      ),
    ).toEqual(['enlace-jefa']);
  });

  it('falls back to the canton coordinators when no supervisor can be found', () => {
    expect(
      escalationRecipients(escalation({ role: 'supervisor' }), referral([luis]), canton, national),
    ).toEqual([
      {
        kind: 'staff',
        id: 'uio.coordinadora',
        userId: 'uio.coordinadora',
        channel: 'email',
        language: 'es',
        email: 'uio.coordinadora@example.ec',
        as: 'canton-coordinator',
        fallbackFrom: 'supervisor',
      },
    ]);
  });

  it('tells the canton coordinators, or the national ones when the canton has none', () => {
    const toCanton = escalationRecipients(
      escalation({ role: 'canton-coordinator' }),
      referral(),
      canton,
      national,
    );
    expect(toCanton.map((r) => [r.id, r.as, r.fallbackFrom])).toEqual([
      ['uio.coordinadora', 'canton-coordinator', undefined],
    ]);
    const noCoordinator: StaffDirectory = {
      language: 'es',
      staff: [member('uio.jefa-social', ['case-manager'])],
    };
    const toNational = escalationRecipients(
      escalation({ role: 'canton-coordinator' }),
      referral(),
      noCoordinator,
      national,
    );
    expect(toNational.map((r) => [r.id, r.as, r.fallbackFrom])).toEqual([
      ['ec.coordinador', 'national-coordinator', 'canton-coordinator'],
    ]);
  });

  it('tells the national coordinators at the top of the ladder', () => {
    expect(
      escalationRecipients(escalation({ role: 'national-coordinator' }), referral(), canton, national).map(
        (r) => [r.id, r.kind, r.channel, r.as],
      ),
    ).toEqual([['ec.coordinador', 'staff', 'email', 'national-coordinator']]);
  });

  it('tells a named staff member of the canton or the national level, or stands in for one who left', () => {
    expect(
      escalationRecipients(escalation({ staffId: 'uio.jefa-social' }), referral(), canton, national).map(
        (r) => [r.id, r.as],
      ),
    ).toEqual([['uio.jefa-social', 'named-staff']]);
    expect(
      escalationRecipients(escalation({ staffId: 'ec.coordinador' }), referral(), canton, national).map(
        (r) => r.id,
      ),
    ).toEqual(['ec.coordinador']);
    expect(
      escalationRecipients(escalation({ staffId: 'uio.jubilado' }), referral(), canton, national).map((r) => [
        r.id,
        r.fallbackFrom,
      ]),
    ).toEqual([['uio.coordinadora', 'named-staff']]);
  });
});

describe('one person, one message per step, and whom a late answer tells', () => {
  const ladder = (r: Referral) => (r.schedule.acknowledgement ?? []).filter((t) => t.kind === 'escalation');

  it('says the coordinator stands in for a missing supervisor, and that her own step reaches her again', () => {
    const noSupervisor = referral([luis]);
    const [supervisorStep, coordinatorStep, nationalStep] = ladder(noSupervisor) as [Timer, Timer, Timer];
    expect(escalationNotices(supervisorStep, noSupervisor, canton, national)).toEqual([
      { recipient: expect.objectContaining({ id: 'uio.coordinadora', fallbackFrom: 'supervisor' }) },
    ]);
    expect(escalationNotices(coordinatorStep, noSupervisor, canton, national)).toEqual([
      {
        recipient: expect.objectContaining({ id: 'uio.coordinadora', as: 'canton-coordinator' }),
        alsoAlertedAtStep: 1,
      },
    ]);
    expect(
      escalationNotices(nationalStep, noSupervisor, canton, national).map((n) => [
        n.recipient.id,
        n.alsoAlertedAtStep,
      ]),
    ).toEqual([['ec.coordinador', undefined]]);
  });

  it('tells a person once per step, even when two contact officers share the supervisor', () => {
    const [supervisorStep] = ladder(referral()) as [Timer];
    const shared = referral([ana, { ...ana, id: 'enlace-ana2', userId: 'ana.segunda' }]);
    expect(
      escalationNotices(supervisorStep, shared, canton, national, [jefa]).map((n) => n.recipient.id),
    ).toEqual(['enlace-jefa']);
  });

  it('finds the escalations that alerted someone from the history, skipped timers aside', () => {
    const r = referral();
    const history = [
      { action: 'created', details: {} },
      { action: 'reminder-sent', details: { phase: 'acknowledgement', timerIndex: 0 } },
      { action: 'escalated', details: { phase: 'acknowledgement', timerIndex: 1 } },
      { action: 'escalated', details: { phase: 'acknowledgement', timerIndex: 2 } },
      { action: 'timer-skipped', details: { phase: 'acknowledgement', timerIndex: 3 } },
      { action: 'escalated', details: { phase: 'counterReferral', timerIndex: 0 } },
    ] as const;
    const sent = escalationsSent(r, 'acknowledgement', history);
    expect(sent.map((t) => t.step)).toEqual([0, 1]);
    expect(everyoneAlerted(sent, r, canton, national, [jefa]).map((p) => p.id)).toEqual([
      'enlace-jefa',
      'uio.coordinadora',
    ]);
    // The coordinator who stood in for the supervisor and then had her own step is told once.
    const noSupervisor = referral([luis]);
    expect(
      everyoneAlerted(
        escalationsSent(noSupervisor, 'acknowledgement', history),
        noSupervisor,
        canton,
        national,
      ).map((p) => p.id),
    ).toEqual(['uio.coordinadora']);
    expect(escalationsSent(r, 'acknowledgement', [history[0], history[1]])).toEqual([]);
  });
});

describe('isOverdue', () => {
  const contactOfficer = {
    actor: { userId: 'ana.perez', roles: ['contact-officer'] },
    relation: 'contact-officer' as const,
  };

  it('is overdue when the acknowledgement deadline passes without acknowledgement', () => {
    const r = referral(); // deadline Monday 16 March, 22:00 UTC
    expect(isOverdue(r, new Date('2026-03-16T21:59:59Z'))).toBe(false);
    expect(isOverdue(r, new Date('2026-03-16T22:00:01Z'))).toBe(true);
    expect(overduePhase(r, new Date('2026-03-16T22:00:01Z'))).toBe('acknowledgement');
  });

  it('is on time again once acknowledged, until the counter-referral deadline passes', () => {
    const acknowledged = transitionReferral(
      referral(),
      'acknowledge',
      {},
      {
        ...contactOfficer,
        now: '2026-03-17T15:00:00.000Z', // late, Tuesday 10:00 local
      },
    ).referral;
    expect(acknowledged.deadlines.counterReferral).toBe('2026-03-31T22:00:00.000Z');
    expect(isOverdue(acknowledged, new Date('2026-03-20T00:00:00Z'))).toBe(false);
    expect(overduePhase(acknowledged, new Date('2026-04-01T00:00:00Z'))).toBe('counterReferral');
  });

  it('is never overdue once closed', () => {
    const rejected = transitionReferral(
      referral(),
      'reject',
      { reason: { code: 'no-capacity' } },
      { ...contactOfficer, now: '2026-03-13T15:00:00.000Z' },
    ).referral;
    expect(isOverdue(rejected, new Date('2026-12-31T00:00:00Z'))).toBe(false);
  });
});
