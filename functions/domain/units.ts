import * as z from 'zod/mini';

/**
 * The units of a canton (or of the national level): named groups of its staff that work can be assigned to — a
 * complaint's activity, and, when the unit is also an organization of the catalogue, an internal referral of an
 * intervention plan. Part of the canton definition (`units`); its members are staff ids of the same file, checked
 * when the file loads (domain/canton.ts).
 */
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
export type Unit = z.infer<typeof UnitSchema>;

export const UnitListSchema = z.array(UnitSchema).check(
  z.minLength(1),
  z.refine((list) => new Set(list.map((u) => u.id)).size === list.length, 'must not repeat a unit id'),
);

interface WithUnits {
  readonly units?: readonly Unit[] | undefined;
}

export function findUnit(definition: WithUnits | undefined, unitId: string): Unit | undefined {
  return definition?.units?.find((u) => u.id === unitId);
}

/** The units a member of staff belongs to, in their own definition. */
export function unitsOfMember(definition: WithUnits | undefined, userId: string): Unit[] {
  return (definition?.units ?? []).filter((u) => u.members.includes(userId));
}

/**
 * The catalogue organizations that are units of the canton (internal referrals go to them); undefined when no
 * unit names one, and then any public organization counts as the canton's own.
 */
export function internalOrganizationsOf(definition: WithUnits): string[] | undefined {
  const ids = (definition.units ?? []).flatMap((u) => (u.organizationId ? [u.organizationId] : []));
  return ids.length > 0 ? ids : undefined;
}

/** Where a definition's units name members that are not its staff: [unit index, member index, id] each. */
export function unknownMembers(
  definition: WithUnits & { readonly staff: readonly { readonly id: string }[] },
): [number, number, string][] {
  const staff = new Set(definition.staff.map((s) => s.id));
  return (definition.units ?? []).flatMap((unit, u) =>
    unit.members.flatMap((id, m): [number, number, string][] => (staff.has(id) ? [] : [[u, m, id]])),
  );
}
