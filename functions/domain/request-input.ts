import * as z from 'zod';
import { CEDULA_PROBLEMS, cedulaProblem } from './cedula.js';
import { clock } from '#kernel/clock.js';
import { CONTACT_CHANNELS } from './request-input-mini.js';

/**
 * The citizen and contact schemas of intake in classic zod, for the complaint schemas that build on them with
 * classic methods. Everything else takes request-input-mini.ts — the same schemas and the rest of intake's, in
 * zod/mini — and this copy goes once the complaints move to zod/mini too: change both until then.
 */
export {
  CHANNELS,
  CONTACT_CHANNELS,
  REQUEST_STATUSES,
  URGENCIES,
  type ClassifyInput,
  type RecordRequestInput,
  type RequestStatus,
} from './request-input-mini.js';

const msg = (es: string, en: string) => ({ params: { es, en } });

const E164 = z
  .string()
  .refine(
    (value) => /^\+[1-9]\d{6,14}$/.test(value),
    msg('debe estar en formato E.164, p. ej. +593991234567', 'must be in E.164 format, e.g. +593991234567'),
  )
  .meta({ pattern: '^\\+[1-9]\\d{6,14}$', examples: ['+593991234567'] });

const NationalId = z.string().superRefine((value, ctx) => {
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
