import { describe, expect, it } from 'vitest';
import {
  addActivity,
  type Complaint,
  openComplaint,
  resolveComplaint,
} from '../../functions/domain/complaint.js';
import { OpenComplaintBody } from '../../functions/domain/complaint-open-input.js';
import {
  APPEAL_PERIOD,
  appealDeadline,
  clockAnswer,
  complaintClock,
  complaintDeadlines,
  fireComplaintTimer,
} from '../../functions/domain/complaint-clock.js';
import {
  clockRecipients,
  complaintClockEmail,
  complaintClockSms,
} from '../../functions/domain/complaint-notices.js';
import { ladderSchedule } from '../../functions/domain/deadline-ladder.js';
import { smsSegments } from '../../functions/domain/notifications.js';
import { phaseSchedule } from '../../functions/domain/referral-schedule.js';
import type { ProtocolDefinition } from '../../functions/domain/protocol.js';

/** The complaint clock's rules, as the workflow's step applies them (functions/handlers/complaints/clock-step.ts). */
const calendar = { timeZone: 'America/Guayaquil' };
const caller = { userId: 'uio.operador1', roles: ['operator' as const], cantonId: 'quito' };
const monday = new Date('2026-11-23T15:00:00.000Z');
const hours = (amount: number) => ({ amount, unit: 'hours' as const });
const definition = {
  deadlines: { acknowledgement: hours(4), counterReferral: hours(48) },
  reminders: { acknowledgement: [hours(1)], counterReferral: [hours(6)] },
  escalation: {
    acknowledgement: [
      { after: hours(1), notify: { role: 'canton-coordinator' as const } },
      { after: hours(2), notify: { role: 'national-coordinator' as const } },
    ],
    counterReferral: [
      { after: hours(2), notify: { staffId: 'uio.tecnico2' } },
      { after: hours(4), notify: { role: 'national-coordinator' as const } },
    ],
  },
} as unknown as ProtocolDefinition;

function opened(overrides: Record<string, unknown> = {}): Complaint {
  const input = OpenComplaintBody.parse({
    type: 'suggestion',
    concerns: { kind: 'other', text: 'La atención' },
    channel: 'walk-in',
    complainant: { identification: 'anonymous' },
    description: 'Me hicieron esperar tres horas',
    assigneeId: 'uio.tecnica1',
    ...overrides,
  });
  return openComplaint(input, {
    caller,
    complaintId: '01JD5ZT7M1N3P5Q7R9S1T3V5W7',
    reference: 'T3V5-W7X9',
    now: monday.toISOString(),
    deadlines: complaintDeadlines(monday, calendar, {
      reference: { cantonId: 'quito', version: 1 } as never,
      definition,
    }),
    provisionalId: () => 'PRV-1',
  }).complaint;
}

const later = (ms: number) => new Date(monday.getTime() + ms).toISOString();
const HOUR = 3_600_000;

const quito = {
  id: 'quito',
  language: 'es' as const,
  staff: [
    { id: 'uio.coordinadora', name: 'C', email: 'c@quito.example', roles: ['coordinator' as const] },
    { id: 'uio.tecnica1', name: 'T', email: 't1@quito.example', roles: ['swcs-officer' as const] },
    { id: 'uio.tecnico2', name: 'T', email: 't2@quito.example', roles: ['swcs-officer' as const] },
    { id: 'uio.gestora', name: 'G', email: 'g@quito.example', roles: ['case-manager' as const] },
  ],
};
const quitoUnits = {
  ...quito,
  units: [
    { id: 'calidad', name: { es: 'Calidad', en: 'Quality' }, members: ['uio.tecnico2', 'uio.gestora'] },
  ],
};
const national = {
  id: 'national',
  language: 'es' as const,
  staff: [{ id: 'nat.coordinador', name: 'N', email: 'n@nat.example', roles: ['coordinator' as const] }],
};

describe('one rule for every deadline ladder', () => {
  it("plans a complaint's phases exactly as a referral's, from the same protocol", () => {
    const c = opened();
    const referral = phaseSchedule('acknowledgement', monday, definition, calendar);
    expect(c.deadlines.acknowledgeBy).toBe(referral.deadline);
    expect(c.deadlines.timers?.acknowledge).toEqual(referral.timers.map(({ phase: _p, ...t }) => t));
    expect(
      ladderSchedule(
        monday,
        {
          deadline: definition.deadlines.counterReferral,
          reminders: definition.reminders.counterReferral,
          escalation: definition.escalation.counterReferral,
        },
        calendar,
      ).timers,
    ).toEqual(c.deadlines.timers?.resolve);
  });
});

