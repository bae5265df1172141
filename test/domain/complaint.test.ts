import { describe, expect, it } from 'vitest';
import {
  addActivity,
  appealComplaint,
  type Complaint,
  COMPLAINT_TYPES,
  complaintSubcategories,
  MAX_ACTIVITIES,
  openComplaint,
  resolveComplaint,
} from '../../functions/domain/complaint.js';
import { OpenComplaintBody } from '../../functions/domain/complaint-open-input.js';
import { canSeeComplaint } from '../../functions/domain/complaint-access.js';
import {
  appealDeadline,
  clockInstants,
  complaintClock,
  complaintDeadlines,
  nextDate,
  stateAt,
} from '../../functions/domain/complaint-clock.js';
import { complaintReplySms } from '../../functions/domain/complaint-reply.js';
import {
  MAX_PUBLIC_ORIGIN_LENGTH,
  parsePublicAddress,
  shortLink,
} from '../../functions/domain/public-address.js';
import { complaintStatistics, histogramMedian, median } from '../../functions/domain/complaint-stats.js';
import { MAX_SMS_URL_LENGTH, smsSegments } from '../../functions/domain/notifications.js';

const calendar = { timeZone: 'America/Guayaquil', holidays: ['2026-12-25'] };
const caller = { userId: 'uio.operador1', roles: ['operator' as const], cantonId: 'quito' };
// Monday 2026-11-23, 10:00 in Quito.
const monday = new Date('2026-11-23T15:00:00.000Z');
const HOUR = 3_600_000;

function opened(overrides: Record<string, unknown> = {}): Complaint {
  const input = OpenComplaintBody.parse({
    type: 'complaint',
    concerns: { kind: 'other', text: 'La atención en ventanilla' },
    channel: 'walk-in',
    complainant: { identification: 'anonymous' },
    description: 'Me hicieron esperar tres horas',
    ...overrides,
  });
  return openComplaint(input, {
    caller,
    complaintId: '01JD5ZT7M1N3P5Q7R9S1T3V5W7',
    reference: 'T3V5-W7X9',
    now: monday.toISOString(),
    deadlines: complaintDeadlines(monday, calendar),
    provisionalId: () => 'PRV-1',
  }).complaint;
}

describe('complaint types', () => {
  it('are the subcategories of the complaint category, in order', () => {
    expect([...COMPLAINT_TYPES]).toEqual(complaintSubcategories());
  });
});

describe('the response-time clock', () => {
  it('takes its deadlines in working days of the canton, at close of business', () => {
    const c = opened();
    // 2 working days after Monday: Wednesday 17:00 in Quito (22:00 UTC); 15 after: 14 December.
    expect(c.deadlines.acknowledgeBy).toBe('2026-11-25T22:00:00.000Z');
    expect(c.deadlines.resolveBy).toBe('2026-12-14T22:00:00.000Z');
  });

  it('is on track, then at risk in the last quarter, then breached; acknowledging moves it to resolution', () => {
    const c = opened();
    const start = Date.parse(c.deadlines.startedAt);
    const due = Date.parse(c.deadlines.acknowledgeBy);
    expect(complaintClock(c, new Date(start + 1000)).state).toBe('on-track');
    expect(complaintClock(c, new Date(start + (due - start) * 0.8)).state).toBe('at-risk');
    expect(complaintClock(c, new Date(due + 1000))).toEqual({
      phase: 'acknowledge',
      state: 'breached',
      dueAt: c.deadlines.acknowledgeBy,
    });
    const acknowledged = addActivity(
      c,
      { description: 'Revisar', assigneeId: 'uio.gestora', dueDate: '2026-11-27' },
      { caller, now: new Date(due + 1000).toISOString(), isStaff: () => true },
    ).complaint;
    expect(complaintClock(acknowledged, new Date(due + 2000))).toMatchObject({ phase: 'resolve' });
    expect(nextDate(acknowledged, new Date(due + 2000))).toBe(c.deadlines.resolveBy);
  });

  it('stops when resolved: on track if in time, breached if late; the appeal period follows', () => {
    const c = opened();
    const decide = (now: string) =>
      resolveComplaint(
        c,
        { decision: 'upheld', reply: { text: 'Respuesta', givenBy: 'in-person' } },
        { caller, now, appealBy: appealDeadline(new Date(now), calendar) },
      ).complaint;
    const inTime = decide('2026-11-30T15:00:00.000Z');
    expect(complaintClock(inTime, new Date('2027-01-30T00:00:00Z'))).toEqual({
      phase: 'stopped',
      state: 'on-track',
    });
    // 15 working days after Monday 30 November, the 25th of December off: Monday 21 December.
    expect(inTime.resolutions[0]?.appealBy).toBe('2026-12-21T22:00:00.000Z');
    expect(nextDate(inTime, new Date('2026-12-01T00:00:00Z'))).toBe('2026-12-21T22:00:00.000Z');
    expect(nextDate(inTime, new Date('2026-12-22T00:00:00Z'))).toBeUndefined();
    const late = decide('2026-12-15T15:00:00.000Z');
    expect(complaintClock(late, new Date('2026-12-16T00:00:00Z')).state).toBe('breached');
  });
});

