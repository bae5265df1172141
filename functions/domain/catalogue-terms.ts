import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';

/**
 * The catalogue's words and ids, apart from the schemas of whole records (catalogue-input.ts): what a path, a query
 * or a small body of the catalogue's API needs, without the eligibility rules and contact schemas a record brings.
 */
const msg = (es: string, en: string) => ({ params: { es, en } });

export const SECTORS = ['public', 'private', 'non-profit', 'religious'] as const;
export const LEVELS = ['canton', 'national'] as const;
export const SERVICE_STATUSES = ['active', 'inactive', 'temporarily-closed', 'defunct'] as const;
export const NOTIFICATION_CHANNELS = ['sms', 'email'] as const;
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export const CatalogueId = withMeta(
  z
    .string()
    .check(
      z.refine(
        (value) => /^[a-z0-9][a-z0-9-]{1,63}$/.test(value),
        msg(
          'debe tener letras minúsculas, dígitos y guiones (2 a 64)',
          'must be lower-case letters, digits and dashes (2–64)',
        ),
      ),
    ),
  { pattern: '^[a-z0-9][a-z0-9-]{1,63}$' },
);

export const Spots = (field: string) =>
  z
    .number()
    .check(
      z.refine(
        (v) => Number.isInteger(v) && v >= 0,
        msg(`${field} debe ser un número entero no negativo`, `${field} must be a non-negative whole number`),
      ),
    );
