import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CANTON_ID_PATTERN } from '#domain/canton-id.js';
import { CantonPath } from './canton-path.js';

/** The paths that name one request: its own module, so that a route naming a request loads no other schema. */
export const RequestPath = z.extend(CantonPath, {
  requestId: withMeta(
    z.string().check(
      z.refine((value) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value), {
        params: { es: 'no es un identificador de solicitud', en: 'is not a request id' },
      }),
    ),
    { pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' },
  ),
});

/** A request escalated to the national single window, as the national canton names it: by its own canton. */
export const EscalatedRequestPath = z.object({
  cantonId: z.string(),
  originCantonId: z.string().check(z.regex(CANTON_ID_PATTERN)),
  requestId: RequestPath.shape.requestId,
});
