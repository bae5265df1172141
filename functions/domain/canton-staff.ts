import type { CantonDefinition, StaffMember } from './canton.js';

/**
 * The coordinators a canton definition names: whom its escalation ladders reach and its alarms tell. Apart from
 * canton.ts, whose schemas are built when it loads: a function that reads a registered definition (validated when
 * it was registered) has no use for them.
 */
export function coordinatorsOf(canton: CantonDefinition): StaffMember[] {
  return canton.staff.filter((s) => s.roles.includes('coordinator'));
}