describe('the appeal period', () => {
  it("is the protocol's when it states one, else 15 working days", () => {
    expect(opened().deadlines.appealPeriod).toEqual(APPEAL_PERIOD);
    const withPeriod = complaintDeadlines(monday, calendar, {
      reference: { cantonId: 'quito', version: 1 } as never,
      definition: { ...definition, appealPeriod: { amount: 3, unit: 'working-days' } },
    });
    expect(withPeriod.appealPeriod).toEqual({ amount: 3, unit: 'working-days' });
    // Decided Monday: three working days later is Thursday at close of business (17:00 in Quito).
    expect(appealDeadline(monday, calendar, withPeriod.appealPeriod)).toBe('2026-11-26T22:00:00.000Z');
    expect(appealDeadline(monday, calendar)).toBe('2026-12-14T22:00:00.000Z');
  });
});

describe('firing a timer', () => {
  it('fires the planned timer once, counted on the case, and the view moves to the next', () => {
    const c = opened();
    const fired = fireComplaintTimer(c, 'acknowledge', 'canton', 0, later(3 * HOUR));
    expect(fired).toMatchObject({ notify: true, timer: { kind: 'reminder' } });
    expect(fired!.event).toMatchObject({
      action: 'reminder-sent',
      by: { userId: 'swcs-workflow' },
      details: { phase: 'acknowledge', level: 'canton', timerIndex: 0 },
    });
    expect(fired!.complaint.timersFired).toEqual({ acknowledge: 1, resolve: 0 });
    expect(fired!.complaint.version).toBe(c.version + 1);
    expect(complaintClock(fired!.complaint, new Date(later(3 * HOUR)))).toMatchObject({
      nextTimer: { kind: 'escalation', step: 0 },
      escalations: 0,
    });
    // A retried step (the same index again) fires nothing.
    expect(fireComplaintTimer(fired!.complaint, 'acknowledge', 'canton', 0, later(3 * HOUR))).toBeUndefined();
    // A wait that only re-planned (no index) fires nothing either.
    expect(fireComplaintTimer(c, 'acknowledge', 'canton', null, later(3 * HOUR))).toBeUndefined();
    const escalated = fireComplaintTimer(fired!.complaint, 'acknowledge', 'canton', 1, later(5 * HOUR));
    expect(escalated!.event.action).toBe('escalated');
    expect(complaintClock(escalated!.complaint, new Date(later(5 * HOUR)))).toMatchObject({
      state: 'breached',
      escalations: 1,
    });
  });

  it('counts a timer that came due after the answer, and tells nobody', () => {
    const acknowledged = addActivity(
      opened(),
      { description: 'Revisar', assigneeId: 'uio.gestora', dueDate: '2026-11-27' },
      { caller, now: later(HOUR), isStaff: () => true },
    ).complaint;
    const skipped = fireComplaintTimer(acknowledged, 'acknowledge', 'canton', 0, later(3 * HOUR));
    expect(skipped).toMatchObject({ notify: false, event: { action: 'timer-skipped' } });
  });

  it("fires nothing for a clock of a level the case has left, and that clock's waits answer themselves", () => {
    const c = { ...opened(), level: 'national' as const };
    expect(fireComplaintTimer(c, 'acknowledge', 'canton', 0, later(3 * HOUR))).toBeUndefined();
    expect(clockAnswer(c, 'acknowledge', 'canton')).toBe('resolved');
  });
});

describe("a phase's answer", () => {
  it('is the first activity for the acknowledgement, the decision for both', () => {
    const c = opened();
    expect(clockAnswer(c, 'acknowledge', 'canton')).toBeUndefined();
    const acted = addActivity(
      c,
      { description: 'Revisar', assigneeId: 'uio.gestora', dueDate: '2026-11-27' },
      { caller, now: later(HOUR), isStaff: () => true },
    ).complaint;
    expect(clockAnswer(acted, 'acknowledge', 'canton')).toBe('acknowledged');
    expect(clockAnswer(acted, 'resolve', 'canton')).toBeUndefined();
    const resolved = resolveComplaint(
      c,
      { decision: 'upheld', reply: { text: 'Gracias', givenBy: 'phone' } },
      { caller, now: later(HOUR) },
    ).complaint;
    expect(clockAnswer(resolved, 'acknowledge', 'canton')).toBe('resolved');
    expect(clockAnswer(resolved, 'resolve', 'canton')).toBe('resolved');
  });
});

