import * as z from 'zod';
import { Timestamp } from '#model/time.js';
import { CANTON_ID_PATTERN } from '#domain/canton.js';
import { CantonPath } from './canton-path.js';
import { pageParameters, pageSchema } from '#model/page.js';
import { ReasonSchema } from '#domain/referral.js';
import { checkClassification } from '#domain/taxonomy-schema.js';
import { CHANNELS, URGENCIES, REQUEST_STATUSES, CONTACT_CHANNELS } from '#domain/request-input.js';

/**
 * The API contract of intake: these zod schemas validate every request and generate the OpenAPI document, so the
 * two can never disagree. Custom checks carry their message in both languages in `params` (see http/handler.ts).
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

// The inputs of intake are the domain's own (domain/request-input.ts); the API offers them as they are.
export {
  CHANNELS,
  URGENCIES,
  REQUEST_STATUSES,
  CONTACT_CHANNELS,
  E164,
  NationalId,
  CitizenInput,
  ContactInput,
  ClassificationInput,
  ConsentInput,
  RecordRequestBody,
  ClassifyBody,
  type ClassifyInput,
  type RecordRequestInput,
  type RequestStatus,
} from '#domain/request-input.js';

export const AnswerBody = z
  .object({ answer: z.string().trim().min(1).max(4000) })
  .strict()
  .meta({ id: 'Answer' });

export const AssignBody = z
  .object({
    officerId: z.string().min(1).max(64),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .meta({ id: 'Assign' });

/** Dates a list can be filtered by: ISO 8601, between 2000 and 2100 (a year 9999 bound is a typo, not a query). */
const isoDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .refine(
    (value) => {
      const at = Date.parse(value);
      return at >= Date.UTC(2000, 0, 1) && at < Date.UTC(2100, 0, 1);
    },
    msg('debe ser una fecha entre los años 2000 y 2099', 'must be a date between the years 2000 and 2099'),
  );

