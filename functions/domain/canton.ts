/**
 * A canton definition: one file per canton under cantons/, plus one for the national level. It is validated
 * before `cdk synth` and `npm start` do anything, and registered in the table so that handlers can read it.
 */

import * as z from 'zod/mini';
import { HolidayListSchema } from './holidays.js';
import { ROLES } from '#model/roles.js';
import { isTimeZone } from '#kernel/time-zone.js';
import { CATEGORY_CODES } from './taxonomy.js';
import { InterventionPlanOptionsSchema } from './plan-options.js';
import { CANTON_ID_PATTERN } from './canton-id.js';

export { CANTON_ID_PATTERN };

// ---- Units of the canton's staff (their rules: domain/units.ts) ----

export const UNIT_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(120));

export const UnitSchema = z.strictObject({
  id: z.string().check(z.regex(UNIT_ID_PATTERN, 'must be lower-case letters, digits and dashes, 2–40 long')),
  name: z.strictObject({ es: Name, en: Name }),
  /** Staff ids of the same definition. */
  members: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(
    z.minLength(1),
    z.refine((list) => new Set(list).size === list.length, 'must not repeat a member'),
  ),
  /**
   * The catalogue organization this unit is, when it is one: an internal referral of an intervention plan goes to
   * an organization that is a unit of the canton.
   */
  organizationId: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
});

export const UnitListSchema = z.array(UnitSchema).check(
  z.minLength(1),
  z.refine((list) => new Set(list.map((u) => u.id)).size === list.length, 'must not repeat a unit id'),
);

/** Where a definition's units name members that are not its staff: [unit index, member index, id] each. */
function unknownMembers(definition: {
  readonly units?: readonly z.infer<typeof UnitSchema>[] | undefined;
  readonly staff: readonly { readonly id: string }[];
}): [number, number, string][] {
  const staff = new Set(definition.staff.map((s) => s.id));
  return (definition.units ?? []).flatMap((unit, u) =>
    unit.members.flatMap((id, m): [number, number, string][] => (staff.has(id) ? [] : [[u, m, id]])),
  );
}

// ---- The definition ----

export const StaffMemberSchema = z.strictObject({
  id: z
    .string()
    .check(z.regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'must be a lower-case user id (letters, digits, . _ -)')),
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  email: z.email(),
  roles: z.array(z.enum(ROLES)).check(z.minLength(1)),
});

export const CantonDefinitionSchema = z
  .strictObject({
    id: z
      .string()
      .check(z.regex(CANTON_ID_PATTERN, 'must be lower-case letters, digits and dashes, 2–40 long')),
    level: z.enum(['canton', 'national']),
    name: z.string().check(z.minLength(1), z.maxLength(120)),
    province: z.string().check(z.minLength(1), z.maxLength(80)),
    /** INEC's code of the canton (4 digits) or of the country ("EC") for the national level. */
    code: z
      .string()
      .check(z.regex(/^(\d{4}|EC)$/, 'must be the 4-digit INEC canton code, or EC for national')),
    timeZone: z.string().check(z.refine(isTimeZone, 'must be an IANA time zone such as America/Guayaquil')),
    language: z.enum(['es', 'en']),
    enabledCategories: z.array(z.enum(CATEGORY_CODES)).check(
      z.minLength(1),
      z.refine((list) => new Set(list).size === list.length, 'must not repeat a category'),
    ),
    /**
     * Files (relative to the cantons folder) that seed the canton's catalogue and protocols when it is deployed or
     * started; applied idempotently.
     */
    seed: z.optional(
      z.strictObject({
        catalogue: z.optional(
          z.string().check(z.regex(/^[\w./-]+\.json$/, 'must be a relative path to a .json file')),
        ),
        protocols: z.optional(
          z.string().check(z.regex(/^[\w./-]+\.json$/, 'must be a relative path to a .json file')),
        ),
      }),
    ),
    /**
     * The canton's own rest days (cantonization, foundation, local festivities), moved like national ones; the
     * national days come from cantons/holidays/ecuador.json and are not repeated here.
     */
    holidays: z.optional(HolidayListSchema),
    /**
     * Social reports: whether a head of department (never the author) must approve a signed report. Absent:
     * required, the stricter reading of GSL's rule.
     */
    socialReports: z.optional(z.strictObject({ approval: z.enum(['required', 'not-required']) })),
    /** What the canton's intervention plans offer (domain/plan-options.ts); defaults when absent. */
    interventionPlans: z.optional(InterventionPlanOptionsSchema),
    /** Units of the canton's staff (domain/units.ts): complaints' activities and internal referrals go to them. */
    units: z.optional(UnitListSchema),
    staff: z.array(StaffMemberSchema).check(
      z.minLength(1),
      z.refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'must not repeat a staff id'),
      z.refine(
        (list) => list.some((s) => s.roles.includes('coordinator')),
        'must include at least one coordinator',
      ),
    ),
  })
  .check(
    z.superRefine((canton, ctx) => {
      for (const [unit, member, id] of unknownMembers(canton)) {
        ctx.addIssue({
          code: 'custom',
          path: ['units', unit, 'members', member],
          message: `"${id}" is not staff of this definition`,
          input: canton,
        });
      }
    }),
  );

export type CantonDefinition = z.infer<typeof CantonDefinitionSchema>;
export type StaffMember = z.infer<typeof StaffMemberSchema>;
