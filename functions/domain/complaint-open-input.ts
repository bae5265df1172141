import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CHANNELS, CITIZEN_IDENTIFICATIONS, ContactInput } from './request-input.js';
import { COMPLAINT_TYPES, REPLY_CHANNELS, SENSITIVE_REASONS } from './complaint-input.js';

/**
 * The body that opens a complaint case: what it is about and who complains, with the citizen and contact schemas
 * of intake (request-input.ts). Apart from complaint-input.ts, which the case's other operations load, so that
 * they do not bring those schemas.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });
const Id = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/**
 * What the case is about: a program, a catalogue service or provider, a referral, a unit of the canton, the single
 * window's staff, or words.
 */
export const ConcernsInput = withMeta(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('program'), name: Text(120) }),
    z.strictObject({
      kind: z.literal('service'),
      serviceId: withMeta(Id, { description: "A service of the canton's (or the national) catalogue" }),
    }),
    z.strictObject({ kind: z.literal('provider'), organizationId: Id }),
    z.strictObject({ kind: z.literal('referral'), referralId: Id }),
    z.strictObject({
      kind: z.literal('unit'),
      unitId: withMeta(Id, { description: 'A unit of the canton (its definition’s `units`)' }),
    }),
    z.strictObject({
      kind: z.literal('staff'),
      note: withMeta(z.optional(Text(500)), { description: 'Which office or person, in words' }),
    }),
    z.strictObject({ kind: z.literal('other'), text: Text(500) }),
  ]),
  { id: 'ComplaintConcerns' },
);
export type ConcernsInput = z.infer<typeof ConcernsInput>;

/**
 * An anonymous complainant carries nothing that identifies them (no ID, no name, no contact): they follow their
 * case by its reference alone. Any such field is refused by name.
 */
const Anonymous = z.strictObject({ identification: z.literal('anonymous') });

export const ComplainantInput = withMeta(
  z.discriminatedUnion('identification', [...CITIZEN_IDENTIFICATIONS, Anonymous]),
  { id: 'Complainant' },
);
export type ComplainantInput = z.infer<typeof ComplainantInput>;

export const OpenComplaintBody = withMeta(
  z
    .strictObject({
      type: withMeta(z.enum(COMPLAINT_TYPES), {
        description: 'The PQSSF type (a subcategory of `complaint`)',
      }),
      concerns: ConcernsInput,
      channel: z.enum(CHANNELS),
      complainant: ComplainantInput,
      contact: z.optional(ContactInput),
      replyChannel: withMeta(z.optional(z.enum(REPLY_CHANNELS)), {
        description:
          'How the reply reaches the citizen; from the contact when not given (preferred channel, else phone, else e-mail), in person for an anonymous complainant. An e-mail goes to the contact’s address; where the single window cannot e-mail citizens yet, its delivery is recorded as failed and the call centre gives the reply by phone',
      }),
      language: withMeta(z._default(z.enum(['es', 'en']), 'es'), {
        description: 'The language of the reply',
      }),
      description: Text(4000),
      sensitive: withMeta(z.optional(z.strictObject({ reason: z.enum(SENSITIVE_REASONS) })), {
        description:
          'Hides the case from all but the people assigned and the coordinators; a complaint about staff is sensitive unless stated',
      }),
      assigneeId: withMeta(z.optional(Id), {
        description: 'The staff member of the canton who owns the case',
      }),
    })
    .check(
      z.superRefine((body, ctx) => {
        if (body.complainant.identification === 'anonymous' && body.contact !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['contact'],
            ...msg(
              'una queja anónima no lleva datos de contacto: se sigue con su número de referencia',
              'an anonymous complaint carries no contact: it is followed by its reference',
            ),
          });
        }
        const channel = body.replyChannel;
        if (channel === 'sms' && !body.contact?.phone) {
          ctx.addIssue({
            code: 'custom',
            path: ['replyChannel'],
            ...msg('la respuesta por SMS necesita un teléfono', 'a reply by SMS needs a phone'),
          });
        }
        if (channel === 'email' && !body.contact?.email) {
          ctx.addIssue({
            code: 'custom',
            path: ['replyChannel'],
            ...msg('la respuesta por correo necesita un correo', 'a reply by e-mail needs an e-mail address'),
          });
        }
      }),
    ),
  { id: 'OpenComplaint' },
);
export type OpenComplaintInput = z.infer<typeof OpenComplaintBody>;
