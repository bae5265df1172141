import * as z from 'zod';
import { Timestamp, CalendarDay } from '#model/time.js';
import { pageParameters, pageSchema } from '#model/page.js';
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
 * The API contract of complaint cases (PQSSF): the bodies are the domain's own schemas (domain/complaint-input.ts);
 * the answers are described here as the views build them (http/views/complaints.ts).
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

export {
  OpenComplaintBody,
  ActivityBody,
  ActivityProgressBody,
  ResolutionBody,
  AppealBody,
  SatisfactionBody,
  type OpenComplaintInput,
  type ActivityInput,
  type ActivityProgressInput,
  type ResolutionInput,
  type AppealInput,
  type SatisfactionInput,
} from '#domain/complaint-input.js';

export { CantonPath };

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const ComplaintPath = CantonPath.extend({
  complaintId: z
    .string()
    .refine((value) => ULID.test(value), msg('no es un identificador de caso', 'is not a case id'))
    .meta({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' }),
});

export const ActivityPath = ComplaintPath.extend({
  activityNumber: z.coerce.number().int().min(1).max(10),
});

export const ReferencePath = CantonPath.extend({
  reference: z
    .string()
    .refine(
      (value) => /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(value),
      msg('no es una referencia como F9MZ-NGF8', 'is not a reference such as F9MZ-NGF8'),
    )
    .meta({ pattern: '^[0-9A-Z]{4}-[0-9A-Z]{4}$' }),
});

export const ListComplaintsQuery = z
  .object({
    status: z.enum(['open', 'in-progress', 'resolved']).optional(),
    type: z.enum(COMPLAINT_TYPES).optional(),
    clock: z.enum(CLOCK_STATES).optional(),
    assigneeId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .meta({ description: "Cases the person owns or has an activity of (the caller's level's staff)" }),
    unitId: z.string().min(1).max(64).optional().meta({
      description: "Cases with an activity assigned to the unit (a unit of the caller's canton, or national)",
    }),
    ...pageParameters(),
  })
  .strict();
export type ListComplaintsInput = z.infer<typeof ListComplaintsQuery>;

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

const ComplainantView = z
  .union([
    z.object({ identification: z.literal('anonymous') }),
    z.object({
      identification: z.literal('national-id'),
      nationalId: z.string(),
      name: NameView.optional(),
    }),
    z.object({
      identification: z.literal('provisional'),
      provisionalId: z.string(),
      name: NameView,
      nationality: z.string().optional(),
      birthYear: z.number().int().optional(),
      birthDate: z.iso.date().optional(),
      note: z.string().optional(),
    }),
    z.object({
      identification: z.enum(['national-id', 'provisional']),
      withheld: z.literal(true).meta({
        description: 'A sensitive case: only coordinators see who the complainant is',
      }),
    }),
  ])
  .meta({ id: 'ComplainantView' });

const ConcernsView = z
  .object({
    kind: z.enum(['program', 'service', 'provider', 'referral', 'unit', 'staff', 'other']),
    name: z.string().optional(),
    serviceId: z.string().optional(),
    organizationId: z.string().optional(),
    referralId: z.string().optional(),
    unitId: z.string().optional(),
    note: z.string().optional(),
    text: z.string().optional(),
  })
  .meta({ id: 'ComplaintConcernsView' });

const TimerView = z
  .object({
    at: Timestamp,
    kind: z.enum(['reminder', 'escalation']),
    step: z.number().int().optional().meta({ description: 'The step of the escalation ladder, from 0' }),
    notify: z
      .object({ role: z.string().optional(), staffId: z.string().optional() })
      .optional()
      .meta({ description: 'Whom the escalation step is for' }),
  })
  .meta({ id: 'ComplaintTimer' });

export const ClockView = z
  .object({
    phase: z.enum(['acknowledge', 'resolve', 'stopped']),
    state: z.enum(CLOCK_STATES).meta({
      description:
        'on-track; at-risk in the last quarter of the time given; breached once the deadline passed (a resolved case: whether it was resolved in time)',
    }),
    dueAt: Timestamp.optional(),
    nextTimer: TimerView.optional().meta({ description: "The phase's next reminder or escalation step" }),
    escalations: z
      .number()
      .int()
      .optional()
      .meta({ description: "How many steps of the phase's escalation ladder are past" }),
  })
  .meta({ id: 'ComplaintClock' });

const ActivityView = z.object({
  number: z.number().int().min(1).max(10),
  description: z.string(),
  assigneeId: z.string().optional().meta({ description: 'The person it is assigned to, or else:' }),
  unitId: z
    .string()
    .optional()
    .meta({ description: 'The unit it is assigned to (its members work it), of the level in `level`' }),
  dueDate: CalendarDay,
  after: z.array(z.number().int()),
  status: z.enum(ACTIVITY_STATUSES),
  result: z.string().optional(),
  cancelReason: z.string().optional(),
  level: z.enum(['canton', 'national']),
  overdue: z.boolean().meta({ description: 'Still open after its due date (the canton’s day)' }),
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
  appealBy: Timestamp.optional(),
  onTime: z.boolean(),
});

export const ComplaintView = z
  .object({
    complaintId: z.string(),
    cantonId: z.string(),
    reference: z.string().meta({ description: 'What the citizen keeps to follow the case' }),
    type: z.enum(COMPLAINT_TYPES),
    typeLabel: z.string(),
    concerns: ConcernsView.optional(),
    organizationId: z.string().optional().meta({ description: 'The provider the case is counted on' }),
    channel: z.enum(CHANNELS),
    complainant: ComplainantView,
    contact: z
      .object({
        phone: z.string().optional(),
        email: z.string().optional(),
        preferredChannel: z.enum(CONTACT_CHANNELS).optional(),
      })
      .optional(),
    replyChannel: z.enum(REPLY_CHANNELS),
    language: z.enum(['es', 'en']),
    description: z.string(),
    sensitive: z.object({ reason: z.enum(SENSITIVE_REASONS) }).optional(),
    assigneeId: z.string().optional(),
    requestId: z.string().optional().meta({ description: 'The request the case was opened from' }),
    status: z.enum(['open', 'in-progress', 'resolved']),
    level: z.enum(['canton', 'national']),
    deadlines: z.object({
      startedAt: Timestamp,
      acknowledgeBy: Timestamp,
      resolveBy: Timestamp,
      protocol: z.object({ cantonId: z.string(), version: z.number().int() }).optional(),
      timers: z
        .object({ acknowledge: z.array(TimerView), resolve: z.array(TimerView) })
        .optional()
        .meta({ description: "Each phase's reminders and escalation steps, from the protocol" }),
      appealPeriod: z
        .object({ amount: z.number().int(), unit: z.enum(['hours', 'working-days']) })
        .optional()
        .meta({
          description: "How long after a decision it may be appealed: the protocol's, or 15 working days",
        }),
    }),
    clock: ClockView,
    acknowledgedAt: Timestamp.optional(),
    activities: z.array(ActivityView),
    resolutions: z.array(ResolutionView),
    appeal: z.object({ reason: z.string(), at: Timestamp, by: z.string() }).optional(),
    satisfaction: z
      .object({ rating: z.number().int(), comment: z.string().optional(), at: Timestamp, by: z.string() })
      .optional(),
    createdAt: Timestamp,
    createdBy: z.string(),
    updatedAt: Timestamp,
    version: z.number().int(),
    history: z.array(ComplaintEventView).optional(),
  })
  .meta({ id: 'Complaint' });

export const ComplaintSummary = z
  .object({
    complaintId: z.string(),
    reference: z.string(),
    type: z.enum(COMPLAINT_TYPES),
    status: z.enum(['open', 'in-progress', 'resolved']),
    level: z.enum(['canton', 'national']),
    sensitive: z.boolean(),
    assigneeId: z.string().optional(),
    clock: ClockView,
    activities: z.number().int().meta({ description: 'How many activities the case has' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'ComplaintSummary' });

export const ComplaintPage = pageSchema(
  ComplaintSummary,
  'ComplaintPage',
  'Cases newest first (by clock state, soonest breach first), without the complainant or the words: GET a case for those (audited)',
);

export const FollowUpView = z
  .object({
    reference: z.string(),
    status: z.enum(['open', 'in-progress', 'resolved']),
    nextDate: Timestamp.optional().meta({
      description: 'When the next step is due, or until when the decision may be appealed',
    }),
  })
  .meta({ id: 'ComplaintFollowUp' });

const Counts = z.record(z.string(), z.number().int());

export const ComplaintStatisticsView = z
  .object({
    cantonId: z.string(),
    at: Timestamp,
    open: z.object({
      total: z.number().int(),
      byStatus: Counts,
      byType: Counts,
      byClock: Counts,
      byAssignee: Counts,
    }),
    overdueActivities: z
      .array(
        z.object({
          assigneeId: z.string().optional().meta({ description: 'A person assigned, or else:' }),
          unitId: z.string().optional().meta({ description: 'A unit assigned' }),
          overdue: z.number().int(),
        }),
      )
      .meta({
        description: "Each assignee's (person's or unit's) activities still open after their due date",
      }),
    resolution: z.array(
      z.object({
        type: z.enum(COMPLAINT_TYPES),
        resolved: z.number().int(),
        averageDays: z.number(),
        medianDays: z.number(),
        onTimeShare: z.number().min(0).max(1),
      }),
    ),
    satisfaction: z.object({ ratings: z.number().int(), average: z.number().optional() }),
    providers: z.array(z.object({ organizationId: z.string(), complaints: z.number().int() })),
  })
  .meta({ id: 'ComplaintStatistics' });