describe('activities and appeals', () => {
  it('refuses an eleventh activity', () => {
    let c = opened();
    const add = () =>
      addActivity(
        c,
        { description: 'x', assigneeId: 'uio.gestora', dueDate: '2026-11-27' },
        { caller, now: monday.toISOString(), isStaff: () => true },
      ).complaint;
    for (let i = 0; i < MAX_ACTIVITIES; i++) c = add();
    expect(add).toThrow(expect.objectContaining({ statusCode: 409, code: 'activity_limit' }));
  });

  it('reopens at the national level once', () => {
    const c = resolveComplaint(
      opened(),
      { decision: 'not-upheld', reply: { text: 'No procede', givenBy: 'phone' } },
      { caller, now: monday.toISOString(), appealBy: appealDeadline(monday, calendar) },
    ).complaint;
    const ctx = {
      caller,
      now: '2026-11-24T15:00:00.000Z',
      deadlines: complaintDeadlines(new Date('2026-11-24T15:00:00.000Z'), calendar),
    };
    const appealed = appealComplaint(c, { reason: 'No estoy de acuerdo' }, ctx).complaint;
    expect(appealed).toMatchObject({ level: 'national', status: 'open', resolutions: [{ level: 'canton' }] });
    expect(() => appealComplaint(appealed, { reason: 'otra vez' }, ctx)).toThrow(
      expect.objectContaining({ code: 'appeal_not_allowed' }),
    );
  });
});

describe('who sees a case', () => {
  const sensitive = { ...opened({ sensitive: { reason: 'corruption' } }), assigneeId: 'uio.tecnica1' };
  it.each([
    ['quito', ['swcs-officer'], 'uio.tecnica1', true],
    ['quito', ['swcs-officer'], 'uio.tecnico2', false],
    ['quito', ['coordinator'], 'uio.coordinadora', true],
    ['quito', ['auditor'], 'uio.auditor', false],
    ['quito', ['contact-officer'], 'uio.tecnica1', false],
    ['cuenca', ['coordinator'], 'cue.coordinador', false],
    ['national', ['coordinator'], 'nat.coordinador', false],
  ] as const)('%s %s %s: %s', (cantonId, roles, userId, sees) => {
    expect(canSeeComplaint(sensitive, { cantonId, roles: [...roles], userId })).toBe(sees);
  });
  it('through units: the members of an assigned unit, never a unit the case is about, whatever their role', () => {
    const unit = (id: string, members: string[], organizationId?: string) => ({
      id,
      name: { es: id, en: id },
      members,
      ...(organizationId ? { organizationId } : {}),
    });
    const cantonUnits = [
      unit('calidad', ['uio.tecnico2']),
      unit('patronato-san-jose', ['uio.coordinadora', 'uio.gestora'], 'patronato-san-jose'),
    ];
    const about = {
      ...opened({ sensitive: { reason: 'abuse' }, concerns: { kind: 'unit', unitId: 'patronato-san-jose' } }),
      organizationId: 'patronato-san-jose',
    };
    const directory = {
      isStaff: () => true,
      findUnit: (id: string) => cantonUnits.find((u) => u.id === id),
      concerned: [cantonUnits[1]!],
    };
    const worked = addActivity(
      about,
      { description: 'Revisar', unitId: 'calidad', dueDate: '2026-11-27' },
      { caller, now: monday.toISOString(), ...directory },
    ).complaint;
    expect(worked.activities[0]).toMatchObject({ unitId: 'calidad' });
    expect(worked.activities[0]).not.toHaveProperty('assigneeId');
    const sees = (userId: string, roles: string[]) =>
      canSeeComplaint(
        worked,
        { cantonId: 'quito', roles: roles as never, userId },
        { memberOf: cantonUnits.filter((u) => u.members.includes(userId)), cantonUnits },
      );
    expect(sees('uio.tecnico2', ['swcs-officer'])).toBe(true);
    expect(sees('uio.gestora', ['case-manager'])).toBe(false);
    // A coordinator who is a member of the unit concerned does not see it either.
    expect(sees('uio.coordinadora', ['coordinator'])).toBe(false);
    // The unit concerned, or one of its members, is never given the case.
    for (const input of [{ unitId: 'patronato-san-jose' }, { assigneeId: 'uio.gestora' }]) {
      expect(() =>
        addActivity(
          about,
          { description: 'Revisar', dueDate: '2026-11-27', ...input },
          { caller, now: monday.toISOString(), ...directory },
        ),
      ).toThrow(expect.objectContaining({ statusCode: 400 }));
    }
    expect(() =>
      addActivity(
        about,
        { description: 'Revisar', unitId: 'otra', dueDate: '2026-11-27' },
        { caller, now: monday.toISOString(), ...directory },
      ),
    ).toThrow(
      expect.objectContaining({ statusCode: 400, details: [expect.objectContaining({ field: 'unitId' })] }),
    );
  });

  it('a staff complaint is sensitive unless stated', () => {
    expect(opened({ concerns: { kind: 'staff' } }).sensitive).toEqual({ reason: 'staff-misconduct' });
  });
});

