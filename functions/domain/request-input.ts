import * as z from 'zod';
import { CEDULA_PROBLEMS, cedulaProblem } from './cedula.js';
import { checkClassification } from './taxonomy-schema.js';
import { clock } from '#kernel/clock.js';

/**
 * What intake receives: a request as recorded and a classification, with the channels, urgencies and statuses they
 * name. The domain's rules take these types; the API validates its bodies with these same schemas. Custom checks
 * carry their message in both languages in `params` (see http/handler.ts).
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

export const CHANNELS = ['phone', 'walk-in', 'whatsapp', 'email', 'chatbot'] as const;
export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export const REQUEST_STATUSES = [
  'received',
  'classified',
  'assigned',
  'answered',
  'referred',
  // A referral ended without serving the citizen (rejected, cancelled, failed, entered in error) and no other is
  // open: the request is back in a queue, to be referred again, escalated or closed.
  'needs-referral',
  'escalated',
  'closed',
] as const;
export const CONTACT_CHANNELS = ['phone', 'sms', 'whatsapp', 'email'] as const;

export const E164 = z
  .string()
  .refine(
    (value) => /^\+[1-9]\d{6,14}$/.test(value),
    msg('debe estar en formato E.164, p. ej. +593991234567', 'must be in E.164 format, e.g. +593991234567'),
  )
  .meta({ pattern: '^\\+[1-9]\\d{6,14}$', examples: ['+593991234567'] });

export const NationalId = z.string().superRefine((value, ctx) => {
  const problem = cedulaProblem(value);
  if (problem) {
    ctx.addIssue({ code: 'custom', params: CEDULA_PROBLEMS[problem] });
  }
});

const PersonName = z
  .object({
    given: z.string().trim().min(1).max(80),
    family: z.string().trim().min(1).max(80),
  })
  .strict();

const CitizenWithNationalId = z
  .object({
    identification: z.literal('national-id'),
    nationalId: NationalId.meta({ description: 'Cédula de identidad: 10 dígitos con dígito verificador' }),
    name: PersonName.optional(),
  })
  .strict();

/** Attention without ID: a provisional identity, to be merged with a national ID later. */
const CitizenWithoutId = z
  .object({
    identification: z.literal('provisional'),
    name: PersonName,
    nationality: z.string().trim().min(2).max(60).optional(),
    birthYear: z.number().int().min(1900).max(2100).optional(),
    /** When the person knows it: likely duplicates then match on the whole date (docs/registry.md). */
    birthDate: z.iso
      .date()
      .refine(
        (value) => value <= clock.now().toISOString().slice(0, 10),
        msg('no puede ser futura', 'cannot be in the future'),
      )
      .optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .refine(
    (c) =>
      c.birthDate === undefined ||
      c.birthYear === undefined ||
      Number(c.birthDate.slice(0, 4)) === c.birthYear,
    {
      path: ['birthYear'],
      ...msg('no coincide con el año de la fecha de nacimiento', 'does not match the birth date’s year'),
    },
  );

export const CitizenInput = z.discriminatedUnion('identification', [CitizenWithNationalId, CitizenWithoutId]);

export const ContactInput = z
  .object({
    phone: E164.optional(),
    email: z.email().optional(),
    preferredChannel: z.enum(CONTACT_CHANNELS).optional(),
    language: z
      .enum(['es', 'en'])
      .optional()
      .meta({ description: 'The language the citizen is written to in (default es)' }),
  })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined, {
    ...msg('indique al menos un teléfono o un correo electrónico', 'give at least a phone or an e-mail'),
  })
  .refine(
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
  );

export const ClassificationInput = z
  .object({ category: z.string().max(60), subcategory: z.string().min(1).max(60) })
  .strict()
  .superRefine(checkClassification);

export const ConsentInput = z
  .object({
    dataSharing: z.enum(['given', 'refused']).meta({
      description:
        'Whether the citizen agrees that their data is shared with the providers they are referred to',
    }),
    contact: z.enum(['given', 'refused']).optional().meta({
      description:
        'Whether the citizen agrees to be contacted by SMS about their request (e.g. to confirm they were served); without it, an operator calls instead',
    }),
  })
  .strict();

export const RecordRequestBody = z
  .object({
    channel: z.enum(CHANNELS),
    citizen: CitizenInput,
    contact: ContactInput,
    description: z.string().trim().min(1).max(4000),
    classification: ClassificationInput.optional(),
    urgency: z.enum(URGENCIES).default('normal'),
    consent: ConsentInput,
  })
  .strict()
  .meta({ id: 'RecordRequest' });

export const ClassifyBody = ClassificationInput.extend({
  note: z.string().trim().max(1000).optional(),
}).meta({ id: 'Classify' });

export type RecordRequestInput = z.infer<typeof RecordRequestBody>;
export type ClassifyInput = z.infer<typeof ClassifyBody>;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
