import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CalendarDay } from '#model/time.js';
import { pageParameters } from '#model/page.js';
import { PLAN_STATUSES } from '#domain/plan.js';
import { CantonPath } from './canton-path.js';

/** Casework's paths and queries (schemas/casework.ts has the answers; the bodies are domain/plan-input.ts's). */
const msg = (es: string, en: string) => ({ params: { es, en } });
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const Ulid = (what: { es: string; en: string }) =>
  withMeta(z.string().check(z.refine((value) => ULID.test(value), msg(what.es, what.en))), {
    pattern: '^[0-9A-HJKMNP-TV-Z]{26}$',
    description: 'ULID',
  });

export const CartPath = z.extend(CantonPath, {
  cartId: Ulid({ es: 'no es un identificador de carrito', en: 'is not a cart id' }),
});
export const CartItemPath = z.extend(CartPath, {
  itemNumber: z.coerce.number().check(z.int(), z.gte(1), z.lte(10000)),
});
export const PlanPath = z.extend(CantonPath, {
  planId: Ulid({ es: 'no es un identificador de plan', en: 'is not a plan id' }),
});
export const PlanItemPath = z.extend(PlanPath, {
  itemNumber: z.coerce.number().check(z.int(), z.gte(1), z.lte(10000)),
});

export const ListPlansQuery = z.strictObject({
  status: z.optional(z.enum(PLAN_STATUSES)),
  ...pageParameters(),
});
export type ListPlansInput = z.infer<typeof ListPlansQuery>;

export const ListVisitsQuery = z.strictObject({
  visitorId: withMeta(z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/))), {
    description: 'Whose visits (a staff id); the caller’s own when absent',
  }),
  from: withMeta(z.optional(CalendarDay), { description: 'From this day (inclusive); any day when absent' }),
  to: withMeta(z.optional(CalendarDay), { description: 'Up to this day (inclusive); any day when absent' }),
  ...pageParameters(),
});
export type ListVisitsInput = z.infer<typeof ListVisitsQuery>;

export const HouseholdFilePath = z.extend(CantonPath, {
  subjectKey: withMeta(z.string().check(z.regex(/^(PRV-[0-9A-HJKMNP-TV-Z]{26}|[A-Z0-9-]{3,40})$/)), {
    description: 'A Social Registry household id, or a provisional identity (PRV-…)',
  }),
});