describe('the reply SMS', () => {
  it("is one GSM-7 segment with the complainant's link from the longest public origin, in both languages", () => {
    // The longest origin the public address accepts, and an 11-character link code: the longest link there is.
    const origin = `https://${'v'.repeat(MAX_PUBLIC_ORIGIN_LENGTH - 'https://'.length)}`;
    const link = shortLink(parsePublicAddress(origin), 'zZ9aB8cD7eF');
    expect(link).toHaveLength(MAX_SMS_URL_LENGTH);
    for (const language of ['es', 'en'] as const) {
      const { sms } = complaintReplySms('T3V5-W7X9', link, language);
      expect(smsSegments(sms)).toMatchObject({ gsm7: true, segments: 1 });
      expect(sms).toContain(link);
    }
  });
});

describe("managers' statistics", () => {
  it('median of even and odd counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });
  it('the median of an hourly histogram: the middle hour, or the mean of the two middle ones', () => {
    expect(histogramMedian({ 3: 1, 1: 1, 2: 1 })).toBe(2);
    expect(histogramMedian({ 1: 1, 2: 1, 3: 1, 4: 1 })).toBe(2.5);
    expect(histogramMedian({ 10: 3, 50: 1 })).toBe(10);
    expect(histogramMedian({})).toBe(0);
  });

  it('counts open cases from their index entries and times to resolution from the figures kept per type', () => {
    const open = opened();
    const instants = clockInstants(open);
    expect(instants).toBeDefined();
    const now = new Date('2026-11-24T15:00:00.000Z');
    const stats = complaintStatistics({
      open: [{ status: open.status, type: open.type, ...instants! }],
      overdue: [{ assigneeId: 'uio.gestora' }, { unitId: 'calidad' }, { unitId: 'calidad' }],
      // Two shards of claims: 48 h and 24 h (on time), 72 h (late).
      resolved: [
        { type: 'claim', resolved: 2, totalMs: 72 * HOUR, onTime: 2, hours: { 24: 1, 48: 1 } },
        { type: 'claim', resolved: 1, totalMs: 72 * HOUR, onTime: 0, hours: { 72: 1 } },
      ],
      ratings: { ratings: 2, total: 7 },
      now,
    });
    expect(stats.open).toMatchObject({
      total: 1,
      byType: { complaint: 1 },
      byAssignee: { unassigned: 1 },
      byClock: { [complaintClock(open, now).state]: 1 },
    });
    expect(stats.overdueActivities).toEqual([
      { unitId: 'calidad', overdue: 2 },
      { assigneeId: 'uio.gestora', overdue: 1 },
    ]);
    expect(stats.resolution).toEqual([
      { type: 'claim', resolved: 3, averageDays: 2, medianDays: 2, onTimeShare: 0.67 },
    ]);
    expect(stats.satisfaction).toEqual({ ratings: 2, average: 3.5 });
  });

  it("reads an open case's clock state from two fixed instants, as the running clock computes it", () => {
    const c = opened();
    const acknowledged = { ...c, acknowledgedAt: c.createdAt, status: 'in-progress' as const };
    for (const current of [c, acknowledged]) {
      const instants = clockInstants(current)!;
      const start = Date.parse(current.deadlines.startedAt);
      const end = Date.parse(instants.breachAt) + 2 * HOUR;
      for (let t = start; t <= end; t += HOUR / 2) {
        for (const at of [
          new Date(t),
          new Date(Date.parse(instants.atRiskAt)),
          new Date(Date.parse(instants.breachAt) + 1),
        ]) {
          expect(stateAt(instants, at)).toBe(complaintClock(current, at).state);
        }
      }
    }
    expect(clockInstants({ ...c, status: 'resolved' })).toBeUndefined();
  });
});
