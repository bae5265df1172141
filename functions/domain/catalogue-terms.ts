import * as z from 'zod/mini';

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

// The id's rule is in its own module, which schemas naming one catalogue entry load alone.
export { CatalogueId } from './catalogue-id.js';

export const Spots = (field: string) =>
  z
    .number()
    .check(
      z.refine(
        (v) => Number.isInteger(v) && v >= 0,
        msg(`${field} debe ser un número entero no negativo`, `${field} must be a non-negative whole number`),
      ),
    );
