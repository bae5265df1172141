import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';

/**
 * The id of an organization, service or location of the catalogue. Its own module, so that a schema naming a
 * catalogue entry (a referral's service, a provider's inbox) does not load the catalogue's input schemas.
 */
export const CatalogueId = withMeta(
  z.string().check(
    z.refine((value) => /^[a-z0-9][a-z0-9-]{1,63}$/.test(value), {
      params: {
        es: 'debe tener letras minúsculas, dígitos y guiones (2 a 64)',
        en: 'must be lower-case letters, digits and dashes (2–64)',
      },
    }),
  ),
  { pattern: '^[a-z0-9][a-z0-9-]{1,63}$' },
);
