import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { CANTON_ID_PATTERN } from '#domain/canton-id.js';
import { CantonPath } from './canton-path.js';
import { pageParameters, pageSchema } from '#model/page.js';
import { ReasonSchema } from '#domain/referral-record.js';
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

export const AnswerBody = withMeta(
  z.strictObject({ answer: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(4000)) }),
  { id: 'Answer' },
);

export const AssignBody = withMeta(
  z.strictObject({
    officerId: z.string().check(z.minLength(1)).check(z.maxLength(64)),
    note: z.optional(z.string().check(z.trim()).check(z.maxLength(1000))),
  }),
  { id: 'Assign' },
);

/** Dates a list can be filtered by: ISO 8601, between 2000 and 2100 (a year 9999 bound is a typo, not a query). */
const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).check(
  z.refine(
    (value) => {
      const at = Date.parse(value);
      return at >= Date.UTC(2000, 0, 1) && at < Date.UTC(2100, 0, 1);
    },
    msg('debe ser una fecha entre los años 2000 y 2099', 'must be a date between the years 2000 and 2099'),
  ),
);

export const ListRequestsQuery = z
  .strictObject({
    status: z.optional(z.enum(REQUEST_STATUSES)),
    category: z.optional(z.string().check(z.maxLength(60))),
    assignedOfficer: z.optional(z.string().check(z.minLength(1)).check(z.maxLength(64))),
    from: z.optional(isoDate),
    to: z.optional(isoDate),
    ...pageParameters(),
  })
  .check(
    z.refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
      path: ['to'],
      ...msg('debe ser igual o posterior a "from"', 'must not be before "from"'),
    }),
  )
  .check(z.superRefine(checkClassification));

