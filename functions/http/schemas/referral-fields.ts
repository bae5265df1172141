import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { Timestamp } from '#model/time.js';
import { REFERRAL_STATUSES } from '#domain/referral-record.js';

/** Fields of a referral shown by the single read and the lists alike, with what a client must know of them. */
export const Described = {
  reference: withMeta(z.string(), { description: 'The short reference notices carry (never personal data)' }),
  referringOfficer: withMeta(z.string(), { description: 'The staff id of the officer who referred' }),
  status: withMeta(z.enum(REFERRAL_STATUSES), {
    description: 'Where the referral stands (HL7 FHIR Task.status codes)',
  }),
  spot: withMeta(z.enum(['reserved', 'consumed', 'released', 'waitlisted']), {
    description:
      "What the referral holds of the service's spots: reserved while requested, consumed once accepted, released when it ends unserved; waitlisted when none was free",
  }),
  deadlines: z.object({
    acknowledgement: withMeta(Timestamp, {
      description: 'By when the contact officer must acknowledge or accept',
    }),
    counterReferral: withMeta(z.optional(Timestamp), { description: 'By when the counter-referral is due' }),
  }),
  overdue: withMeta(z.boolean(), {
    description: 'A deadline passed without its answer, or the contact officers could not be told',
  }),
  version: withMeta(z.number().check(z.int()), {
    description: 'Increments with every change of the referral',
  }),
};

/** The service a referral goes to, as it was named when the referral was made. */
const ReferredService = z.object({
  cantonId: z.string(),
  serviceId: z.string(),
  organizationId: z.string(),
  name: z.string(),
});

/** The fields that open both a referral's read (referral-view.ts) and its lists' summary, in the order both show. */
export const referralHead = {
  referralId: z.string(),
  cantonId: z.string(),
  reference: Described.reference,
  requestId: z.string(),
  service: ReferredService,
  referringOfficer: Described.referringOfficer,
  status: Described.status,
};