export const ListRequestsQuery = z
  .object({
    status: z.enum(REQUEST_STATUSES).optional(),
    category: z.string().max(60).optional(),
    assignedOfficer: z.string().min(1).max(64).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...pageParameters(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
    path: ['to'],
    ...msg('debe ser igual o posterior a "from"', 'must not be before "from"'),
  })
  .superRefine(checkClassification);

// Its own module, so that a route with only a canton in its path does not load intake's schemas.
export { CantonPath };
export const RequestPath = CantonPath.extend({
  requestId: z
    .string()
    .refine(
      (value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value),
      msg('no es un identificador de solicitud', 'is not a request id'),
    )
    .meta({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' }),
});

// ---- Responses (documented in OpenAPI; the handlers build them from the stored request) ----

const Actor = z.object({ userId: z.string(), roles: z.array(z.string()) });

export const RequestEvent = z.object({
  at: Timestamp,
  by: Actor,
  action: z.enum([
    'recorded',
    'classified',
    'reclassified',
    'assigned',
    'reassigned',
    'answered',
    'referred',
    'referral-ended',
    'escalated',
    'closed',
    'citizen-merged',
    'citizen-unmerged',
    'follow-up-reopened',
  ]),
  details: z.record(z.string(), z.unknown()),
});

const NameView = z.object({ given: z.string(), family: z.string() });

/** Who the request is for: identified by national ID, or (attention without ID) by a provisional identity. */
const CitizenView = z
  .discriminatedUnion('identification', [
    z.object({
      identification: z.literal('national-id'),
      nationalId: z.string().meta({ description: 'Cédula de identidad (10 digits)' }),
      name: NameView.optional(),
    }),
    z.object({
      identification: z.literal('provisional'),
      provisionalId: z.string().meta({
        description:
          'Given by the single window to a citizen without an ID, to be merged with a national ID later',
      }),
      name: NameView,
      nationality: z.string().optional(),
      birthYear: z.number().int().optional(),
      birthDate: z.iso.date().optional(),
      note: z.string().optional(),
    }),
  ])
  .meta({ id: 'Citizen' });

const ContactView = z.object({
  phone: z.string().optional().meta({ description: 'E.164' }),
  email: z.string().optional(),
  preferredChannel: z.enum(CONTACT_CHANNELS).optional(),
  language: z.enum(['es', 'en']).optional(),
});

const RequestStatusField = z.enum(REQUEST_STATUSES).meta({
  description:
    'Where the request stands: received, classified, assigned to an officer, answered on the spot, referred, back in the queue (needs-referral), escalated to the national level, or closed',
});

export const RequestView = z
  .object({
    requestId: z.string(),
    cantonId: z.string(),
    reference: z.string().meta({ description: 'Short reference to read out to the citizen' }),
    status: RequestStatusField,
    channel: z.enum(CHANNELS),
    citizen: CitizenView,
    contact: ContactView,
    description: z.string(),
    classification: z.object({ category: z.string(), subcategory: z.string(), label: z.string() }).optional(),
    protocol: z
      .object({ cantonId: z.string(), version: z.number().int() })
      .optional()
      .meta({ description: 'The protocol version the request was classified under' }),
    urgency: z.enum(URGENCIES),
    consent: z.object({
      dataSharing: z.enum(['given', 'refused']),
      contact: z
        .enum(['given', 'refused'])
        .optional()
        .meta({ description: 'Consent to be contacted by SMS about the request' }),
      recordedAt: Timestamp,
      recordedBy: z.string(),
    }),
    assignedOfficer: z.string().optional(),
    escalation: z
      .object({ to: z.literal('national'), at: Timestamp, by: z.string(), reason: z.string() })
      .optional(),
    answer: z.object({ text: z.string(), at: Timestamp, by: z.string() }).optional(),
    closure: z
      .object({
        at: Timestamp,
        by: z.string(),
        reason: z.object({ code: z.string(), text: z.string().optional() }),
      })
      .optional()
      .meta({ description: 'Set when an officer closed the request with no referral serving it' }),
    createdAt: Timestamp,
    createdBy: z.string().meta({ description: 'The staff id of who recorded it' }),
    updatedAt: Timestamp,
    version: z.number().int().meta({ description: 'Increments with every change of the request' }),
    history: z
      .array(RequestEvent)
      .optional()
      .meta({ description: 'What happened to the request, event by event' }),
    possibleDuplicates: z
      .array(
        z.object({
          provisionalId: z.string(),
          requestIds: z.array(z.string()),
          reasons: z.array(z.enum(['name-and-birth-date', 'name-and-birth-year', 'phone', 'name'])),
        }),
      )
      .optional()
      .meta({
        description:
          'Only when recording: provisional identities of the canton that may be this citizen (same name and birth date — or birth year when a date is unknown —, or same phone). A suggestion: nothing was blocked; merge them if they are',
      }),
  })
  .meta({ id: 'Request' });

/**
 * A request as a list shows it: enough to find and triage it, nothing that identifies or describes the citizen
 * (national ID, name, phone, e-mail, description), which only the single-record read shows — and audits.
 */
export const RequestSummary = z
  .object({
    requestId: z.string(),
    cantonId: z.string(),
    reference: z.string().meta({ description: 'Short reference to read out to the citizen' }),
    status: RequestStatusField,
    channel: z.enum(CHANNELS),
    classification: z.object({ category: z.string(), subcategory: z.string(), label: z.string() }).optional(),
    urgency: z.enum(URGENCIES),
    assignedOfficer: z.string().optional(),
    citizenInitials: z
      .string()
      .optional()
      .meta({
        description: "The citizen's initials (given, family), when a name was recorded",
        examples: ['R. G.'],
      }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().meta({ description: 'Increments with every change of the request' }),
  })
  .meta({ id: 'RequestSummary' });

export const RequestPage = pageSchema(
  RequestSummary,
  'RequestPage',
  'Requests newest first, as summaries: GET the request for the citizen and the description',
);

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string(), problem: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

export type ListRequestsInput = z.infer<typeof ListRequestsQuery>;

export const CloseBody = z.object({ reason: ReasonSchema }).strict().meta({ id: 'RequestClosure' });

export const EscalationBody = z
  .object({ reason: z.string().trim().min(3).max(1000) })
  .strict()
  .meta({ id: 'Escalation' });

/**
 * An entry of the national inbox of escalations: which canton's request, its reference, classification and urgency,
 * and who escalated it when. The reason is the officer's own words about the case: it stays on the escalated
 * request's (audited) read, like the citizen's data.
 */
export const EscalationSummary = z
  .object({
    originCantonId: z.string().meta({ description: 'The canton whose request it is' }),
    requestId: z.string(),
    reference: z.string(),
    classification: z.object({ category: z.string(), subcategory: z.string(), label: z.string() }).optional(),
    urgency: z.enum(URGENCIES),
    at: z.iso.datetime().meta({ description: 'When the request was escalated' }),
    by: z.string().meta({ description: 'The officer who escalated it' }),
  })
  .meta({ id: 'EscalationSummary' });

export const EscalationPage = pageSchema(
  EscalationSummary,
  'EscalationPage',
  'Escalated requests, newest first: GET one for its reason, history and referrals',
);

export const EscalatedRequestPath = z.object({
  cantonId: z.string(),
  originCantonId: z.string().regex(CANTON_ID_PATTERN),
  requestId: RequestPath.shape.requestId,
});
