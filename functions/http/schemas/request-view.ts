import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { CONTACT_CHANNELS, URGENCIES } from '#domain/request-vocabulary.js';
import { requestHead } from './request-fields.js';

/**
 * A request as the API shows it (documented in OpenAPI; the handlers build it from the stored request, see
 * views/requests.ts): the answer of every route that reads or changes one request.
 */

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

export const RequestView = withMeta(
  z.object({
    ...requestHead,
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
