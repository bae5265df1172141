import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';

/**
 * A phone number as SMS needs it: E.164. Its own module, so that a schema with a phone (a contact officer's in the
 * catalogue) does not load intake's input schemas (request-input.ts, which offers it too).
 */
export const E164 = withMeta(
  z.string().check(
    z.refine((value) => /^\+[1-9]\d{6,14}$/.test(value), {
      params: {
        es: 'debe estar en formato E.164, p. ej. +593991234567',
        en: 'must be in E.164 format, e.g. +593991234567',
      },
    }),
  ),
  { pattern: '^\\+[1-9]\\d{6,14}$', examples: ['+593991234567'] },
);
