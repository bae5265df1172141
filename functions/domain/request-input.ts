import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CEDULA_PROBLEMS, cedulaProblem } from './cedula.js';
import { checkClassification } from './taxonomy-schema.js';
import { clock } from '#kernel/clock.js';
import { E164 } from './phone.js';
import {
  CHANNELS,
  CONTACT_CHANNELS,
  REQUEST_STATUSES,
  type RequestStatus,
  URGENCIES,
} from './request-vocabulary.js';

/**
 * What intake receives: a request as recorded and a classification, with the channels, urgencies and statuses they
 * name. The domain's rules take these types; the API validates its bodies with these same schemas. Custom checks
 * carry their message in both languages in `params` (see http/handler.ts).
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

// The vocabulary is its own module (for the views); the inputs name it, and callers find it here too.
export { CHANNELS, URGENCIES, REQUEST_STATUSES, CONTACT_CHANNELS, type RequestStatus };

export { E164 };

export const NationalId = z.string().check(
  z.superRefine((value, ctx) => {
    const problem = cedulaProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', params: CEDULA_PROBLEMS[problem] });
    }
  }),
);

const PersonName = z.strictObject({
  given: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  family: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
});

const CitizenWithNationalId = z.strictObject({
  identification: z.literal('national-id'),
  nationalId: withMeta(NationalId, { description: 'Cédula de identidad: 10 dígitos con dígito verificador' }),
  name: z.optional(PersonName),
});

/** Attention without ID: a provisional identity, to be merged with a national ID later. */
const CitizenWithoutId = z
  .strictObject({
    identification: z.literal('provisional'),
    name: PersonName,
    nationality: z.optional(z.string().check(z.trim(), z.minLength(2), z.maxLength(60))),
    birthYear: z.optional(z.number().check(z.int(), z.gte(1900), z.lte(2100))),
    /** When the person knows it: likely duplicates then match on the whole date (docs/registry.md). */
    birthDate: z.optional(
      z.iso
        .date()
        .check(
          z.refine(
            (value) => value <= clock.now().toISOString().slice(0, 10),
            msg('no puede ser futura', 'cannot be in the future'),
          ),
        ),
    ),
    note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  })
  .check(
    z.refine(
      (c) =>
        c.birthDate === undefined ||
        c.birthYear === undefined ||
        Number(c.birthDate.slice(0, 4)) === c.birthYear,
      {
        path: ['birthYear'],
        ...msg('no coincide con el año de la fecha de nacimiento', 'does not match the birth date’s year'),
      },
    ),
  );

/** The ways a citizen is identified; a complainant (domain/complaint-input.ts) may also be anonymous. */
export const CITIZEN_IDENTIFICATIONS = [CitizenWithNationalId, CitizenWithoutId] as const;

export const CitizenInput = z.discriminatedUnion('identification', CITIZEN_IDENTIFICATIONS);

export const ContactInput = z
  .strictObject({
    phone: z.optional(E164),
    email: z.optional(z.email()),
    preferredChannel: z.optional(z.enum(CONTACT_CHANNELS)),
    language: withMeta(z.optional(z.enum(['es', 'en'])), {
      description: 'The language the citizen is written to in (default es)',
    }),
  })
  .check(
    z.refine((c) => c.phone !== undefined || c.email !== undefined, {
      ...msg('indique al menos un teléfono o un correo electrónico', 'give at least a phone or an e-mail'),
    }),
    z.refine(
      (c) =>
        c.preferredChannel === undefined ||
        (c.preferredChannel === 'email' ? c.email !== undefined : c.phone !== undefined),
      {
        path: ['preferredChannel'],
        ...msg(
          'el canal preferido necesita su dato de contacto',
          'the preferred channel needs its contact detail',
        ),
      },
    ),
  );

export const ClassificationInput = z
  .strictObject({
    category: z.string().check(z.maxLength(60)),
    subcategory: z.string().check(z.minLength(1), z.maxLength(60)),
  })
  .check(z.superRefine(checkClassification));

export const ConsentInput = z.strictObject({
  dataSharing: withMeta(z.enum(['given', 'refused']), {
    description:
      'Whether the citizen agrees that their data is shared with the providers they are referred to',
  }),
  contact: withMeta(z.optional(z.enum(['given', 'refused'])), {
    description:
      'Whether the citizen agrees to be contacted by SMS about their request (e.g. to confirm they were served); without it, an operator calls instead',
  }),
});

export const RecordRequestBody = withMeta(
  z.strictObject({
    channel: z.enum(CHANNELS),
    citizen: CitizenInput,
    contact: ContactInput,
    description: z.string().check(z.trim(), z.minLength(1), z.maxLength(4000)),
    classification: z.optional(ClassificationInput),
    urgency: z._default(z.enum(URGENCIES), 'normal'),
    consent: ConsentInput,
  }),
  { id: 'RecordRequest' },
);

export const ClassifyBody = withMeta(
  z.extend(ClassificationInput, {
    note: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
  }),
  { id: 'Classify' },
);

export type RecordRequestInput = z.infer<typeof RecordRequestBody>;
export type ClassifyInput = z.infer<typeof ClassifyBody>;
