import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp, CalendarDay } from '#model/time.js';
import { pageSchema } from '#model/page.js';
import { CHANNELS, CONTACT_CHANNELS } from '#domain/request-input.js';
import {
  ACTIVITY_STATUSES,
  COMPLAINT_TYPES,
  DECISIONS,
  REPLY_CHANNELS,
  SENSITIVE_REASONS,
} from '#domain/complaint-input.js';
import { CLOCK_STATES } from '#domain/complaint-clock.js';
import { CantonPath } from './canton-path.js';

/**
 * The API contract of complaint cases (PQSSF): the bodies are the domain's own schemas (domain/complaint-*-input.ts);
 * the answers are described here as the views build them (http/views/complaints.ts).
 */

export { OpenComplaintBody, type OpenComplaintInput } from '#domain/complaint-open-input.js';
export { ActivityBody, type ActivityInput } from '#domain/complaint-activity-input.js';
export { ActivityProgressBody, type ActivityProgressInput } from '#domain/complaint-progress-input.js';
export {
  ResolutionBody,
  AppealBody,
  SatisfactionBody,
  type ResolutionInput,
  type AppealInput,
  type SatisfactionInput,
} from '#domain/complaint-decision-input.js';

export { CantonPath };

// The paths and the query, in modules of their own: an operation's module takes them without the answers below,
// which only the OpenAPI document reads.
export * from './complaint-requests.js';
export * from './complaint-activity-path.js';
export * from './complaint-list.js';

const int = () => z.number().check(z.int());

// ---- Answers ----

const Actor = z.object({ userId: z.string(), roles: z.array(z.string()) });

export const ComplaintEventView = z.object({
  at: Timestamp,
  by: Actor,
  action: z.enum([
    'opened',
    'activity-added',
    'activity-updated',
    'resolved',
    'reply-delivered',
    'appealed',
    'rated',
    'reminder-sent',
    'escalated',
    'timer-skipped',
    'complainant-merged',
    'complainant-unmerged',
  ]),
  details: z.record(z.string(), z.unknown()),
});

const NameView = z.object({ given: z.string(), family: z.string() });

const ComplainantView = withMeta(
  z.union([
    z.object({ identification: z.literal('anonymous') }),
    z.object({
      identification: z.literal('national-id'),
      nationalId: z.string(),
      name: z.optional(NameView),
    }),
    z.object({
      identification: z.literal('provisional'),
      provisionalId: z.string(),
      name: NameView,
      nationality: z.optional(z.string()),
      birthYear: z.optional(int()),
      birthDate: z.optional(z.iso.date()),
      note: z.optional(z.string()),
    }),
    z.object({
      identification: z.enum(['national-id', 'provisional']),
      withheld: withMeta(z.literal(true), {
        description: 'A sensitive case: only coordinators see who the complainant is',
      }),
    }),
  ]),
  { id: 'ComplainantView' },
);

const ConcernsView = withMeta(
  z.object({
    kind: z.enum(['program', 'service', 'provider', 'referral', 'unit', 'staff', 'other']),
    name: z.optional(z.string()),
    serviceId: z.optional(z.string()),
    organizationId: z.optional(z.string()),
    referralId: z.optional(z.string()),
    unitId: z.optional(z.string()),
    note: z.optional(z.string()),
    text: z.optional(z.string()),
  }),
  { id: 'ComplaintConcernsView' },
);

const TimerView = withMeta(
  z.object({
    at: Timestamp,
    kind: z.enum(['reminder', 'escalation']),
    step: withMeta(z.optional(int()), { description: 'The step of the escalation ladder, from 0' }),
    notify: withMeta(
      z.optional(z.object({ role: z.optional(z.string()), staffId: z.optional(z.string()) })),
      {
        description: 'Whom the escalation step is for',
      },
    ),
  }),
  { id: 'ComplaintTimer' },
);

export const ClockView = withMeta(
  z.object({
    phase: z.enum(['acknowledge', 'resolve', 'stopped']),
    state: withMeta(z.enum(CLOCK_STATES), {
      description:
        'on-track; at-risk in the last quarter of the time given; breached once the deadline passed (a resolved case: whether it was resolved in time)',
    }),
    dueAt: z.optional(Timestamp),
    nextTimer: withMeta(z.optional(TimerView), {
      description: "The phase's next reminder or escalation step",
    }),
    escalations: withMeta(z.optional(int()), {
      description: "How many steps of the phase's escalation ladder are past",
    }),
  }),
  { id: 'ComplaintClock' },
);

const ActivityView = z.object({
  number: z.number().check(z.int(), z.gte(1), z.lte(10)),
  description: z.string(),
  assigneeId: withMeta(z.optional(z.string()), { description: 'The person it is assigned to, or else:' }),
  unitId: withMeta(z.optional(z.string()), {
    description: 'The unit it is assigned to (its members work it), of the level in `level`',
  }),
  dueDate: CalendarDay,
  after: z.array(int()),
  status: z.enum(ACTIVITY_STATUSES),
  result: z.optional(z.string()),
  cancelReason: z.optional(z.string()),
  level: z.enum(['canton', 'national']),
  overdue: withMeta(z.boolean(), { description: 'Still open after its due date (the canton’s day)' }),
  createdAt: Timestamp,
  createdBy: z.string(),
  updatedAt: Timestamp,
});

