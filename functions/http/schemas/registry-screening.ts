import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CitizenProfileSchema } from '#domain/citizen-profile.js';
import { RegistryNationalId } from '#domain/registry.js';

/** What a screening asks: whose registry data, and why. */
export const SCREENING_PURPOSES = [
  'intake',
  'referral',
  'case-management',
  'information-update',
  'complaint',
] as const;

export const ScreeningBody = withMeta(
  z.strictObject({
    nationalId: withMeta(RegistryNationalId, {
      description: 'Cédula of the citizen screened (in the body, never a URL)',
    }),
    purpose: withMeta(z.enum(SCREENING_PURPOSES), {
      description: 'Why the registry is read; kept in the audit trail',
    }),
    requestId: withMeta(z.optional(z.string().check(z.maxLength(40))), {
      description: "The citizen's request this screening serves",
    }),
    declared: withMeta(z.optional(CitizenProfileSchema), {
      description:
        'What the citizen declares that the registry lacks (e.g. a pregnancy): used for eligibility, marked as declared, never written to the registry',
    }),
  }),
  { id: 'Screening' },
);
export type ScreeningInput = z.output<typeof ScreeningBody>;
