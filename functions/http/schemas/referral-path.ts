import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';

/** The path of one referral of a canton: its own module, so that a route naming a referral loads no other schema. */
export const ReferralPath = z.object({
  cantonId: z.string(),
  referralId: withMeta(
    z.string().check(
      z.refine((value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value), {
        params: { es: 'no es un identificador de derivación', en: 'is not a referral id' },
      }),
    ),
    { pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' },
  ),
});