const ResolutionView = z.object({
  decision: z.enum(DECISIONS),
  level: z.enum(['canton', 'national']),
  reply: z.object({
    text: z.string(),
    language: z.enum(['es', 'en']),
    channel: z.enum(REPLY_CHANNELS),
    delivery: z.enum(['pending', 'sent', 'failed', 'given']),
    at: Timestamp,
    by: z.string(),
  }),
  at: Timestamp,
  by: z.string(),
  appealBy: z.optional(Timestamp),
  onTime: z.boolean(),
});

export const ComplaintView = withMeta(
  z.object({
    complaintId: z.string(),
    cantonId: z.string(),
    reference: withMeta(z.string(), { description: 'What the citizen keeps to follow the case' }),
    type: z.enum(COMPLAINT_TYPES),
    typeLabel: z.string(),
    concerns: z.optional(ConcernsView),
    organizationId: withMeta(z.optional(z.string()), { description: 'The provider the case is counted on' }),
    channel: z.enum(CHANNELS),
    complainant: ComplainantView,
    contact: z.optional(
      z.object({
        phone: z.optional(z.string()),
        email: z.optional(z.string()),
        preferredChannel: z.optional(z.enum(CONTACT_CHANNELS)),
      }),
    ),
    replyChannel: z.enum(REPLY_CHANNELS),
    language: z.enum(['es', 'en']),
    description: z.string(),
    sensitive: z.optional(z.object({ reason: z.enum(SENSITIVE_REASONS) })),
    assigneeId: z.optional(z.string()),
    requestId: withMeta(z.optional(z.string()), { description: 'The request the case was opened from' }),
    status: z.enum(['open', 'in-progress', 'resolved']),
    level: z.enum(['canton', 'national']),
    deadlines: z.object({
      startedAt: Timestamp,
      acknowledgeBy: Timestamp,
      resolveBy: Timestamp,
      protocol: z.optional(z.object({ cantonId: z.string(), version: int() })),
      timers: withMeta(
        z.optional(z.object({ acknowledge: z.array(TimerView), resolve: z.array(TimerView) })),
        {
          description: "Each phase's reminders and escalation steps, from the protocol",
        },
      ),
      appealPeriod: withMeta(
        z.optional(z.object({ amount: int(), unit: z.enum(['hours', 'working-days']) })),
        { description: "How long after a decision it may be appealed: the protocol's, or 15 working days" },
      ),
    }),
    clock: ClockView,
    acknowledgedAt: z.optional(Timestamp),
    activities: z.array(ActivityView),
    resolutions: z.array(ResolutionView),
    appeal: z.optional(z.object({ reason: z.string(), at: Timestamp, by: z.string() })),
    satisfaction: z.optional(
      z.object({ rating: int(), comment: z.optional(z.string()), at: Timestamp, by: z.string() }),
    ),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
    version: int(),
    history: z.optional(z.array(ComplaintEventView)),
  }),
  { id: 'Complaint' },
);

export const ComplaintSummary = withMeta(
  z.object({
    complaintId: z.string(),
    reference: z.string(),
    type: z.enum(COMPLAINT_TYPES),
    status: z.enum(['open', 'in-progress', 'resolved']),
    level: z.enum(['canton', 'national']),
    sensitive: z.boolean(),
    assigneeId: z.optional(z.string()),
    clock: ClockView,
    activities: withMeta(int(), { description: 'How many activities the case has' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: int(),
  }),
  { id: 'ComplaintSummary' },
);

export const ComplaintPage = pageSchema(
  ComplaintSummary,
  'ComplaintPage',
  'Cases newest first (by clock state, soonest breach first), without the complainant or the words: GET a case for those (audited)',
);

export const FollowUpView = withMeta(
  z.object({
    reference: z.string(),
    status: z.enum(['open', 'in-progress', 'resolved']),
    nextDate: withMeta(z.optional(Timestamp), {
      description: 'When the next step is due, or until when the decision may be appealed',
    }),
  }),
  { id: 'ComplaintFollowUp' },
);

const Counts = z.record(z.string(), int());

export const ComplaintStatisticsView = withMeta(
  z.object({
    cantonId: z.string(),
    at: Timestamp,
    open: z.object({
      total: int(),
      byStatus: Counts,
      byType: Counts,
      byClock: Counts,
      byAssignee: Counts,
    }),
    overdueActivities: withMeta(
      z.array(
        z.object({
          assigneeId: withMeta(z.optional(z.string()), { description: 'A person assigned, or else:' }),
          unitId: withMeta(z.optional(z.string()), { description: 'A unit assigned' }),
          overdue: int(),
        }),
      ),
      { description: "Each assignee's (person's or unit's) activities still open after their due date" },
    ),
    resolution: z.array(
      z.object({
        type: z.enum(COMPLAINT_TYPES),
        resolved: int(),
        averageDays: z.number(),
        medianDays: z.number(),
        onTimeShare: z.number().check(z.gte(0), z.lte(1)),
      }),
    ),
    satisfaction: z.object({ ratings: int(), average: z.optional(z.number()) }),
    providers: z.array(z.object({ organizationId: z.string(), complaints: int() })),
  }),
  { id: 'ComplaintStatistics' },
);
