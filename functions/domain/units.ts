import type * as z from 'zod/mini';
import type { UnitSchema } from './canton.js';

/**
 * The units of a canton (or of the national level): named groups of its staff that work can be assigned to — a
 * complaint's activity, and, when the unit is also an organization of the catalogue, an internal referral of an
 * intervention plan. Part of the canton definition (`units`); its members are staff ids of the same file, checked
 * when the file loads. The schema of the definition's `units` is in domain/canton.ts, with the rest of the file's:
 * these rules read registered definitions and build none of it.
 */
export type Unit = z.infer<typeof UnitSchema>;

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