// Its own module, so that a route with only a canton in its path does not load intake's schemas.
export { CantonPath };
export const RequestPath = z.extend(CantonPath, {
  requestId: withMeta(
    z
      .string()
      .check(
        z.refine(
          (value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value),
          msg('no es un identificador de solicitud', 'is not a request id'),
        ),
      ),
    { pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' },
  ),
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
const CitizenView = withMeta(
  z.discriminatedUnion('identification', [
    z.object({
      identification: z.literal('national-id'),
      nationalId: withMeta(z.string(), { description: 'Cédula de identidad (10 digits)' }),
      name: z.optional(NameView),
    }),
    z.object({
      identification: z.literal('provisional'),
      provisionalId: withMeta(z.string(), {
        description:
          'Given by the single window to a citizen without an ID, to be merged with a national ID later',
      }),
      name: NameView,
      nationality: z.optional(z.string()),
      birthYear: z.optional(z.number().check(z.int())),
      birthDate: z.optional(z.iso.date()),
      note: z.optional(z.string()),
    }),
  ]),
  { id: 'Citizen' },
);

const ContactView = z.object({
  phone: withMeta(z.optional(z.string()), { description: 'E.164' }),
  email: z.optional(z.string()),
  preferredChannel: z.optional(z.enum(CONTACT_CHANNELS)),
  language: z.optional(z.enum(['es', 'en'])),
});

const RequestStatusField = withMeta(z.enum(REQUEST_STATUSES), {
  description:
    'Where the request stands: received, classified, assigned to an officer, answered on the spot, referred, back in the queue (needs-referral), escalated to the national level, or closed',
});

export const RequestView = withMeta(
  z.object({
    requestId: z.string(),
    cantonId: z.string(),
    reference: withMeta(z.string(), { description: 'Short reference to read out to the citizen' }),
    status: RequestStatusField,
    channel: z.enum(CHANNELS),
    citizen: CitizenView,
    contact: ContactView,
    description: z.string(),
    classification: z.optional(
      z.object({ category: z.string(), subcategory: z.string(), label: z.string() }),
    ),
    protocol: withMeta(z.optional(z.object({ cantonId: z.string(), version: z.number().check(z.int()) })), {
      description: 'The protocol version the request was classified under',
    }),
    urgency: z.enum(URGENCIES),
    consent: z.object({
      dataSharing: z.enum(['given', 'refused']),
      contact: withMeta(z.optional(z.enum(['given', 'refused'])), {
        description: 'Consent to be contacted by SMS about the request',
      }),
      recordedAt: Timestamp,
      recordedBy: z.string(),
    }),
    assignedOfficer: z.optional(z.string()),
    escalation: z.optional(
      z.object({ to: z.literal('national'), at: Timestamp, by: z.string(), reason: z.string() }),
    ),
    answer: z.optional(z.object({ text: z.string(), at: Timestamp, by: z.string() })),
    closure: withMeta(
      z.optional(
        z.object({
          at: Timestamp,
          by: z.string(),
          reason: z.object({ code: z.string(), text: z.optional(z.string()) }),
        }),
      ),
      { description: 'Set when an officer closed the request with no referral serving it' },
    ),
    createdAt: Timestamp,
    createdBy: withMeta(z.string(), { description: 'The staff id of who recorded it' }),
    updatedAt: Timestamp,
    version: withMeta(z.number().check(z.int()), {
      description: 'Increments with every change of the request',
    }),
    history: withMeta(z.optional(z.array(RequestEvent)), {
      description: 'What happened to the request, event by event',
    }),
    possibleDuplicates: withMeta(
      z.optional(
        z.array(
          z.object({
            provisionalId: z.string(),
            requestIds: z.array(z.string()),
            reasons: z.array(z.enum(['name-and-birth-date', 'name-and-birth-year', 'phone', 'name'])),
          }),
        ),
      ),
      {
        description:
          'Only when recording: provisional identities of the canton that may be this citizen (same name and birth date — or birth year when a date is unknown —, or same phone). A suggestion: nothing was blocked; merge them if they are',
      },
    ),
  }),
  { id: 'Request' },
);

/**
 * A request as a list shows it: enough to find and triage it, nothing that identifies or describes the citizen
 * (national ID, name, phone, e-mail, description), which only the single-record read shows — and audits.
 */
export const RequestSummary = withMeta(
  z.object({
    requestId: z.string(),
    cantonId: z.string(),
    reference: withMeta(z.string(), { description: 'Short reference to read out to the citizen' }),
    status: RequestStatusField,
    channel: z.enum(CHANNELS),
    classification: z.optional(
      z.object({ category: z.string(), subcategory: z.string(), label: z.string() }),
    ),
    urgency: z.enum(URGENCIES),
    assignedOfficer: z.optional(z.string()),
    citizenInitials: withMeta(z.optional(z.string()), {
      description: "The citizen's initials (given, family), when a name was recorded",
      examples: ['R. G.'],
    }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: withMeta(z.number().check(z.int()), {
      description: 'Increments with every change of the request',
    }),
  }),
  { id: 'RequestSummary' },
);

export const RequestPage = pageSchema(
  RequestSummary,
  'RequestPage',
  'Requests newest first, as summaries: GET the request for the citizen and the description',
);

export const ErrorBody = withMeta(
  z.object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.optional(z.array(z.object({ field: z.string(), problem: z.string() }))),
    }),
  }),
  { id: 'Error' },
);

export type ListRequestsInput = z.infer<typeof ListRequestsQuery>;

export const CloseBody = withMeta(z.strictObject({ reason: ReasonSchema }), { id: 'RequestClosure' });

export const EscalationBody = withMeta(
  z.strictObject({ reason: z.string().check(z.trim()).check(z.minLength(3)).check(z.maxLength(1000)) }),
  { id: 'Escalation' },
);

/**
 * An entry of the national inbox of escalations: which canton's request, its reference, classification and urgency,
 * and who escalated it when. The reason is the officer's own words about the case: it stays on the escalated
 * request's (audited) read, like the citizen's data.
 */
export const EscalationSummary = withMeta(
  z.object({
    originCantonId: withMeta(z.string(), { description: 'The canton whose request it is' }),
    requestId: z.string(),
    reference: z.string(),
    classification: z.optional(
      z.object({ category: z.string(), subcategory: z.string(), label: z.string() }),
    ),
    urgency: z.enum(URGENCIES),
    at: withMeta(z.iso.datetime(), { description: 'When the request was escalated' }),
    by: withMeta(z.string(), { description: 'The officer who escalated it' }),
  }),
  { id: 'EscalationSummary' },
);

export const EscalationPage = pageSchema(
  EscalationSummary,
  'EscalationPage',
  'Escalated requests, newest first: GET one for its reason, history and referrals',
);

export const EscalatedRequestPath = z.object({
  cantonId: z.string(),
  originCantonId: z.string().check(z.regex(CANTON_ID_PATTERN)),
  requestId: RequestPath.shape.requestId,
});
