import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CantonPath } from './canton-path.js';

/**
 * The paths of a complaint case, by id and by reference: complaint-activity-path.ts has an activity's,
 * complaint-list.ts the list query, schemas/complaints.ts the answers. Apart, so that an operation's bundle builds
 * only the schemas it validates with (an activity's number and a page's limit are coerced, which brings zod's
 * coercions along).
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const ComplaintPath = z.extend(CantonPath, {
  complaintId: withMeta(
    z
      .string()
      .check(
        z.refine((value) => ULID.test(value), msg('no es un identificador de caso', 'is not a case id')),
      ),
    { pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', description: 'ULID' },
  ),
});

export const ReferencePath = z.extend(CantonPath, {
  reference: withMeta(
    z
      .string()
      .check(
        z.refine(
          (value) => /^[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(value),
          msg('no es una referencia como F9MZ-NGF8', 'is not a reference such as F9MZ-NGF8'),
        ),
      ),
    { pattern: '^[0-9A-Z]{4}-[0-9A-Z]{4}$' },
  ),
});
