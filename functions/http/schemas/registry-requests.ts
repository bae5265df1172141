import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { RegistryNationalId } from '#domain/registry.js';
import { CantonPath } from './canton-path.js';

/** The registry API's paths and small bodies: benefits, decisions, provisional identities. */
export const LocalBenefitBody = withMeta(
  z
    .strictObject({
      nationalId: RegistryNationalId,
      program: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
      serviceId: z.optional(z.string().check(z.maxLength(80))),
      referralId: z.optional(z.string().check(z.maxLength(40))),
      deliveredOn: z.iso.date(),
      kind: z.enum(['in-kind', 'cash']),
      amount: z.optional(z.number().check(z.gte(0), z.lte(100_000))),
      description: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))),
    })
    .check(
      z.refine((b) => b.kind !== 'cash' || b.amount !== undefined, {
        path: ['amount'],
        params: { es: 'un beneficio en efectivo lleva su monto', en: 'a cash benefit needs its amount' },
      }),
    ),
  { id: 'LocalBenefitInput' },
);
export type LocalBenefitInput = z.output<typeof LocalBenefitBody>;

export const ChangeRequestPath = z.extend(CantonPath, {
  changeId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
});

export const DecisionBody = withMeta(
  z.strictObject({
    outcome: z.enum(['approved', 'rejected']),
    reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)),
  }),
  { id: 'RegistryChangeDecision' },
);
export type DecisionInput = z.output<typeof DecisionBody>;

export const ProvisionalPath = z.extend(CantonPath, {
  provisionalId: z.string().check(z.regex(/^PRV-[0-9A-HJKMNP-TV-Z]{26}$/)),
});

const PersonName = z.strictObject({
  given: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
  family: z.string().check(z.trim(), z.minLength(1), z.maxLength(80)),
});

export const ProvisionalSearchBody = withMeta(
  z
    .strictObject({
      name: z.optional(PersonName),
      birthYear: z.optional(z.number().check(z.int(), z.gte(1900), z.lte(2100))),
      birthDate: z.optional(z.iso.date()),
      phone: z.optional(z.string().check(z.regex(/^\+[1-9]\d{6,14}$/))),
    })
    .check(
      z.refine((q) => q.name !== undefined || q.phone !== undefined, {
        params: { es: 'indique un nombre o un teléfono', en: 'give a name or a phone' },
      }),
    ),
  { id: 'ProvisionalIdentitySearch' },
);
export type ProvisionalSearchInput = z.output<typeof ProvisionalSearchBody>;

export const MergeBody = withMeta(
  z.strictObject({
    nationalId: withMeta(RegistryNationalId, {
      description: 'The national ID the person obtained or revealed',
    }),
  }),
  { id: 'ProvisionalIdentityMerge' },
);
export type MergeInput = z.output<typeof MergeBody>;

export const UnmergeBody = withMeta(
  z.strictObject({ reason: z.string().check(z.trim(), z.minLength(1), z.maxLength(500)) }),
  { id: 'ProvisionalIdentityUnmerge' },
);