describe('whom a fired timer tells', () => {
  const reminder = { kind: 'reminder' as const };
  it("reminds the case's owner and its open activities' assignees, else the coordinators", () => {
    const c = addActivity(
      opened(),
      { description: 'Revisar', assigneeId: 'uio.gestora', dueDate: '2026-11-27' },
      { caller, now: later(HOUR), isStaff: () => true },
    ).complaint;
    expect(clockRecipients(reminder, c, quito, national).map((r) => [r.id, r.as])).toEqual([
      ['uio.tecnica1', 'assignee'],
      ['uio.gestora', 'assignee'],
    ]);
    const nobody = { ...opened(), assigneeId: undefined };
    expect(clockRecipients(reminder, nobody, quito, national).map((r) => r.id)).toEqual(['uio.coordinadora']);
  });

  it("reminds the members of an open activity's unit, by e-mail, as assignees", () => {
    const c = addActivity(
      { ...opened(), assigneeId: undefined },
      { description: 'Revisar', unitId: 'calidad', dueDate: '2026-11-27' },
      {
        caller,
        now: later(HOUR),
        isStaff: () => true,
        findUnit: (id) => quitoUnits.units.find((u) => u.id === id),
      },
    ).complaint;
    expect(clockRecipients(reminder, c, quitoUnits, national).map((r) => [r.id, r.email, r.as])).toEqual([
      ['uio.tecnico2', 't2@quito.example', 'assignee'],
      ['uio.gestora', 'g@quito.example', 'assignee'],
    ]);
    // A sensitive case's escalation to a named member reaches them when their unit is assigned.
    const sensitive = { ...c, sensitive: { reason: 'abuse' as const } };
    const named = { kind: 'escalation' as const, step: 0, notify: { staffId: 'uio.tecnico2' } };
    expect(clockRecipients(named, sensitive, quitoUnits, national).map((r) => r.id)).toEqual([
      'uio.tecnico2',
    ]);
  });

  it('escalates to the ladder step, the national level by its own topic', () => {
    const c = opened();
    const step = (notify: object) => ({ kind: 'escalation' as const, step: 0, notify }) as never;
    expect(clockRecipients(step({ role: 'supervisor' }), c, quito, national).map((r) => r.id)).toEqual([
      'uio.coordinadora',
    ]);
    expect(clockRecipients(step({ role: 'national-coordinator' }), c, quito, national)).toEqual([
      expect.objectContaining({ id: 'nat.coordinador', cantonId: 'national' }),
    ]);
    expect(clockRecipients(step({ staffId: 'uio.tecnico2' }), c, quito, national).map((r) => r.id)).toEqual([
      'uio.tecnico2',
    ]);
  });

  it('tells a sensitive case only to people who may read it: a named member not assigned is replaced by the coordinators', () => {
    const c = opened({ sensitive: { reason: 'staff-misconduct' } });
    const named = { kind: 'escalation' as const, step: 0, notify: { staffId: 'uio.tecnico2' } };
    expect(clockRecipients(named, c, quito, national).map((r) => r.id)).toEqual(['uio.coordinadora']);
  });
});

describe('the notices', () => {
  const data = {
    reference: 'T3V5-W7X9',
    phase: 'acknowledge' as const,
    deadline: new Date('2026-11-23T19:00:00.000Z'),
    timeZone: 'America/Guayaquil',
    link: 'https://vu.example.gob.ec/cantons/quito/complaints/01JD5ZT7M1N3P5Q7R9S1T3V5W7',
  };
  it('fit one GSM-7 segment by SMS, with the reference and the link only', () => {
    for (const kind of ['complaint-reminder', 'complaint-escalation'] as const) {
      for (const language of ['es', 'en'] as const) {
        const { sms } = complaintClockSms(kind, data, language);
        expect(smsSegments(sms)).toMatchObject({ gsm7: true, singleSegment: true });
        expect(sms).toContain(data.reference);
        expect(sms).toContain(data.link);
      }
    }
  });
  it('say by e-mail what is due, when in the canton, and which step', () => {
    const mail = complaintClockEmail('complaint-escalation', { ...data, step: { number: 2, of: 3 } }, 'es');
    expect(mail.subject).toBe('Escalamiento 2/3: caso T3V5-W7X9 fuera de plazo');
    expect(mail.body).toContain('lunes 23/11/2026 14:00');
    expect(mail.body).toContain(data.link);
    expect(complaintClockEmail('complaint-reminder', data, 'en').subject).toBe(
      'Reminder: case T3V5-W7X9 is due Monday 23/11/2026 14:00',
    );
  });
});
